"""The mock as a package: its wheel, built directly and through its sdist, holds every module, the
spec and the default fixtures, and declares the command and the pytest plugin."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from mock_server.spec import SPEC_PATH
from mock_server.storage.fixtures import DEFAULT_FIXTURES

ROOT = Path(__file__).resolve().parent.parent
# What a build of the mock reads: anything else in the repository must not be needed.
SOURCES = ("pyproject.toml", "README.md", "MANIFEST.in", "mock_server", "openapi")


def build(tmp: Path, *kinds: str) -> list[Path]:
    """Build from a copy of the sources (the build writes build/ and egg-info beside them)."""
    source = tmp / "source"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, source / name)
    out = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", *kinds, "--outdir", str(out), str(source)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return sorted(out.iterdir())


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`python -m build` makes the sdist, then the wheel from the unpacked sdist."""
    built = build(tmp_path_factory.mktemp("via-sdist"))
    (sdist,) = [path for path in built if path.name.endswith(".tar.gz")]
    (wheel,) = [path for path in built if path.suffix == ".whl"]
    (direct,) = build(tmp_path_factory.mktemp("direct"), "--wheel")
    return {"sdist": sdist, "wheel": wheel, "direct": direct}


def packages_in_source() -> set[str]:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "mock_server").rglob("__init__.py")
    }
    return found | {"mock_server.openapi"}


def test_the_wheel_holds_every_package_the_spec_and_the_fixtures(
    artifacts: dict[str, Path],
) -> None:
    with zipfile.ZipFile(artifacts["wheel"]) as wheel:
        names = set(wheel.namelist())
        spec = wheel.read("mock_server/openapi/northflank.yaml")
        fixtures = {
            name.removeprefix("mock_server/fixtures/default/"): wheel.read(name)
            for name in names
            if name.startswith("mock_server/fixtures/default/")
        }
    packages = {name.rsplit("/", 1)[0].replace("/", ".") for name in names if name.endswith(".py")}
    assert packages_in_source() <= packages | {"mock_server.openapi"}
    assert spec == SPEC_PATH.read_bytes()
    expected = {
        str(path.relative_to(DEFAULT_FIXTURES)): path.read_bytes()
        for path in DEFAULT_FIXTURES.rglob("*.json")
    }
    assert len(expected) == 7 and fixtures == expected
    assert "mock_server/py.typed" in names
    # Nothing but the mock: no tests, scripts or the generator's configuration.
    assert not any(name.startswith(("tests/", "scripts/", "openapi/")) for name in names)
    assert not any(name.endswith("client-config.yaml") for name in names)


def test_the_wheel_declares_the_command_and_the_pytest_plugin(artifacts: dict[str, Path]) -> None:
    with zipfile.ZipFile(artifacts["wheel"]) as wheel:
        (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
        parser = configparser.ConfigParser()
        parser.read_string(wheel.read(entry_points).decode())
        (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        requires = [
            line
            for line in wheel.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
    assert dict(parser["console_scripts"]) == {"northflank-mock": "mock_server.cli:main"}
    assert dict(parser["pytest11"]) == {"northflank_mock": "mock_server.pytest_plugin"}
    # Serving needs none of the development tools; the plugin's needs are an extra.
    runtime = [line for line in requires if "extra ==" not in line]
    assert not any(tool in " ".join(runtime) for tool in ("mypy", "ruff", "schemathesis", "pytest"))
    assert any("pytest" in line and 'extra == "pytest"' in line for line in requires)


def test_the_sdist_and_a_direct_build_give_the_same_wheel(artifacts: dict[str, Path]) -> None:
    def contents(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as wheel:
            return {
                name: wheel.read(name)
                for name in wheel.namelist()
                if not name.endswith(".dist-info/RECORD")
            }

    assert contents(artifacts["wheel"]) == contents(artifacts["direct"])
    with tarfile.open(artifacts["sdist"]) as sdist:
        names = sdist.getnames()
    assert any(name.endswith("/openapi/northflank.yaml") for name in names)
    assert not any("/tests/" in name for name in names)


def test_the_checkout_serves_its_own_spec() -> None:
    """The editable install `make setup` makes reads the spec in openapi/, not a copy."""
    assert SPEC_PATH == ROOT / "openapi" / "northflank.yaml"
    assert DEFAULT_FIXTURES == ROOT / "mock_server" / "fixtures" / "default"

"""`make mock` installs only what running the mock needs, at the versions the tests run with."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        if line and not line.startswith("#"):
            package, version = line.split("==")
            found[package.lower().replace("_", "-")] = version
    return found


def test_the_mock_lock_is_the_runtime_part_of_the_toolchain_lock() -> None:
    mock, dev = pins("requirements-mock.lock"), pins("requirements.lock")
    assert {"connexion", "uvicorn", "jsonschema-rs", "watchfiles", "pyyaml"} <= set(mock)
    assert not {
        "mypy",
        "ruff",
        "schemathesis",
        "openapi-python-client",
        "pytest",
        "hypothesis",
    } & set(mock)
    assert {package: dev.get(package) for package in mock} == mock  # same versions
    assert len(mock) < len(dev) * 2 / 3


def test_make_mock_installs_the_mock_lock_only() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^mock: \$\(MOCK_STAMP\) ", makefile, re.M)
    rule = makefile.split("$(MOCK_STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "install -r requirements-mock.lock" in rule and "requirements.lock" not in rule.replace(
        "requirements-mock.lock", ""
    )
    for target in ("test", "lint", "generate"):
        assert re.search(rf"^{target}: \$\(STAMP\)", makefile, re.M), target

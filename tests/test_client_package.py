"""The generated package as a project: regenerated identically, typed, installable, usable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from scripts.generate_client import OUTPUT, PACKAGE, SPEC, drift, generate
from tests.mockproc import MockProcess
from tests.test_client_readme import main_readme_client_blocks, package_blocks

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "examples" / "release_app.py"
BIN = Path(sys.executable).parent


def test_committed_client_is_what_the_spec_generates() -> None:
    stale = drift()
    assert stale == [], f"generated/ is out of date, run `make generate`: {stale}"


def test_drift_is_caught_and_named(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    spec["components"]["schemas"]["JobBuild"]["properties"]["durationSeconds"] = {
        "type": "number",
        "description": "How long the build took.",
    }
    spec["components"]["schemas"]["BuildStatus"]["enum"].append("SIGNING")
    changed = tmp_path / "northflank.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    stale = drift(changed)
    assert f"{PACKAGE}/models/job_build.py" in stale
    assert f"{PACKAGE}/models/build_status.py" in stale
    assert len(stale) == 2


def test_check_mode_fails_and_names_the_files(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    del spec["paths"]["/v1/projects/{projectId}/jobs/{jobId}/build"]
    del spec["paths"]["/v1/teams/{teamId}/projects/{projectId}/jobs/{jobId}/build"]
    changed = tmp_path / "northflank.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    result = subprocess.run(
        [sys.executable, "scripts/generate_client.py", "--check", "--spec", str(changed)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert f"{PACKAGE}/api/jobs/list_job_builds.py" in result.stderr
    assert f"{PACKAGE}/api/jobs/list_team_job_builds.py" in result.stderr


def test_regeneration_leaves_no_stale_module(tmp_path: Path) -> None:
    output = tmp_path / OUTPUT.name
    shutil.copytree(OUTPUT, output)
    spec = yaml.safe_load(SPEC.read_text())
    for prefix in ("/v1", "/v1/teams/{teamId}"):
        del spec["paths"][
            f"{prefix}/projects/{{projectId}}/pipelines/{{pipelineId}}/release-flows/{{stage}}"
            "/runs/{runId}/abort"
        ]
    changed = tmp_path / "northflank.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    generate(changed, output)
    assert not (output / PACKAGE / "api/pipelines/abort_release_flow_run.py").exists()
    assert not (output / PACKAGE / "api/pipelines/abort_team_release_flow_run.py").exists()
    assert (output / PACKAGE / "api/pipelines/get_release_flow_run.py").exists()


def test_a_generator_warning_fails_generation(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    runs = spec["paths"][
        "/v1/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs"
    ]
    # openapi-python-client cannot build an object-typed header parameter: it warns and skips it.
    runs["get"]["parameters"].append(
        {"name": "X-Filter", "in": "header", "schema": {"type": "object", "properties": {}}}
    )
    changed = tmp_path / "northflank.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    result = subprocess.run(
        [sys.executable, "scripts/generate_client.py", "--spec", str(changed), "--output", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "make generate:" in result.stderr and "WARNING" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_package_type_checks_strictly() -> None:
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", PACKAGE],
        cwd=OUTPUT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


@pytest.fixture(scope="module")
def clean_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv with nothing but `pip install generated/northflank-release-client`."""
    home = tmp_path_factory.mktemp("clean-venv")
    # A copy, so that the build leaves nothing behind in the repository.
    source = shutil.copytree(
        OUTPUT, home / OUTPUT.name, ignore=shutil.ignore_patterns("*.egg-info", "build")
    )
    venv.create(home / "venv", with_pip=True)
    python = home / "venv" / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return python


def test_pip_install_in_a_clean_venv_ships_py_typed(clean_venv: Path) -> None:
    result = subprocess.run(
        [str(clean_venv), "-c", f"import {PACKAGE}, pathlib; print(pathlib.Path({PACKAGE}.__file__).parent)"],
        capture_output=True, text=True, check=True, cwd="/",
    )  # fmt: skip
    installed = Path(result.stdout.strip())
    assert "site-packages" in installed.parts
    assert (installed / "py.typed").is_file()
    assert (installed / "pagination.py").is_file() and (installed / "waiting.py").is_file()


def test_example_app_type_checks_against_the_installed_package(clean_venv: Path) -> None:
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", "--python-executable", str(clean_venv), str(EXAMPLE)],
        capture_output=True, text=True, check=False, cwd="/",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def readme_examples(home: Path, *, in_process: bool) -> list[str]:
    """The READMEs' examples as files: those that serve the mock in-process, or all the others."""
    paths = []
    for number, block in enumerate([*package_blocks(), *main_readme_client_blocks()]):
        if ("mock_server" in block) == in_process:
            path = home / f"readme_example_{number}.py"
            path.write_text(block)
            paths.append(str(path))
    return paths


def test_readme_examples_type_check_against_the_installed_package(
    clean_venv: Path, tmp_path: Path
) -> None:
    examples = readme_examples(tmp_path, in_process=False)
    assert len(examples) == 8
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", "--python-executable", str(clean_venv), *examples],
        capture_output=True, text=True, check=False, cwd="/",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def test_the_in_process_readme_example_type_checks(tmp_path: Path) -> None:
    (example,) = readme_examples(tmp_path, in_process=True)
    # mock_server is this repository's; its own dependencies are checked by `make lint`.
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", "--follow-imports=silent", example],
        capture_output=True, text=True, check=False, cwd="/",
        env={**os.environ, "MYPYPATH": f"{ROOT}{os.pathsep}{OUTPUT}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def test_example_app_runs_against_the_mock(clean_venv: Path) -> None:
    with MockProcess("--pending-seconds", "0.2", "--run-seconds", "0.6") as mock:
        result = subprocess.run(
            [str(clean_venv), str(EXAMPLE), "--base-url", mock.url, "--token", "t"],
            capture_output=True, text=True, check=False, timeout=60, cwd="/",
        )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("recent: ") for line in lines) == 5
    assert any(line.startswith("started: ") and line.endswith(" pending") for line in lines)
    assert lines[-1].startswith("concluded: ") and lines[-1].endswith(" success")

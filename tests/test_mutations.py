"""The suite catches breakage: copies of the project with one deliberate fault each, and the
checks that must fail on them. A copy, never the working tree, is changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("openapi", "mock_server", "scripts", "tests", "pyproject.toml", "README.md", "docs")
STAGING_RUNS = "mock_server/fixtures/default/projects/demo-project/pipelines/demo-pipeline/release-flows/staging/runs.json"


def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    return copy


def remove_required_fixture_field(copy: Path) -> None:
    path = copy / STAGING_RUNS
    runs = json.loads(path.read_text())
    del runs[5]["createdAt"]
    path.write_text(json.dumps(runs, indent=2))


def change_spec_enum(copy: Path) -> None:
    path = copy / "openapi/northflank.yaml"
    spec = yaml.safe_load(path.read_text())
    statuses = spec["components"]["schemas"]["ReleaseFlowRunStatus"]["enum"]
    statuses[statuses.index("success")] = "succeeded"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))


def handler_answers_500(copy: Path) -> None:
    path = copy / "mock_server/http/handlers.py"
    source = path.read_text()
    marker = '        authorize(token_info, project_id, "jobs:read", team_id)\n'
    assert marker in source
    path.write_text(source.replace(marker, marker + '        raise RuntimeError("mutant")\n'))


MUTANTS: list[tuple[str, Callable[[Path], None], list[str], str]] = [
    ("fixture without a required field", remove_required_fixture_field, ["tests/test_fixtures.py"], "[5].createdAt"),
    ("spec enum changed", change_spec_enum, ["tests/test_spec.py", "tests/test_fixtures.py"], "ReleaseFlowRun.status: page values missing from the enum"),
    ("handler answering 500", handler_answers_500, ["tests/test_mock_http.py", "-k", "list_builds or rejected"], "Internal error in the mock: RuntimeError"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "mutate", "checks", "evidence"), MUTANTS, ids=[m[0] for m in MUTANTS]
)
def test_the_suite_fails_on_a_mutant(
    tmp_path: Path, label: str, mutate: Callable[[Path], None], checks: list[str], evidence: str
) -> None:
    copy = project_copy(tmp_path)
    mutate(copy)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *checks],
        cwd=copy, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[
        -3000:
    ]  # 1: tests failed (not a usage or collection error)
    assert evidence in output, output[-3000:]


def test_the_unmutated_copy_passes(tmp_path: Path) -> None:
    copy = project_copy(tmp_path)
    checks = [
        "tests/test_fixtures.py",
        "tests/test_spec.py",
        "tests/test_mock_http.py",
        "-k",
        "not walk and not cursor_walk",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *checks],
        cwd=copy, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]

"""Northflank's official Python SDK (`northflank` on PyPI, pinned) against the real mock, with and
without a team id: every operation answers, and the SDK calls the team-scoped routes when given a
team. The SDK is installed, as its users would, into a virtualenv of its own under .cache/ (once;
again when the pins change). tests/official_scenario.py says what is checked;
interop/test_official_js_client.py does the same for @northflank/js-client (`make interop`)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mockproc import MockProcess
from tests.official_scenario import MOCK_ARGS, TEAM, check

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "official_clients"
REQUIREMENTS = HERE / "requirements.txt"
DRIVER = HERE / "drive_python.py"
VENV = ROOT / ".cache" / "official-clients" / "python"
INSTALL_TIMEOUT = 300


def _python() -> Path:
    """The SDK's virtualenv, installed from the pins unless it already holds exactly them."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".installed"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    venv.create(VENV, with_pip=True)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
         "--no-deps", "-r", str(REQUIREMENTS)],
        capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"cannot install the official SDK from {REQUIREMENTS}:\n{result.stderr}")
    stamp.write_text(wanted)
    return python


@pytest.fixture(scope="module")
def sdk() -> Path:
    return _python()


@pytest.fixture(scope="module")
def sdk_mock() -> Iterator[MockProcess]:
    with MockProcess(*MOCK_ARGS) as process:
        yield process


def test_the_pinned_sdk_is_the_one_installed(sdk: Path) -> None:
    result = subprocess.run(
        [str(sdk), "-c", "import importlib.metadata as m; print(m.version('northflank'))"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    pinned = next(
        line.split("==")[1] for line in REQUIREMENTS.read_text().splitlines()
        if line.startswith("northflank==")
    )  # fmt: skip
    assert result.stdout.strip() == pinned, result.stderr


@pytest.mark.parametrize("team", [None, TEAM], ids=["project-scoped", "team-scoped"])
def test_the_official_python_sdk_works_against_the_mock(
    sdk: Path, sdk_mock: MockProcess, team: str | None
) -> None:
    sdk_mock.reset()
    command = [str(sdk), str(DRIVER), sdk_mock.url, "any-token", *([team] if team else [])]
    # Not the project's directory: the SDK's virtualenv must not see the project's packages.
    result = subprocess.run(
        command, cwd=VENV, capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    check(json.loads(result.stdout), sdk_mock.requests(), team, ["sync", "async"])


def test_the_sdk_runs_apart_from_the_project(sdk: Path) -> None:
    """The SDK's interpreter sees neither the project nor its client: what passes above is the
    SDK's own doing."""
    probe = "import importlib.util as u; print(u.find_spec('mock_server'), u.find_spec('httpx_retries'))"
    result = subprocess.run(
        [str(sdk), "-c", probe], cwd=VENV, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.split() == ["None", "None"], result.stdout + result.stderr
    assert Path(sys.executable).resolve() != sdk.resolve()

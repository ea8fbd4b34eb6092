"""Northflank's official JavaScript client (@northflank/js-client, pinned in interop/package.json)
against the real mock, with and without a team id: every operation answers, and the client calls
the team-scoped routes when given a team. tests/official_scenario.py says what is checked;
tests/test_official_clients.py does the same for the official Python SDK in `make test`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interop.conftest import TOOLS, run
from tests.mockproc import MockProcess
from tests.official_scenario import MOCK_ARGS, TEAM, check

HERE = Path(__file__).resolve().parent
DRIVER = "drive_js_client.mjs"


@pytest.fixture(scope="module")
def driver() -> Path:
    """The driver beside the installed client: ECMAScript modules resolve packages from where
    the importing file is."""
    client = TOOLS / "node_modules" / "@northflank" / "js-client" / "package.json"
    if not client.exists():
        pytest.fail(f"{client} is missing: run `make interop`, which installs the pinned tools")
    version = json.loads(client.read_text())["version"]
    pinned = json.loads((HERE / "package.json").read_text())["devDependencies"]
    assert version == pinned["@northflank/js-client"]
    shutil.copy(HERE / DRIVER, TOOLS / DRIVER)
    return TOOLS / DRIVER


@pytest.fixture(scope="module")
def js_mock() -> Iterator[MockProcess]:
    with MockProcess(*MOCK_ARGS) as process:
        yield process


@pytest.mark.parametrize("team", [None, TEAM], ids=["project-scoped", "team-scoped"])
def test_the_official_js_client_works_against_the_mock(
    driver: Path, js_mock: MockProcess, team: str | None
) -> None:
    node = shutil.which("node")
    assert node, "make interop needs node"
    js_mock.reset()
    result = run(node, driver, js_mock.url, "any-token", *([team] if team else []), cwd=TOOLS)
    assert result.returncode == 0, result.stderr[-3000:]
    check(json.loads(result.stdout), js_mock.requests(), team, ["js"])

"""The documentation's examples for the mock as a tool, run as written: the request filters of
docs/mock.md, and the assertion message, the pytest configuration and the in-process examples of
docs/testing.md. (The install, pytest and in-process examples also run in a clean virtualenv:
test_external.py; the browser example: test_browser.py; the container examples:
test_container.py.)"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from mock_server import NorthflankMock
from scripts.generate_client import OUTPUT
from tests.conftest import RUNS
from tests.readme_blocks import MOCK_DOC, TESTING_DOC, blocks, section

pytest_plugins = ["pytester"]
DEV = RUNS.format(stage="development")
ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_the_request_filter_examples(fresh: NorthflankMock) -> None:
    listed = [
        line for line in blocks("Request-log filters", "sh", MOCK_DOC)[0].splitlines() if line
    ]
    assert len(listed) == 2
    with fresh.http() as api:
        api.post(DEV, json={"name": "Filtered"})
        api.get("/v1/projects/demo-project/jobs/demo-job/build")
        api.get(DEV)
    answers = []
    for line in listed:
        argv = [part.replace("http://127.0.0.1:4010", fresh.url) for part in shlex.split(line)]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
        answers.append(json.loads(result.stdout))
    created, builds = answers
    assert created["count"] == 1 and created["byOperationId"] == {"runReleaseFlow": 1}
    assert builds["count"] == 1 and builds["requests"][0]["operationId"] == "listJobBuilds"
    (shown,) = blocks("Request-log filters", "json", MOCK_DOC)
    example = json.loads(shown)
    assert set(example) == set(created)
    assert set(example["requests"][0]) - {"..."} <= set(created["requests"][0])


def test_the_assertion_message_is_the_real_one(northflank_mock: NorthflankMock) -> None:
    shown_in = section("Checking requests", TESTING_DOC)
    (shown,) = re.findall(r"```\n(AssertionError: .*?)```", shown_in, re.S)
    with northflank_mock.http() as api:
        api.get(DEV, params={"per_page": 2})
        api.post(DEV, json={})
        api.get("/v1/nowhere")
    with pytest.raises(AssertionError) as failure:
        northflank_mock.assert_called("runReleaseFlow", times=2)
    assert f"AssertionError: {failure.value}\n" == shown


def test_the_suggested_ini_configuration(pytester: pytest.Pytester) -> None:
    (ini,) = blocks("Configuration", "ini", TESTING_DOC)
    pytester.makeini(ini)
    pytester.makepyfile(
        f"""
def test_configured(northflank_mock):
    assert northflank_mock.health()["clock"]["manual"] is True
    assert northflank_mock.embedded.settings.strict_responses is True
    with northflank_mock.http() as api:
        ids = [api.post("{DEV}", json={{}}).json()["data"]["id"] for _ in range(2)]
    assert ids == {seeded_ids()!r}
"""
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def seeded_ids() -> list[str]:
    """The ids the suggested seed gives the first two created runs."""
    from mock_server import EmbeddedMock, Settings

    with (
        EmbeddedMock(Settings(seed=7), listen=False) as embedded,
        NorthflankMock(embedded) as mock,
        mock.http() as api,
    ):
        return [api.post(DEV, json={}).json()["data"]["id"] for _ in range(2)]


def test_the_in_process_examples_type_check(tmp_path: Path) -> None:
    """The package is typed (py.typed): its in-process examples pass mypy --strict as written."""
    examples = []
    for number, block in enumerate(blocks("In-process mode", "python", TESTING_DOC)):
        path = tmp_path / f"in_process_{number}.py"
        path.write_text(block)
        examples.append(str(path))
    assert len(examples) == 2
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", "--follow-imports=silent", *examples],
        capture_output=True, text=True, check=False, cwd="/",
        env={**os.environ, "MYPYPATH": f"{ROOT}{os.pathsep}{OUTPUT}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout

"""--reload: the mock restarts on its own when a fixture file changes; while a changed file does
not validate, every request answers 503 naming it, and fixing it brings the mock back."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from mock_server.cli import parse_args, settings_from, watched
from mock_server.spec import SPEC_PATH
from mock_server.storage.fixtures import DEFAULT_FIXTURES
from tests.conftest import BUILDS
from tests.mockproc import MockProcess, run_cli

BUILDS_FILE = "projects/demo-project/jobs/demo-job/builds.json"


def until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "no reload within the time allowed"
        time.sleep(0.1)


def test_a_changed_fixture_is_served_a_broken_one_explained(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(DEFAULT_FIXTURES, tmp_path / "fixtures"))
    path = folder / BUILDS_FILE
    builds = json.loads(path.read_text())
    newest = max(range(len(builds)), key=lambda i: builds[i]["createdAt"])
    with MockProcess("--reload", "--fixtures", str(folder)) as mock, mock.http() as api:

        def newest_build() -> httpx.Response:
            return api.get(BUILDS, params={"per_page": 1})

        created = api.post(
            "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"
        ).json()["data"]["id"]
        builds[newest]["branch"] = "reloaded"
        path.write_text(json.dumps(builds))
        until(lambda: newest_build().json()["data"]["builds"][0].get("branch") == "reloaded")
        # A new process: what was created before is gone, as after a reset.
        runs = "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"
        assert api.get(f"{runs}/{created}").status_code == 404

        builds[4]["status"] = 17
        path.write_text(json.dumps(builds))
        until(lambda: newest_build().status_code == 503)
        error = newest_build().json()["error"]
        assert str(path) in error["message"] and "[4].status" in error["message"]
        assert mock.control.get("/_mock/health").status_code == 503

        builds[4]["status"] = "SUCCESS"
        path.write_text(json.dumps(builds))
        until(lambda: newest_build().status_code == 200)


def test_it_watches_the_spec_and_the_fixtures(tmp_path: Path) -> None:
    settings = settings_from(parse_args(["--reload", "--fixtures", str(tmp_path)]), None)
    directories, patterns = watched(settings)
    assert directories == [SPEC_PATH.parent, tmp_path.resolve()]
    assert patterns == ["northflank.yaml", "*.json"]


def test_reload_and_workers_do_not_combine(tmp_path: Path) -> None:
    result = run_cli("--reload", "--workers", "2", "--state", str(tmp_path / "s.sqlite"))
    assert result.returncode != 0 and "does not combine with --workers" in result.stderr

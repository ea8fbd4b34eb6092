"""POST /_mock/reset reads the fixture folder again when its files changed, validated as at
start-up: on a mismatch the mock keeps its data, changes nothing and answers 400 naming the file
and the field."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_server import NorthflankMock
from mock_server.storage.fixtures import DEFAULT_FIXTURES, FixtureError, FixtureFolder
from tests.conftest import BUILDS, RUNS
from tests.mockproc import MockProcess

BUILDS_FILE = "projects/demo-project/jobs/demo-job/builds.json"
DEV_RUNS_FILE = "projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs.json"
DEV = RUNS.format(stage="development")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_FIXTURES, tmp_path / "fixtures"))


def edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def newest_build_status(api: httpx.Client) -> str:
    status: str = api.get(BUILDS, params={"per_page": 1}).json()["data"]["builds"][0]["status"]
    return status


def rename_newest_build(status: str) -> Any:
    def change(builds: list[dict[str, Any]]) -> None:
        newest = max(builds, key=lambda build: build["createdAt"])
        newest["status"] = status

    return change


def test_reset_reads_changed_fixtures_and_refuses_broken_ones(
    folder: Path, northflank_mock_factory: Callable[..., NorthflankMock]
) -> None:
    with northflank_mock_factory("--fixtures", str(folder)) as mock, mock.http() as api:
        before = newest_build_status(api)
        changed = "FAILURE" if before != "FAILURE" else "SUCCESS"
        created = api.post(DEV, json={}).json()["data"]["id"]
        edit(folder / BUILDS_FILE, rename_newest_build(changed))
        assert newest_build_status(api) == before  # read again only on reset
        assert mock.control.post("/_mock/reset").status_code == 200
        assert newest_build_status(api) == changed
        assert api.get(f"{DEV}/{created}").status_code == 404

        created = api.post(DEV, json={}).json()["data"]["id"]
        edit(folder / BUILDS_FILE, lambda builds: builds[4].update(status=17))
        refused = mock.control.post("/_mock/reset")
        assert refused.status_code == 400
        error = refused.json()["error"]
        assert error["details"]["file"] == str(folder / BUILDS_FILE)
        assert any(problem.startswith("[4].status") for problem in error["details"]["problems"])
        assert "builds.json" in error["message"] and "[4].status" in error["message"]
        # Nothing changed: the data and the run created before the refused reset are still there.
        assert newest_build_status(api) == changed
        assert api.get(f"{DEV}/{created}").status_code == 200

        edit(folder / BUILDS_FILE, lambda builds: builds[4].update(status="SUCCESS"))
        assert mock.control.post("/_mock/reset").status_code == 200
        assert api.get(f"{DEV}/{created}").status_code == 404


def test_a_new_run_in_a_fixture_file_is_served_after_reset(
    folder: Path, northflank_mock_factory: Callable[..., NorthflankMock]
) -> None:
    with northflank_mock_factory("--fixtures", str(folder)) as mock, mock.http() as api:
        run = {
            "id": "added-by-hand", "status": "success", "concluded": True,
            "createdAt": "2099-01-01T00:00:00Z", "updatedAt": "2099-01-01T00:00:00Z",
        }  # fmt: skip
        edit(folder / DEV_RUNS_FILE, lambda runs: runs.append(run))
        mock.reset()
        newest = api.get(DEV, params={"per_page": 1}).json()
        assert newest["data"]["runs"][0]["id"] == "added-by-hand"
        assert api.get(f"{DEV}/added-by-hand").status_code == 200


def test_workers_sharing_state_all_serve_the_reloaded_fixtures(
    folder: Path, tmp_path: Path
) -> None:
    state = str(tmp_path / "state.sqlite")
    with MockProcess("--fixtures", str(folder), "--state", state, "--workers", "2") as mock:
        with mock.http() as api:
            before = newest_build_status(api)
        changed = "FAILURE" if before != "FAILURE" else "SUCCESS"
        edit(folder / BUILDS_FILE, rename_newest_build(changed))
        mock.reset()
        # Each new connection lands on either worker; a request id starts with its process's
        # prefix. Both workers must be seen, and each must serve the new files.
        statuses: dict[str, set[str]] = {}
        for _ in range(200):
            with mock.http() as api:
                response = api.get(BUILDS, params={"per_page": 1})
            worker = response.headers["x-request-id"][:16]
            statuses.setdefault(worker, set()).add(response.json()["data"]["builds"][0]["status"])
            if len(statuses) == 2:
                break
        assert list(statuses.values()) == [{changed}, {changed}], statuses


def test_unchanged_files_are_not_read_again(folder: Path) -> None:
    fixtures = FixtureFolder(folder)
    dataset = fixtures.dataset
    assert fixtures.reload() is False and fixtures.dataset is dataset
    # Same size, same second: content decides, not the modification time.
    path = folder / BUILDS_FILE
    text = path.read_text()
    status = '"SUCCESS"' if '"FAILURE"' in text else '"FAILURE"'
    other = '"FAILURE"' if status == '"SUCCESS"' else '"SUCCESS"'
    path.write_text(text.replace(other, status, 1))
    assert fixtures.reload() is True and fixtures.dataset is not dataset
    path.write_text("[")
    with pytest.raises(FixtureError):
        fixtures.reload()
    assert fixtures.dataset is not dataset and fixtures.dataset.jobs  # the last good one


def test_only_the_fixtures_are_read_for_their_version(folder: Path) -> None:
    # A folder given by mistake (`--fixtures ''` is the current directory, `--fixtures ~`) is
    # refused at once, not read through first; files beside projects/ are no fixture.
    stray = folder / "notes" / "big.bin"
    stray.parent.mkdir()
    stray.write_bytes(b"x")
    fixtures = FixtureFolder(folder)
    stray.write_bytes(b"y" * 1000)
    (folder / "README.md").write_text("not a fixture")
    assert fixtures.reload() is False
    read: list[Path] = []
    opened = Path.open

    def recording(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(path)
        return opened(path, *args, **kwargs)

    def recording_bytes(path: Path) -> bytes:
        read.append(path)
        return b""

    shutil.rmtree(folder / "projects")
    with pytest.MonkeyPatch.context() as patch, pytest.raises(FixtureError, match="no projects/"):
        patch.setattr(Path, "open", recording)
        patch.setattr(Path, "read_bytes", recording_bytes)
        FixtureFolder(folder)
    assert read == []

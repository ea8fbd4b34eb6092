"""Running the mock: options, the tokens file, user fixtures, and refusals to start."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mock_server import NorthflankMock
from mock_server.storage.fixtures import DEFAULT_FIXTURES
from tests.conftest import BUILDS, RUNS
from tests.mockproc import MockProcess, run_cli

DEV = RUNS.format(stage="development")


@pytest.mark.parametrize(
    ("token", "method", "path", "status"),
    [
        ("reader", "GET", DEV, 200),
        ("reader", "GET", BUILDS, 200),
        ("reader", "POST", DEV, 403),
        ("releaser", "POST", DEV, 200),
        ("releaser", "GET", BUILDS, 403),
        ("elsewhere", "GET", DEV, 403),
        ("elsewhere", "GET", "/v1/projects/nope/jobs/demo-job/build", 403),
        ("unknown", "GET", DEV, 401),
    ],
)
def test_tokens_file_checks_permissions_and_projects(
    guarded: NorthflankMock, token: str, method: str, path: str, status: int
) -> None:
    with guarded.http(token) as client:
        response = client.request(method, path, json={} if method == "POST" else None)
    assert response.status_code == status, response.text
    if status != 200:
        assert response.json()["error"]["status"] == status


def test_forbidden_requests_change_nothing(guarded: NorthflankMock) -> None:
    with guarded.http("reader") as reader:
        before = reader.get(DEV, params={"per_page": 1}).json()
        reader.post(DEV, json={})
        assert reader.get(DEV, params={"per_page": 1}).json() == before


def test_a_bad_tokens_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens.yaml"
    path.write_text("tokens:\n  - token: t\n    permissions: [pipelines:delete]\n")
    result = run_cli("--tokens", str(path))
    assert result.returncode != 0
    assert "tokens[0].permissions" in result.stderr


def test_user_fixtures_are_served(tmp_path: Path) -> None:
    flow = tmp_path / "projects/acme/pipelines/web/release-flows/prod"
    flow.mkdir(parents=True)
    template = json.loads(
        (
            DEFAULT_FIXTURES
            / "projects/demo-project/pipelines/demo-pipeline/release-flows/staging/template.json"
        ).read_text()
    )
    (flow / "template.json").write_text(json.dumps(template))
    run = {
        "id": "r-1",
        "status": "success",
        "concluded": True,
        "createdAt": "2025-01-01T00:00:00Z",
        "updatedAt": "2025-01-01T00:00:00Z",
    }
    (flow / "runs.json").write_text(json.dumps([run]))
    with MockProcess("--fixtures", str(tmp_path)) as mock, mock.http() as api:
        body = api.get("/v1/projects/acme/pipelines/web/release-flows/prod/runs").json()
        assert body["data"]["runs"] == [run]
        assert api.get(DEV).status_code == 404


def test_a_fixture_that_does_not_match_the_spec_stops_the_mock(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_FIXTURES, tmp_path / "data")
    builds = tmp_path / "data/projects/demo-project/jobs/demo-job/builds.json"
    data = json.loads(builds.read_text())
    data[4]["status"] = 17
    builds.write_text(json.dumps(data))
    result = run_cli("--fixtures", str(tmp_path / "data"))
    assert result.returncode != 0
    assert str(builds) in result.stderr
    assert "[4].status" in result.stderr


def test_a_port_in_use_is_a_clear_error() -> None:
    with MockProcess() as first:
        port = first.url.rsplit(":", 1)[1]
        result = run_cli("--host", "127.0.0.1", "--port", port)
    assert result.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_the_same_seed_gives_the_same_run_ids() -> None:
    ids = []
    for _ in range(2):
        with MockProcess("--seed", "42") as mock, mock.http() as api:
            ids.append([api.post(DEV, json={}).json()["data"]["id"] for _ in range(3)])
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 3


def test_port_zero_prints_the_actual_url() -> None:
    with MockProcess() as mock:
        assert mock.url.startswith("http://127.0.0.1:")
        assert not mock.url.endswith(":0")
        assert mock.control.get("/_mock/health").status_code == 200

"""Team-scoped routes: every operation again under /v1/teams/{teamId}/..., serving the same data.

The projects under a fixture folder's projects/ belong to `demo-team`; those under
teams/<teamId>/projects/ to that team. A team a route names must exist and hold the project
(404 otherwise); a tokens file may restrict a token to teams (403 otherwise)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from northflank_release_client import Northflank, NotFoundError, PermissionDeniedError

from mock_server.domain.auth import TokensFileError, load_tokens
from mock_server.storage.fixtures import DEFAULT_FIXTURES, DEFAULT_TEAM, FixtureError, load_dataset
from tests.conftest import EXAMPLE_RUN, walk
from tests.mockproc import MockProcess

P, PL, JOB = "demo-project", "demo-pipeline", "demo-job"
OTHER_TEAM, OTHER_PROJECT = "other-team", "other-project"


def team_runs(team: str, stage: str = "development", project: str = P) -> str:
    return f"/v1/teams/{team}/projects/{project}/pipelines/{PL}/release-flows/{stage}/runs"


def project_runs(stage: str = "development", project: str = P) -> str:
    return f"/v1/projects/{project}/pipelines/{PL}/release-flows/{stage}/runs"


def team_builds(team: str, project: str = P) -> str:
    return f"/v1/teams/{team}/projects/{project}/jobs/{JOB}/build"


def two_teams(home: Path) -> Path:
    """The default dataset (team demo-team), and a copy of its project in another team."""
    root = home / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, root)
    other = root / "teams" / OTHER_TEAM / "projects" / OTHER_PROJECT
    shutil.copytree(DEFAULT_FIXTURES / "projects" / P, other)
    # Run ids are unique across the dataset, as the API's are.
    for runs in other.glob("pipelines/*/release-flows/*/runs.json"):
        items = json.loads(runs.read_text())
        for item in items:
            item["id"] = "0" + item["id"][1:] if item["id"][0] != "0" else "1" + item["id"][1:]
        runs.write_text(json.dumps(items))
    (root / "teams" / "empty-team").mkdir()
    return root


TOKENS = """
tokens:
  - token: demo-team-only
    permissions: [pipelines:read, pipelines:update, jobs:read]
    teams: [demo-team]
  - token: other-team-only
    permissions: [pipelines:read, pipelines:update, jobs:read]
    teams: [other-team]
  - token: any-team
    permissions: [pipelines:read, pipelines:update, jobs:read]
"""


@pytest.fixture(scope="module")
def teams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockProcess]:
    home = tmp_path_factory.mktemp("teams")
    tokens = home / "tokens.yaml"
    tokens.write_text(TOKENS)
    with MockProcess(
        "--fixtures", str(two_teams(home)), "--tokens", str(tokens), "--strict", "--manual-clock"
    ) as process:
        yield process


@pytest.fixture
def mock_of_teams(teams: MockProcess) -> MockProcess:
    teams.reset()
    return teams


def test_team_routes_serve_the_same_data(mock: MockProcess) -> None:
    mock.reset()
    with mock.http() as api:
        for stage in ("development", "staging"):
            by_team = walk(api, team_runs(DEFAULT_TEAM, stage), "runs", per_page=100)
            by_project = walk(api, project_runs(stage), "runs", per_page=100)
            assert by_team == by_project and len(by_team) > 50
        details = api.get(f"{team_runs(DEFAULT_TEAM)}/{EXAMPLE_RUN}")
        assert details.status_code == 200
        assert details.json() == api.get(f"{project_runs()}/{EXAMPLE_RUN}").json()
        builds = walk(api, team_builds(DEFAULT_TEAM), "builds", per_page=100)
        assert builds == walk(api, f"/v1/projects/{P}/jobs/{JOB}/build", "builds", per_page=100)
        filtered = api.get(team_runs(DEFAULT_TEAM), params={"status": "running"}).json()
        assert {run["status"] for run in filtered["data"]["runs"]} == {"running"}


def test_a_run_started_through_a_team_route_is_the_projects_run(mock: MockProcess) -> None:
    mock.reset()
    with mock.http() as api:
        created = api.post(team_runs(DEFAULT_TEAM), json={"name": "Team run"})
        assert created.status_code == 200, created.text
        run_id = created.json()["data"]["id"]
        seen = api.get(f"{project_runs()}/{run_id}").json()["data"]
        assert seen["name"] == "Team run" and seen["status"] == "pending"
        aborted = api.post(f"{team_runs(DEFAULT_TEAM)}/{run_id}/abort")
        assert aborted.status_code == 200 and aborted.json()["data"]["status"] == "aborting"
        again = api.post(f"{project_runs()}/{EXAMPLE_RUN}/abort")
        assert again.status_code == 409
    journal = [(r.method, r.path, r.status) for r in mock.requests()]
    assert ("POST", team_runs(DEFAULT_TEAM), 200) in journal
    assert ("POST", f"{team_runs(DEFAULT_TEAM)}/{run_id}/abort", 200) in journal


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", team_runs("no-such-team")),
        ("POST", team_runs("no-such-team")),
        ("GET", f"{team_runs('no-such-team')}/{EXAMPLE_RUN}"),
        ("POST", f"{team_runs('no-such-team')}/{EXAMPLE_RUN}/abort"),
        ("GET", team_builds("no-such-team")),
    ],
)
def test_an_unknown_team_answers_404_and_changes_nothing(
    mock: MockProcess, method: str, path: str
) -> None:
    mock.reset()
    with mock.http() as api:
        before = api.get(project_runs(), params={"per_page": 100}).json()
        response = api.request(method, path)
        assert response.status_code == 404
        error = response.json()["error"]
        assert error["status"] == 404 and error["message"] == "Team 'no-such-team' not found"
        assert error["id"]
        assert api.get(project_runs(), params={"per_page": 100}).json() == before


def test_a_project_of_another_team_is_not_found_through_a_team_route(
    mock_of_teams: MockProcess,
) -> None:
    with mock_of_teams.http("any-team") as api:
        for team, project in ((DEFAULT_TEAM, OTHER_PROJECT), (OTHER_TEAM, P), ("empty-team", P)):
            response = api.get(team_runs(team, project=project))
            assert response.status_code == 404, (team, project)
            assert response.json()["error"]["message"] == f"Project {project!r} not found"
            builds = api.get(team_builds(team, project=project))
            assert builds.status_code == 404
        # Each project through its own team, and through the project-scoped route.
        assert api.get(team_runs(OTHER_TEAM, project=OTHER_PROJECT)).status_code == 200
        assert api.get(project_runs(project=OTHER_PROJECT)).status_code == 200
        assert api.get(team_builds(OTHER_TEAM, project=OTHER_PROJECT)).status_code == 200


@pytest.mark.parametrize(
    ("token", "path", "status"),
    [
        ("demo-team-only", team_runs(DEFAULT_TEAM), 200),
        ("demo-team-only", project_runs(), 200),
        ("demo-team-only", team_runs(OTHER_TEAM, project=OTHER_PROJECT), 403),
        ("demo-team-only", project_runs(project=OTHER_PROJECT), 403),
        ("demo-team-only", team_builds(OTHER_TEAM, project=OTHER_PROJECT), 403),
        # A token restricted to teams learns nothing about teams it cannot reach.
        ("demo-team-only", team_runs("no-such-team"), 403),
        ("other-team-only", team_runs(DEFAULT_TEAM), 403),
        ("other-team-only", project_runs(), 403),
        ("other-team-only", team_builds(DEFAULT_TEAM), 403),
        ("other-team-only", team_runs(OTHER_TEAM, project=OTHER_PROJECT), 200),
        ("any-team", team_runs("no-such-team"), 404),
        ("unknown-token", team_runs(DEFAULT_TEAM), 401),
    ],
)
def test_a_tokens_file_restricts_tokens_to_teams(
    mock_of_teams: MockProcess, token: str, path: str, status: int
) -> None:
    with mock_of_teams.http(token) as api:
        response = api.get(path)
    assert response.status_code == status, response.text
    if status == 403:
        team = DEFAULT_TEAM if "/other-project/" not in path else OTHER_TEAM
        if "no-such-team" in path:
            team = "no-such-team"
        assert response.json()["error"]["message"] == f"This token has no access to team {team!r}"


def test_a_team_restricted_token_cannot_start_runs_elsewhere(mock_of_teams: MockProcess) -> None:
    with mock_of_teams.http("other-team-only") as api:
        refused = api.post(team_runs(DEFAULT_TEAM), json={})
        assert refused.status_code == 403
        assert api.post(project_runs(), json={}).status_code == 403
        started = api.post(team_runs(OTHER_TEAM, project=OTHER_PROJECT), json={})
        assert started.status_code == 200
    created = [r for r in mock_of_teams.requests() if r.method == "POST" and r.status == 200]
    assert len(created) == 1


def test_the_generated_client_calls_team_routes(mock_of_teams: MockProcess) -> None:
    mock_of_teams.control.delete("/_mock/requests")
    with Northflank(base_url=mock_of_teams.url, api_token="any-team", team_id=OTHER_TEAM) as nf:
        runs = list(nf.pipelines.iter_release_flow_runs(OTHER_PROJECT, PL, "development"))
        assert len(runs) == 150
        started = nf.pipelines.run_release_flow(OTHER_PROJECT, PL, "development", name="Team run")
        nf.pipelines.abort_release_flow_run(OTHER_PROJECT, PL, "development", started.id)
        mock_of_teams.advance(5)
        final = nf.pipelines.wait_for_release_flow_run(
            OTHER_PROJECT, PL, "development", started.id, timeout=10
        )
        assert final.status == "aborted"
        builds = list(nf.jobs.iter_job_builds(OTHER_PROJECT, JOB))
        assert len(builds) == 150
        # A call's own team wins over the client's.
        page = nf.pipelines.list_release_flow_runs(P, PL, "staging", team_id=DEFAULT_TEAM)
        assert page.pagination.count == 50
        with pytest.raises(NotFoundError, match="Team 'no-such-team' not found"):
            nf.jobs.list_job_builds(P, JOB, team_id="no-such-team")
    with (
        Northflank(base_url=mock_of_teams.url, api_token="demo-team-only") as nf,
        pytest.raises(PermissionDeniedError),
    ):
        nf.jobs.list_job_builds(OTHER_PROJECT, JOB)
    paths = {r.path.split("?")[0] for r in mock_of_teams.requests()}
    assert f"/v1/teams/{OTHER_TEAM}/projects/{OTHER_PROJECT}/jobs/{JOB}/build" in paths
    assert team_runs(OTHER_TEAM, project=OTHER_PROJECT) in paths
    assert f"{team_runs(OTHER_TEAM, project=OTHER_PROJECT)}/{started.id}/abort" in paths
    assert team_runs(DEFAULT_TEAM, "staging") in paths
    assert f"/v1/projects/{OTHER_PROJECT}/jobs/{JOB}/build" in paths  # no team: project route


def test_the_loader_reads_teams(tmp_path: Path) -> None:
    dataset = load_dataset(two_teams(tmp_path))
    assert dataset.teams == {P: DEFAULT_TEAM, OTHER_PROJECT: OTHER_TEAM}
    assert dataset.team_ids == {DEFAULT_TEAM, OTHER_TEAM, "empty-team"}
    assert (OTHER_PROJECT, PL, "staging") in dataset.stages
    assert (OTHER_PROJECT, JOB) in dataset.jobs


def test_a_folder_with_only_teams_loads(tmp_path: Path) -> None:
    root = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES / "projects", root / "teams" / "my-team" / "projects")
    dataset = load_dataset(root)
    assert dataset.teams == {P: "my-team"} and dataset.team_ids == {"my-team"}


def test_a_project_in_two_teams_is_refused(tmp_path: Path) -> None:
    root = two_teams(tmp_path)
    twin = root / "teams" / "third-team" / "projects" / P
    shutil.copytree(DEFAULT_FIXTURES / "projects" / P / "jobs", twin / "jobs")
    with pytest.raises(FixtureError) as raised:
        load_dataset(root)
    assert raised.value.path == twin
    assert "also in team 'demo-team'" in raised.value.problems[0]


def test_a_stray_in_a_team_folder_is_refused(tmp_path: Path) -> None:
    root = two_teams(tmp_path)
    (root / "teams" / OTHER_TEAM / "project").mkdir()
    with pytest.raises(FixtureError, match="unexpected entry"):
        load_dataset(root)


@pytest.mark.parametrize("teams", ["demo-team", [1], {"a": 1}])
def test_a_tokens_file_with_bad_teams_is_refused(tmp_path: Path, teams: object) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps({"tokens": [{"token": "t", "permissions": [], "teams": teams}]}))
    with pytest.raises(TokensFileError, match=r"tokens\[0\]\.teams: expected a list of team ids"):
        load_tokens(path)


def test_the_tokens_file_reads_teams(tmp_path: Path) -> None:
    path = tmp_path / "tokens.yaml"
    path.write_text(TOKENS)
    grants = load_tokens(path)
    assert grants["demo-team-only"].teams == frozenset({"demo-team"})
    assert grants["any-team"].teams is None


def test_team_routes_over_http_without_a_client(mock: MockProcess) -> None:
    """As a curl user would: the path as written, the envelope on a miss."""
    mock.reset()
    response = httpx.get(
        f"{mock.url}{team_builds(DEFAULT_TEAM)}?per_page=1",
        headers={"Authorization": "Bearer t"},
        timeout=30,
    )
    assert response.status_code == 200 and response.json()["pagination"]["count"] == 1

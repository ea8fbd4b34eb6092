"""The route table: built from whatever operations the spec has, matched as connexion's router
matches, and the one source of 404 and 405 answers."""

from __future__ import annotations

import asyncio
import copy

import pytest

from mock_server.app import build_state
from mock_server.errors import ApiError
from mock_server.http.handlers import make_handlers
from mock_server.http.routes import RouteTable
from mock_server.settings import Settings
from mock_server.spec import load_spec
from tests.conftest import BUILDS, EXAMPLE_RUN, RUNS

DEV = RUNS.format(stage="development")
TEAM_BUILDS = "/v1/teams/{teamId}/projects/{projectId}/jobs/{jobId}/build"


def _spec_with_a_team_route() -> dict[str, object]:
    """The project's spec plus an operation it does not have: nothing in the table names one."""
    spec = copy.deepcopy(load_spec())
    item = copy.deepcopy(spec["paths"]["/v1/projects/{projectId}/jobs/{jobId}/build"])
    item["get"]["operationId"] = "listTeamJobBuilds"
    team = {"name": "teamId", "in": "path", "required": True, "schema": {"type": "string"}}
    item["get"]["parameters"] = [team, *item["get"]["parameters"]]
    spec["paths"][TEAM_BUILDS] = item
    return spec


def test_every_operation_of_the_spec_is_routed_with_its_examples() -> None:
    table = RouteTable.from_spec(load_spec())
    spec_ids = {
        operation["operationId"]
        for item in load_spec()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert table.operation_ids == spec_ids
    listing = table.by_id["listReleaseFlowRuns"]
    assert listing.method == "GET" and listing.tag == "Pipelines"
    assert listing.path_params == ("projectId", "pipelineId", "stage")
    assert "reference" in listing.examples[200]


def test_a_new_operation_is_routed_without_code_for_it() -> None:
    table = RouteTable.from_spec(_spec_with_a_team_route())
    match = table.match("GET", "/v1/teams/t1/projects/demo-project/jobs/demo-job/build")
    assert match.route is not None and match.route.operation_id == "listTeamJobBuilds"
    assert match.path_params == {"teamId": "t1", "projectId": "demo-project", "jobId": "demo-job"}
    assert table.match("GET", BUILDS).route is table.by_id["listJobBuilds"]


def test_matching_takes_head_for_get_and_nothing_else() -> None:
    table = RouteTable.from_spec(load_spec())
    run = f"{DEV}/{EXAMPLE_RUN}"
    assert table.match("HEAD", run).route is table.by_id["getReleaseFlowRun"]
    for method, path in (("GET", DEV + "/"), ("GET", "/v1/nope"), ("GET", f"{DEV}/a/b/c")):
        assert table.match(method, path).route is None, path
    broken = table.match("GET", "/v1/projects/a\nb/jobs/c/build")
    assert broken.route is None and broken.error().status == 404  # connexion's mount refuses it


def test_a_miss_answers_404_or_405_with_the_methods_the_path_takes() -> None:
    table = RouteTable.from_spec(load_spec())
    missing = table.match("GET", "/v1/nope").error()
    assert (missing.status, missing.message) == (404, "No route matches /v1/nope")
    wrong = table.match("DELETE", DEV).error()
    assert wrong.status == 405 and wrong.headers == {"Allow": "GET, POST"}
    assert wrong.message == f"Method DELETE is not allowed on {DEV}: use GET, POST"
    assert table.allowed(f"{DEV}/{EXAMPLE_RUN}/abort") == ("POST",)


def test_an_operation_without_a_handler_answers_501() -> None:
    table = RouteTable.from_spec(_spec_with_a_team_route())
    handlers = make_handlers(build_state(Settings(), table.operation_ids), table.operation_ids)
    assert set(handlers) == table.operation_ids

    async def call() -> None:
        await handlers["listTeamJobBuilds"](team_id="t", project_id="p", job_id="j")

    with pytest.raises(ApiError) as refused:
        asyncio.run(call())
    assert refused.value.status == 501 and "listTeamJobBuilds" in refused.value.message

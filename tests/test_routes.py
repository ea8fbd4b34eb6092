"""The route table: built from whatever operations the spec has, matched as connexion's router
matches, and the one source of 404 and 405 answers."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest

from mock_server.app import build_state
from mock_server.errors import ApiError
from mock_server.http import handlers as handlers_module
from mock_server.http.handlers import make_handlers
from mock_server.http.routes import RouteTable
from mock_server.settings import Settings
from mock_server.spec import load_spec
from tests.conftest import BUILDS, EXAMPLE_RUN, RUNS

DEV = RUNS.format(stage="development")
BUILD = "/v1/projects/{projectId}/jobs/{jobId}/build/{buildId}"


def _spec_with_a_new_operation() -> dict[str, object]:
    """The project's spec plus an operation it does not have: nothing in the table names one."""
    spec = copy.deepcopy(load_spec())
    item = copy.deepcopy(spec["paths"]["/v1/projects/{projectId}/jobs/{jobId}/build"])
    item["get"]["operationId"] = "getJobBuild"
    build = {"name": "buildId", "in": "path", "required": True, "schema": {"type": "string"}}
    item["get"]["parameters"] = [*item["get"]["parameters"][:2], build]
    spec["paths"][BUILD] = item
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
    table = RouteTable.from_spec(_spec_with_a_new_operation())
    match = table.match("GET", "/v1/projects/demo-project/jobs/demo-job/build/b1")
    assert match.route is not None and match.route.operation_id == "getJobBuild"
    assert match.path_params == {"projectId": "demo-project", "jobId": "demo-job", "buildId": "b1"}
    assert table.match("GET", BUILDS).route is table.by_id["listJobBuilds"]


def test_team_scoped_routes_are_matched_and_know_their_twins() -> None:
    table = RouteTable.from_spec(load_spec())
    assert table.variants == {
        "listTeamReleaseFlowRuns": "listReleaseFlowRuns",
        "runTeamReleaseFlow": "runReleaseFlow",
        "getTeamReleaseFlowRun": "getReleaseFlowRun",
        "abortTeamReleaseFlowRun": "abortReleaseFlowRun",
        "listTeamJobBuilds": "listJobBuilds",
    }
    match = table.match("GET", "/v1/teams/t1/projects/demo-project/jobs/demo-job/build")
    assert match.route is table.by_id["listTeamJobBuilds"]
    assert match.path_params == {"teamId": "t1", "projectId": "demo-project", "jobId": "demo-job"}
    assert table.by_id["listTeamJobBuilds"].path_params == ("teamId", "projectId", "jobId")
    assert table.by_id["listJobBuilds"].variant_of is None


def test_a_team_scoped_operation_is_served_by_its_twins_handler() -> None:
    table = RouteTable.from_spec(load_spec())
    state = build_state(Settings(), table.operation_ids)
    handlers = make_handlers(state, table.operation_ids, table.variants)
    for team, twin in table.variants.items():
        assert handlers[team] is handlers[twin]


def test_a_variant_of_an_unserved_twin_answers_501() -> None:
    table = RouteTable.from_spec(_spec_with_a_new_operation())
    state = build_state(Settings(), table.operation_ids)
    variants = {**table.variants, "listTeamJobBuilds": "getJobBuild"}  # getJobBuild: a 501
    handlers = make_handlers(state, table.operation_ids, variants)
    assert handlers["listTeamJobBuilds"] is not handlers["listJobBuilds"]
    _refused_with_501(handlers["listTeamJobBuilds"], "listTeamJobBuilds")


def test_a_twin_whose_handler_takes_no_team_leaves_the_variant_unserved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Served by a handler that ignores the team, a team-scoped route would answer for any team."""
    table = RouteTable.from_spec(load_spec())
    state = build_state(Settings(), table.operation_ids)

    async def list_job_builds(project_id: str, job_id: str) -> Any:
        raise AssertionError("never called")

    monkeypatch.setattr(
        handlers_module, "_served", lambda state: {"listJobBuilds": list_job_builds}
    )
    handlers = make_handlers(state, table.operation_ids, table.variants)
    assert handlers["listJobBuilds"] == list_job_builds
    _refused_with_501(handlers["listTeamJobBuilds"], "listTeamJobBuilds")


def _refused_with_501(handler: Any, operation_id: str) -> None:
    async def call() -> None:
        await handler(team_id="t", project_id="p", job_id="j")

    with pytest.raises(ApiError) as refused:
        asyncio.run(call())
    assert refused.value.status == 501 and operation_id in refused.value.message


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
    table = RouteTable.from_spec(_spec_with_a_new_operation())
    handlers = make_handlers(build_state(Settings(), table.operation_ids), table.operation_ids)
    assert set(handlers) == table.operation_ids

    async def call() -> None:
        await handlers["getJobBuild"](project_id="p", job_id="j", build_id="b")

    with pytest.raises(ApiError) as refused:
        asyncio.run(call())
    assert refused.value.status == 501 and "getJobBuild" in refused.value.message

"""Contract: for every operation and every status it documents, the generated client (sync and
async) calls the real mock (strict response validation on) and parses the right model, and the
mock's request log shows that the client sent exactly what the spec describes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

import httpx
import pytest
from northflank_release_client import AuthenticatedClient, Client
from northflank_release_client.api.jobs import list_job_builds, list_team_job_builds
from northflank_release_client.api.pipelines import (
    abort_release_flow_run,
    abort_team_release_flow_run,
    get_release_flow_run,
    get_team_release_flow_run,
    list_release_flow_runs,
    list_team_release_flow_runs,
    run_release_flow,
    run_team_release_flow,
)
from northflank_release_client.models import (
    ErrorEnvelope,
    JobBuildListResponse,
    ReleaseFlowRunListResponse,
    ReleaseFlowRunResponse,
    ReleaseFlowRunStatus,
    RunReleaseFlowRequest,
)
from northflank_release_client.types import Response

from mock_server import NorthflankMock
from mock_server.spec import load_spec
from tests.conftest import EXAMPLE_RUN
from tests.mockproc import TOKEN

P, PL = "demo-project", "demo-pipeline"
BASE = f"/v1/projects/{P}/pipelines/{PL}/release-flows"
BUILDS_PATH = f"/v1/projects/{P}/jobs/demo-job/build"
SUCCESS_MODELS: dict[str, type] = {
    "listReleaseFlowRuns": ReleaseFlowRunListResponse,
    "getReleaseFlowRun": ReleaseFlowRunResponse,
    "runReleaseFlow": ReleaseFlowRunResponse,
    "abortReleaseFlowRun": ReleaseFlowRunResponse,
    "listJobBuilds": JobBuildListResponse,
}
MODULES: dict[str, ModuleType] = {
    "listReleaseFlowRuns": list_release_flow_runs,
    "getReleaseFlowRun": get_release_flow_run,
    "runReleaseFlow": run_release_flow,
    "abortReleaseFlowRun": abort_release_flow_run,
    "listJobBuilds": list_job_builds,
    "listTeamReleaseFlowRuns": list_team_release_flow_runs,
    "getTeamReleaseFlowRun": get_team_release_flow_run,
    "runTeamReleaseFlow": run_team_release_flow,
    "abortTeamReleaseFlowRun": abort_team_release_flow_run,
    "listTeamJobBuilds": list_team_job_builds,
}
# Each operation's team-scoped twin (x-team-scoped-variant-of in the spec).
TEAM_TWINS = {
    "listReleaseFlowRuns": "listTeamReleaseFlowRuns",
    "getReleaseFlowRun": "getTeamReleaseFlowRun",
    "runReleaseFlow": "runTeamReleaseFlow",
    "abortReleaseFlowRun": "abortTeamReleaseFlowRun",
    "listJobBuilds": "listTeamJobBuilds",
}
SUCCESS_MODELS.update({TEAM_TWINS[name]: model for name, model in SUCCESS_MODELS.items()})
TEAM = "demo-team"


@dataclass
class Case:
    """One documented status of one operation, and how to make the mock answer it."""

    operation: str
    status: int
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    token: str | None = TOKEN  # None: the unauthenticated Client; other tokens need `guarded`
    fault: bool = False  # the status comes from a /_mock/faults rule
    setup: Callable[[httpx.Client], dict[str, Any]] | None = None  # returns extra kwargs
    path: str = ""
    query: str = ""
    body: Any = None

    @property
    def id(self) -> str:
        return f"{self.operation}-{self.status}"


def _active_production_run(api: httpx.Client) -> dict[str, Any]:
    api.post(f"{BASE}/production/runs", json={"name": "Blocks the next"}).raise_for_status()
    return {}


def _created_run(api: httpx.Client) -> dict[str, Any]:
    response = api.post(f"{BASE}/development/runs", json={})
    return {"run_id": response.json()["data"]["id"]}


DEV = (P, PL, "development")
CASES = [
    Case("listReleaseFlowRuns", 200, DEV, {"per_page": 3, "status": ReleaseFlowRunStatus.SUCCESS}, path=f"{BASE}/development/runs", query="per_page=3&status=success"),
    Case("listReleaseFlowRuns", 400, DEV, {"per_page": 0}, path=f"{BASE}/development/runs", query="per_page=0"),
    Case("listReleaseFlowRuns", 401, DEV, token=None, path=f"{BASE}/development/runs", query="per_page=50"),
    Case("listReleaseFlowRuns", 403, DEV, token="jobs-only", path=f"{BASE}/development/runs", query="per_page=50"),
    Case("listReleaseFlowRuns", 404, ("nope", PL, "development"), path=f"/v1/projects/nope/pipelines/{PL}/release-flows/development/runs", query="per_page=50"),
    Case("listReleaseFlowRuns", 429, DEV, {"concluded": True}, fault=True, path=f"{BASE}/development/runs", query="per_page=50&concluded=true"),
    Case("getReleaseFlowRun", 200, (*DEV, EXAMPLE_RUN), path=f"{BASE}/development/runs/{EXAMPLE_RUN}"),
    Case("getReleaseFlowRun", 400, (*DEV, EXAMPLE_RUN), fault=True, path=f"{BASE}/development/runs/{EXAMPLE_RUN}"),
    Case("getReleaseFlowRun", 401, (*DEV, EXAMPLE_RUN), token=None, path=f"{BASE}/development/runs/{EXAMPLE_RUN}"),
    Case("getReleaseFlowRun", 403, (*DEV, EXAMPLE_RUN), token="jobs-only", path=f"{BASE}/development/runs/{EXAMPLE_RUN}"),
    Case("getReleaseFlowRun", 404, (*DEV, "no run"), path=f"{BASE}/development/runs/no%20run"),
    Case("getReleaseFlowRun", 429, (*DEV, EXAMPLE_RUN), fault=True, path=f"{BASE}/development/runs/{EXAMPLE_RUN}"),
    Case("runReleaseFlow", 200, DEV, {"body": RunReleaseFlowRequest.from_dict({"name": "Contract run", "arguments": {"A": "1"}})}, path=f"{BASE}/development/runs", body={"name": "Contract run", "arguments": {"A": "1"}}),
    Case("runReleaseFlow", 400, DEV, {"body": RunReleaseFlowRequest(name="x")}, path=f"{BASE}/development/runs", body={"name": "x"}),
    Case("runReleaseFlow", 401, DEV, {"body": RunReleaseFlowRequest()}, token=None, path=f"{BASE}/development/runs", body={}),
    Case("runReleaseFlow", 403, DEV, {"body": RunReleaseFlowRequest()}, token="reader", path=f"{BASE}/development/runs", body={}),
    Case("runReleaseFlow", 404, (P, PL, "qa"), {"body": RunReleaseFlowRequest()}, path=f"{BASE}/qa/runs", body={}),
    Case("runReleaseFlow", 409, (P, PL, "production"), {"body": RunReleaseFlowRequest()}, setup=_active_production_run, path=f"{BASE}/production/runs", body={}),
    Case("runReleaseFlow", 413, DEV, {"body": RunReleaseFlowRequest.from_dict({"arguments": {"blob": "x" * 1_100_000}})}, path=f"{BASE}/development/runs", body=None),
    Case("runReleaseFlow", 415, DEV, {"body": RunReleaseFlowRequest()}, fault=True, path=f"{BASE}/development/runs", body={}),
    Case("runReleaseFlow", 429, DEV, {"body": RunReleaseFlowRequest()}, fault=True, path=f"{BASE}/development/runs", body={}),
    Case("abortReleaseFlowRun", 200, DEV, setup=_created_run, path=f"{BASE}/development/runs/{{run_id}}/abort"),
    Case("abortReleaseFlowRun", 400, (*DEV, EXAMPLE_RUN), fault=True, path=f"{BASE}/development/runs/{EXAMPLE_RUN}/abort"),
    Case("abortReleaseFlowRun", 401, (*DEV, EXAMPLE_RUN), token=None, path=f"{BASE}/development/runs/{EXAMPLE_RUN}/abort"),
    Case("abortReleaseFlowRun", 403, (*DEV, EXAMPLE_RUN), token="reader", path=f"{BASE}/development/runs/{EXAMPLE_RUN}/abort"),
    Case("abortReleaseFlowRun", 404, (*DEV, "nope"), path=f"{BASE}/development/runs/nope/abort"),
    Case("abortReleaseFlowRun", 409, (*DEV, EXAMPLE_RUN), path=f"{BASE}/development/runs/{EXAMPLE_RUN}/abort"),
    Case("abortReleaseFlowRun", 413, (*DEV, EXAMPLE_RUN), fault=True, path=f"{BASE}/development/runs/{EXAMPLE_RUN}/abort"),
    Case("abortReleaseFlowRun", 429, (*DEV, EXAMPLE_RUN), fault=True, path=f"{BASE}/development/runs/{EXAMPLE_RUN}/abort"),
    Case("listJobBuilds", 200, (P, "demo-job"), {"per_page": 100}, path=BUILDS_PATH, query="per_page=100"),
    Case("listJobBuilds", 400, (P, "demo-job"), {"per_page": 101}, path=BUILDS_PATH, query="per_page=101"),
    Case("listJobBuilds", 401, (P, "demo-job"), token=None, path=BUILDS_PATH, query="per_page=50"),
    Case("listJobBuilds", 403, (P, "demo-job"), token="releaser", path=BUILDS_PATH, query="per_page=50"),
    Case("listJobBuilds", 404, (P, "nope"), path=f"/v1/projects/{P}/jobs/nope/build", query="per_page=50"),
    Case("listJobBuilds", 429, (P, "demo-job"), fault=True, path=BUILDS_PATH, query="per_page=50"),
]  # fmt: skip


def team_twin(case: Case) -> Case:
    """The same case through the operation's team-scoped route: the same answer, but for a 404
    (a team that does not exist) and a 403 (a token restricted to another team)."""
    team, token = TEAM, case.token
    if case.status == 404:
        team = "no-such-team"
    if case.status == 403:
        token = "other-team"
    return replace(
        case,
        operation=TEAM_TWINS[case.operation],
        args=(team, *case.args),
        token=token,
        path=f"/v1/teams/{team}" + case.path.removeprefix("/v1"),
    )


CASES += [team_twin(case) for case in CASES]


def documented_statuses() -> set[tuple[str, int]]:
    return {
        (operation["operationId"], int(status))
        for item in load_spec()["paths"].values()
        for operation in item.values()
        for status in operation["responses"]
    }


def test_the_table_covers_every_documented_status() -> None:
    assert {(case.operation, case.status) for case in CASES} == documented_statuses()


def make_client(mock: NorthflankMock, token: str | None) -> AuthenticatedClient | Client:
    # Retries off: a 429 must reach the test as it left the mock.
    if token is None:
        return Client(base_url=mock.url, retry=None)
    return AuthenticatedClient(base_url=mock.url, token=token, retry=None)


def call(case: Case, mock: NorthflankMock, mode: str, extra: dict[str, Any]) -> Response[Any]:
    module = MODULES[case.operation]
    kwargs = {**case.kwargs, **extra}
    args = case.args + ((kwargs.pop("run_id"),) if "run_id" in kwargs else ())
    if mode == "sync":
        with make_client(mock, case.token) as client:
            response: Response[Any] = module.sync_detailed(*args, client=client, **kwargs)
            return response

    async def go() -> Response[Any]:
        async with make_client(mock, case.token) as client:
            response: Response[Any] = await module.asyncio_detailed(*args, client=client, **kwargs)
            return response

    return asyncio.run(go())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_contract(case: Case, mode: str, request: pytest.FixtureRequest) -> None:
    needs_tokens = case.token not in (TOKEN, None)
    mock: NorthflankMock = request.getfixturevalue("guarded" if needs_tokens else "mock")
    mock.reset()
    extra: dict[str, Any] = {}
    if case.setup is not None:
        with mock.http("releaser" if needs_tokens else TOKEN) as api:
            extra = case.setup(api)
    mock.control.delete("/_mock/requests")
    if case.fault:
        rule = {"operationId": case.operation, "status": case.status, "count": 1}
        mock.control.post("/_mock/faults", json=rule).raise_for_status()

    response = call(case, mock, mode, extra)

    assert response.status_code == case.status, response.content[:300]
    if case.status == 200:
        assert isinstance(response.parsed, SUCCESS_MODELS[case.operation])
    else:
        assert isinstance(response.parsed, ErrorEnvelope)
        assert response.parsed.error.status == case.status
        assert response.parsed.error.message and response.parsed.error.id
    (sent,) = mock.requests()
    assert sent.path == case.path.format(**extra)
    assert sent.query == case.query
    headers = sent.headers
    if case.token is None:
        assert "authorization" not in headers
    else:
        assert headers["authorization"] == "Bearer <redacted>"
    if case.operation in ("runReleaseFlow", "runTeamReleaseFlow"):
        assert headers["content-type"] == "application/json"
        if case.body is not None:
            assert sent.body == case.body
    else:
        assert sent.body is None

"""The generated client at run time: parsing tomorrow's API, errors, retries, pages, waiting."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from northflank_release_client import (
    ApiError,
    AuthenticatedClient,
    PaginationError,
    RunWaitTimeout,
    aiter_job_builds,
    aiter_release_flow_runs,
    await_release_flow_run,
    default_retry,
    iter_job_builds,
    iter_release_flow_runs,
    unwrap,
    wait_for_release_flow_run,
)
from northflank_release_client.api.pipelines import (
    abort_release_flow_run,
    get_release_flow_run,
    list_release_flow_runs,
    run_release_flow,
)
from northflank_release_client.models import (
    BuildNode,
    BuildStatus,
    JobBuildListResponse,
    ReleaseFlowOptionsConcurrencyPolicy,
    ReleaseFlowRunResponse,
    ReleaseFlowRunStatus,
    RunReleaseFlowRequest,
    UnknownNode,
    WorkflowNode,
)

from mock_server import NorthflankMock
from mock_server.spec import load_spec
from tests.conftest import EXAMPLE_RUN
from tests.mockproc import TOKEN

P, PL = "demo-project", "demo-pipeline"


def example(name: str) -> Any:
    return load_spec()["components"]["examples"][name]["value"]


def client_for(mock: NorthflankMock, **kwargs: Any) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=mock.url, token=TOKEN, **kwargs)


# Forward compatibility.

TOMORROW = {
    "data": {
        "apiVersion": "v1.3",
        "options": {"concurrencyPolicy": "debounce", "paused": False, "newOption": 1},
        "triggers": [{"vcsService": "forgejo", "repoUrl": "https://example.com/a/b"}],
        "spec": {
            "kind": "Workflow",
            "spec": {
                "type": "fan-out",
                "steps": [
                    {"kind": "Teleport", "spec": {"to": "mars"}, "response": {"status": "beaming"}},
                    {"kind": "Build", "ref": "b", "response": {"status": "success", "cost": 3}},
                ],
            },
        },
        "id": "r-1",
        "status": "paused_for_review",
        "concluded": False,
        "createdAt": "2021-01-01 12:00:00.000Z",
        "updatedAt": "2021-01-01T12:00:05.250Z",
        "brandNewField": {"nested": [1, 2]},
    }
}


def test_unknown_enum_values_node_kinds_and_fields_parse() -> None:
    run = ReleaseFlowRunResponse.from_dict(TOMORROW).data
    assert isinstance(run.status, ReleaseFlowRunStatus)
    assert run.status == "paused_for_review" and str(run.status) == "paused_for_review"
    assert run.status.value == "paused_for_review" and not run.status.is_known
    assert ReleaseFlowRunStatus("success") is ReleaseFlowRunStatus.SUCCESS
    assert ReleaseFlowRunStatus.SUCCESS.is_known
    assert run.options.concurrency_policy == "debounce"
    assert isinstance(run.options.concurrency_policy, ReleaseFlowOptionsConcurrencyPolicy)
    assert run.options["newOption"] == 1
    assert run.triggers[0].vcs_service == "forgejo"
    assert run.api_version == "v1.3"
    assert isinstance(run.spec, WorkflowNode)
    unknown, build = run.spec.spec.steps
    assert isinstance(unknown, UnknownNode) and unknown.kind == "Teleport"
    assert unknown.response.status == "beaming"
    assert unknown.spec["to"] == "mars"
    assert isinstance(build, BuildNode) and build.response["cost"] == 3
    assert run.additional_properties == {"brandNewField": {"nested": [1, 2]}}
    round_trip = run.to_dict()
    # Timestamps come back as Python writes ISO 8601; everything else exactly as received.
    assert {k: v for k, v in round_trip.items() if not k.endswith("At")} == {
        k: v for k, v in TOMORROW["data"].items() if not k.endswith("At")
    }


def test_nodes_are_told_apart_by_kind() -> None:
    import inspect

    from northflank_release_client.models import WorkflowSpec

    # One lookup per node, not one attempt (and one exception) per node type.
    assert "except (TypeError" not in inspect.getsource(WorkflowSpec.from_dict)
    steps = WorkflowSpec.from_dict(
        {"steps": [{"kind": "Approval"}, {"kind": "Teleport"}, {"kind": "Workflow", "spec": {}}]}
    ).steps
    assert [type(step).__name__ for step in steps] == [
        "ApprovalNode",
        "UnknownNode",
        "WorkflowNode",
    ]
    # A node of a known kind that does not parse is an error, not an UnknownNode.
    with pytest.raises(TypeError):
        WorkflowSpec.from_dict({"steps": [{"kind": "Workflow", "spec": {"steps": 3}}]})


def test_unknown_build_status_parses() -> None:
    page = JobBuildListResponse.from_dict(
        {
            "data": {
                "builds": [{"id": "b", "status": "SIGNING", "pullRequestId": None, "message": None}]
            },
            "pagination": {"hasNextPage": False, "count": 1},
        }
    )
    build = page.data.builds[0]
    assert isinstance(build.status, BuildStatus) and build.status == "SIGNING"
    assert build.pull_request_id is None and build.message is None


@pytest.mark.parametrize(
    "stamp", ["2021-01-01 12:01:00.000Z", "2021-01-01T12:01:00.000Z", "2021-01-01T13:01:00+01:00"]
)
def test_both_timestamp_forms_parse_to_aware_datetimes(stamp: str) -> None:
    body = json.loads(json.dumps(TOMORROW))
    body["data"]["createdAt"] = stamp
    created = ReleaseFlowRunResponse.from_dict(body).data.created_at
    assert created.tzinfo is not None
    assert created == datetime(2021, 1, 1, 12, 1, tzinfo=UTC)


def test_the_reference_examples_parse() -> None:
    run = ReleaseFlowRunResponse.from_dict(example("ReleaseFlowRunDetails")).data
    assert run.status == ReleaseFlowRunStatus.SUCCESS and run.concluded
    assert run.started_at == datetime(2021, 1, 1, 12, 1, tzinfo=UTC)
    assert isinstance(run.spec, WorkflowNode)
    build = JobBuildListResponse.from_dict(example("JobBuildList")).data.builds[0]
    assert build.status == BuildStatus.SUCCESS and build.build_concluded_at == 1606237973


# Errors.


def test_api_error_carries_the_envelope(fresh: NorthflankMock) -> None:
    with client_for(fresh) as client:
        response = get_release_flow_run.sync_detailed(P, PL, "development", "nope", client=client)
        with pytest.raises(ApiError) as raised:
            unwrap(response, ReleaseFlowRunResponse)
    error = raised.value
    assert error.status_code == 404
    assert error.message == "Release flow run 'nope' not found"
    assert error.error_id and error.error_id in str(error)
    with client_for(fresh) as client, pytest.raises(ApiError) as raised:
        list(iter_release_flow_runs(client, P, PL, "development", per_page=0))
    assert raised.value.status_code == 400
    assert raised.value.details["errors"][0]["path"] == "per_page"


def test_api_error_without_an_envelope() -> None:
    error = ApiError.from_response(502, b"<html>Bad gateway</html>")
    assert error.status_code == 502 and error.message.startswith("Bad Gateway")
    assert error.error_id is None and error.details == {}


# Retries: GET only.

Responder = Callable[[httpx.Request], httpx.Response]


def scripted(
    *steps: int | type[Exception], headers: dict[str, str] | None = None
) -> tuple[list[httpx.Request], Responder]:
    """A transport handler answering each request with the next status (or raising)."""
    seen: list[httpx.Request] = []
    ok = json.dumps(example("ReleaseFlowRunDetails")).encode()

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        step = steps[min(len(seen), len(steps)) - 1]
        if isinstance(step, type):
            raise step("scripted failure", request=request)  # type: ignore[call-arg]
        if step == 200:
            return httpx.Response(200, content=ok, headers={"content-type": "application/json"})
        body = {"error": {"status": step, "message": f"status {step}", "id": "e-1"}}
        return httpx.Response(step, json=body, headers=headers or {})

    return seen, handle


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the retry layer's sleeps instead of sleeping."""
    recorded: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr("httpx_retries.retry.time.sleep", recorded.append)
    monkeypatch.setattr("httpx_retries.retry.asyncio.sleep", fake_async_sleep)
    return recorded


def offline_client(handler: Responder, **kwargs: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="http://mock.invalid", token="t",
        httpx_args={"transport": httpx.MockTransport(handler)}, **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_get_is_retried_on_transient_statuses(status: int, sleeps: list[float]) -> None:
    seen, handler = scripted(status, status, 200)
    with offline_client(handler) as client:
        response = get_release_flow_run.sync_detailed(P, PL, "development", "r", client=client)
    assert response.status_code == 200 and len(seen) == 3
    assert len(sleeps) == 2


def test_get_is_retried_on_connection_errors(sleeps: list[float]) -> None:
    seen, handler = scripted(httpx.ConnectError, httpx.ReadTimeout, 200)
    with offline_client(handler) as client:
        run = unwrap(
            get_release_flow_run.sync_detailed(P, PL, "s", "r", client=client),
            ReleaseFlowRunResponse,
        )
    assert run.data.id == EXAMPLE_RUN and len(seen) == 3


def test_429_waits_as_retry_after_or_ratelimit_reset_says(sleeps: list[float]) -> None:
    _, handler = scripted(429, 200, headers={"Retry-After": "7"})
    with offline_client(handler) as client:
        get_release_flow_run.sync_detailed(P, PL, "s", "r", client=client)
    _, handler = scripted(
        429, 200, headers={"x-ratelimit-reset": "11", "x-ratelimit-remaining": "0"}
    )
    with offline_client(handler) as client:
        get_release_flow_run.sync_detailed(P, PL, "s", "r", client=client)
    assert sleeps == [7.0, 11.0]


def test_retries_give_up_and_the_error_surfaces(sleeps: list[float]) -> None:
    seen, handler = scripted(503)
    with offline_client(handler, retry=default_retry(attempts=2, backoff_factor=0.0)) as client:
        response = get_release_flow_run.sync_detailed(P, PL, "s", "r", client=client)
        with pytest.raises(ApiError) as raised:
            unwrap(response, ReleaseFlowRunResponse)
    assert len(seen) == 3 and raised.value.status_code == 503


@pytest.mark.parametrize("failure", [429, 503, httpx.ConnectError, httpx.ReadTimeout])
def test_post_is_never_retried(failure: int | type[Exception], sleeps: list[float]) -> None:
    for call in (
        lambda c: run_release_flow.sync_detailed(
            P, PL, "s", client=c, body=RunReleaseFlowRequest()
        ),
        lambda c: abort_release_flow_run.sync_detailed(P, PL, "s", "r", client=c),
    ):
        seen, handler = scripted(failure, 200)
        with offline_client(handler) as client:
            if isinstance(failure, int):
                assert call(client).status_code == failure
            else:
                with pytest.raises(httpx.TransportError):
                    call(client)
        assert len(seen) == 1 and [r.method for r in seen] == ["POST"]
    assert sleeps == []


def test_async_get_is_retried_and_post_is_not(sleeps: list[float]) -> None:
    async def scenario() -> tuple[int, int]:
        seen_get, get_handler = scripted(502, 200)
        async with offline_client(get_handler) as client:
            await get_release_flow_run.asyncio_detailed(P, PL, "s", "r", client=client)
        seen_post, post_handler = scripted(502, 200)
        async with offline_client(post_handler) as client:
            await run_release_flow.asyncio_detailed(P, PL, "s", client=client)
        return len(seen_get), len(seen_post)

    assert asyncio.run(scenario()) == (2, 1)


def test_retries_can_be_turned_off(sleeps: list[float]) -> None:
    seen, handler = scripted(503, 200)
    with offline_client(handler, retry=None) as client:
        assert get_release_flow_run.sync_detailed(P, PL, "s", "r", client=client).status_code == 503
    assert len(seen) == 1


# Pagination helpers against the real mock.


def test_iterators_walk_every_page_and_pass_parameters(fresh: NorthflankMock) -> None:
    with client_for(fresh) as client:
        runs = list(iter_release_flow_runs(client, P, PL, "development", per_page=40))
        successes = list(
            iter_release_flow_runs(
                client,
                P,
                PL,
                "development",
                per_page=30,
                status=ReleaseFlowRunStatus.SUCCESS,
                concluded=True,
            )
        )
        builds = list(iter_job_builds(client, P, "demo-job", per_page=100))
    assert len({run.id for run in runs}) == len(runs) == 150
    assert successes and all(run.status == "success" for run in successes)
    assert len({b.id for b in builds}) == len(builds) == 150
    queries = [r.query for r in fresh.requests() if r.path.endswith("/runs")]
    assert queries[0] == "per_page=40"
    assert queries[1].startswith("per_page=40&cursor=")
    assert "status=success" in queries[-1] and "concluded=true" in queries[-1]
    assert len(queries) == math.ceil(150 / 40) + math.ceil(len(successes) / 30)


def test_async_iterators(fresh: NorthflankMock) -> None:
    async def collect() -> tuple[list[str], list[str]]:
        async with client_for(fresh) as client:
            runs = [
                run.id
                async for run in aiter_release_flow_runs(client, P, PL, "staging", per_page=7)
            ]
            builds = [b.id async for b in aiter_job_builds(client, P, "demo-job", per_page=60)]
        return runs, builds

    runs, builds = asyncio.run(collect())
    assert len(set(runs)) == len(runs) == 60
    assert len(set(builds)) == len(builds) == 150


def test_a_repeated_cursor_stops_instead_of_looping() -> None:
    page = {"data": {"runs": []}, "pagination": {"hasNextPage": True, "cursor": "same", "count": 0}}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    with offline_client(handler) as client, pytest.raises(PaginationError):
        list(iter_release_flow_runs(client, P, PL, "s"))


# Waiting for a run to conclude, on the mock's manual clock.


def test_wait_returns_the_concluded_run(fresh: NorthflankMock) -> None:
    with client_for(fresh) as client:
        created = unwrap(
            run_release_flow.sync_detailed(
                P, PL, "development", client=client, body=RunReleaseFlowRequest(name="Wait for me")
            ),
            ReleaseFlowRunResponse,
        ).data
        pauses: list[float] = []

        def sleep(seconds: float) -> None:
            pauses.append(seconds)
            fresh.advance(seconds)

        run = wait_for_release_flow_run(
            client, P, PL, "development", created.id,
            timeout=120, interval=1, multiplier=2, max_interval=4, clock=fresh.now, sleep=sleep,
        )  # fmt: skip
    assert run.concluded and run.status == ReleaseFlowRunStatus.SUCCESS
    assert pauses[:3] == [1, 2, 4] and max(pauses) == 4
    assert sum(pauses) >= 12  # 2 s pending + 10 s running on the mock's default timeline


def test_wait_times_out_with_a_clear_error(fresh: NorthflankMock) -> None:
    with client_for(fresh) as client:
        created = unwrap(
            run_release_flow.sync_detailed(P, PL, "development", client=client),
            ReleaseFlowRunResponse,
        ).data
        with pytest.raises(RunWaitTimeout) as raised:
            wait_for_release_flow_run(
                client, P, PL, "development", created.id,
                timeout=5, interval=1, clock=fresh.now, sleep=fresh.advance,
            )  # fmt: skip
    assert raised.value.run_id == created.id
    assert raised.value.last_status == "running"
    assert isinstance(raised.value, TimeoutError)


def test_async_wait(fresh: NorthflankMock) -> None:
    async def scenario() -> str:
        async with client_for(fresh) as client:
            response = await run_release_flow.asyncio_detailed(P, PL, "staging", client=client)
            created = unwrap(response, ReleaseFlowRunResponse).data

            async def sleep(seconds: float) -> None:
                await asyncio.to_thread(fresh.advance, seconds)

            run = await await_release_flow_run(
                client, P, PL, "staging", created.id, timeout=60, clock=fresh.now, sleep=sleep
            )
            return str(run.status)

    assert asyncio.run(scenario()) == "success"


def test_wait_raises_api_error_for_an_unknown_run(fresh: NorthflankMock) -> None:
    with client_for(fresh) as client, pytest.raises(ApiError) as raised:
        wait_for_release_flow_run(client, P, PL, "development", "nope", timeout=1)
    assert raised.value.status_code == 404


def test_generated_list_call_parses_a_real_page(fresh: NorthflankMock) -> None:
    with client_for(fresh) as client:
        page = list_release_flow_runs.sync(P, PL, "development", client=client, per_page=2)
    assert page is not None and not hasattr(page, "error")

"""Property: for any answer at all (status, body, headers) and any transport failure, every facade
call, and unwrap of every generated call, returns or raises a NorthflankError, never anything else."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Callable
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from northflank_release_client import AsyncNorthflank, Northflank, NorthflankError, unwrap
from northflank_release_client.api.jobs import list_job_builds
from northflank_release_client.api.pipelines import (
    abort_release_flow_run,
    get_release_flow_run,
    list_release_flow_runs,
    run_release_flow,
)
from northflank_release_client.models import (
    JobBuildListResponse,
    ReleaseFlowRunListResponse,
    ReleaseFlowRunResponse,
)

from tests.client_stubs import PL, ST, P, async_stub, example, stub

TRANSPORT_FAILURES: list[type[Exception]] = [
    httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout, httpx.WriteTimeout,
    httpx.PoolTimeout, httpx.ReadError, httpx.WriteError, httpx.CloseError,
    httpx.RemoteProtocolError, httpx.LocalProtocolError, httpx.ProxyError,
    httpx.UnsupportedProtocol, httpx.DecodingError, httpx.TooManyRedirects,
]  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = ["data", "runs", "builds", "pagination", "spec", "kind", "id", "status", "concluded",
        "createdAt", "updatedAt", "hasNextPage", "cursor", "error", "steps", "response"]  # fmt: skip


def mutated(document: Any, data: st.DataObject) -> Any:
    """A valid document with one value somewhere replaced by anything."""
    document = json.loads(json.dumps(document))
    node = document
    for _ in range(data.draw(st.integers(0, 4))):
        children = (
            list(node.items())
            if isinstance(node, dict)
            else list(enumerate(node))
            if isinstance(node, list)
            else []
        )
        containers = [(k, v) for k, v in children if isinstance(v, dict | list)]
        if not containers:
            break
        _, node = data.draw(st.sampled_from(containers))
    if isinstance(node, dict):
        node[data.draw(st.sampled_from([*node, *KEYS]))] = data.draw(json_values)
    elif isinstance(node, list) and node:
        node[data.draw(st.integers(0, len(node) - 1))] = data.draw(json_values)
    return document


VALID = [
    example("ReleaseFlowRunDetails"),
    example("ReleaseFlowRunCreated"),
    example("ReleaseFlowRunList"),
    example("JobBuildList"),
    {
        "data": {
            "runs": [],
        },
        "pagination": {"hasNextPage": True, "cursor": "c", "count": 0},
    },
]


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    kind = draw(
        st.sampled_from(["valid", "mutated", "json", "bytes", "empty", "huge", "deep", "envelope"])
    )
    if kind == "valid":
        return json.dumps(draw(st.sampled_from(VALID))).encode()
    if kind == "mutated":
        return json.dumps(mutated(draw(st.sampled_from(VALID)), draw(st.data()))).encode()
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "huge":
        return b'{"error": {"message": "' + b"x" * 2_000_000 + b'"}}'
    if kind == "deep":
        return b"[" * 50_000 + b"]" * 50_000
    if kind == "envelope":
        return json.dumps({"error": draw(json_values)}).encode()
    return b""


header_values = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
    st.integers(-10, 10**30).map(str),
    st.sampled_from(["Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "0", "1e9"]),
)


@st.composite
def answers(draw: st.DrawFn) -> Callable[[httpx.Request], httpx.Response]:
    """A handler answering every request with one drawn outcome (or a drawn sequence of them)."""
    outcomes: list[type[Exception] | tuple[int, bytes, dict[str, str]]] = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 9)) == 0:
            outcomes.append(draw(st.sampled_from(TRANSPORT_FAILURES)))
            continue
        headers = {}
        for name in draw(
            st.lists(
                st.sampled_from(
                    ["retry-after", "x-ratelimit-reset", "x-request-id", "content-type"]
                ),
                unique=True,
            )
        ):
            headers[name] = draw(header_values)
        status = draw(
            st.one_of(
                st.integers(100, 599), st.integers(600, 999), st.sampled_from([200, 200, 429, 503])
            )
        )
        outcomes.append((status, draw(bodies()), headers))
    cycle = itertools.cycle(outcomes)

    def handle(request: httpx.Request) -> httpx.Response:
        outcome = next(cycle)
        if isinstance(outcome, type):
            raise outcome("drawn failure", request=request)  # type: ignore[call-arg]
        status, body, headers = outcome
        return httpx.Response(status, content=body, headers=headers)

    return handle


def facade_calls(nf: Northflank) -> list[Callable[[], object]]:
    pipelines, jobs = nf.pipelines, nf.jobs
    return [
        lambda: pipelines.list_release_flow_runs(P, PL, ST, status="success"),
        lambda: list(itertools.islice(pipelines.iter_release_flow_runs(P, PL, ST), 5)),
        lambda: pipelines.get_release_flow_run(P, PL, ST, "r"),
        lambda: pipelines.run_release_flow(P, PL, ST, name="Run it", arguments={"A": "1"}),
        lambda: pipelines.abort_release_flow_run(P, PL, ST, "r"),
        lambda: pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=0.05, interval=0.01),
        lambda: jobs.list_job_builds(P, "demo-job"),
        lambda: list(itertools.islice(jobs.iter_job_builds(P, "demo-job"), 5)),
    ]


def unwrapped_calls(nf: Northflank) -> list[Callable[[], object]]:
    c = nf.client
    return [
        lambda: unwrap(
            list_release_flow_runs.sync_detailed(P, PL, ST, client=c), ReleaseFlowRunListResponse
        ),
        lambda: unwrap(
            get_release_flow_run.sync_detailed(P, PL, ST, "r", client=c), ReleaseFlowRunResponse
        ),
        lambda: unwrap(run_release_flow.sync_detailed(P, PL, ST, client=c), ReleaseFlowRunResponse),
        lambda: unwrap(
            abort_release_flow_run.sync_detailed(P, PL, ST, "r", client=c), ReleaseFlowRunResponse
        ),
        lambda: unwrap(
            list_job_builds.sync_detailed(P, "demo-job", client=c), JobBuildListResponse
        ),
    ]


FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(handler=answers(), call=st.integers(0, 12))
def test_sync_calls_raise_only_the_family(
    handler: Callable[[httpx.Request], httpx.Response], call: int
) -> None:
    with stub(handler) as nf:
        calls = facade_calls(nf) + unwrapped_calls(nf)
        with contextlib.suppress(NorthflankError):
            calls[call % len(calls)]()


async def _async_call(nf: AsyncNorthflank, call: int) -> None:
    pipelines, jobs = nf.pipelines, nf.jobs
    if call == 0:
        await pipelines.list_release_flow_runs(P, PL, ST, status="failure")
    elif call == 1:
        async for _ in pipelines.iter_release_flow_runs(P, PL, ST):
            break
    elif call == 2:
        await pipelines.get_release_flow_run(P, PL, ST, "r")
    elif call == 3:
        await pipelines.run_release_flow(P, PL, ST, arguments={"A": "1"}, overrides={"x": {}})
    elif call == 4:
        await pipelines.abort_release_flow_run(P, PL, ST, "r")
    elif call == 5:
        await pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=0.05, interval=0.01)
    else:
        async for _ in jobs.iter_job_builds(P, "demo-job"):
            break


@FAST
@given(handler=answers(), call=st.integers(0, 6))
def test_async_calls_raise_only_the_family(
    handler: Callable[[httpx.Request], httpx.Response], call: int
) -> None:
    async def scenario() -> None:
        async with async_stub(handler) as nf:
            with contextlib.suppress(NorthflankError):
                await _async_call(nf, call)

    asyncio.run(scenario())

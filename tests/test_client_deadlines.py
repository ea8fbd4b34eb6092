"""A call's `timeout=` and a wait's `timeout` bound the whole of it: a server that trickles its
answer, retries and their waits included, sync and async; `timeout=0` is a timeout, and a wait
with no time still polls once."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from northflank_release_client import (
    APITimeoutError,
    AsyncNorthflank,
    InternalServerError,
    Northflank,
    RunWaitTimeout,
    default_retry,
)

from tests.client_stubs import (
    PL,
    ST,
    P,
    RawServer,
    async_stub,
    canned,
    example,
    raw_server,
    stalling_first,
    stub,
    trickling,
)

# How far past its timeout a call may end: the socket wait in progress is cut at the deadline,
# and what follows is bookkeeping (and this shared machine's scheduling).
SLACK = 0.6


def timed(call: Callable[[], object]) -> tuple[BaseException | None, float]:
    started = time.monotonic()
    try:
        call()
    except BaseException as error:
        return error, time.monotonic() - started
    return None, time.monotonic() - started


# The reviewer's trickle: 40 bytes announced, one every 0.5 s.


def test_a_call_timeout_bounds_a_trickling_answer() -> None:
    with (
        raw_server(trickling(0.5, 40)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        error, elapsed = timed(lambda: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=1))
    assert isinstance(error, APITimeoutError), error
    assert 1.0 <= elapsed < 1.0 + SLACK
    assert len(server.arrivals) == 1  # no retry started past the deadline


def test_a_call_timeout_bounds_a_post_that_trickles() -> None:
    with (
        raw_server(trickling(0.5, 40)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        error, elapsed = timed(lambda: nf.pipelines.run_release_flow(P, PL, ST, timeout=1))
    assert isinstance(error, APITimeoutError), error
    assert 1.0 <= elapsed < 1.0 + SLACK


def test_every_socket_wait_is_cut_at_the_deadline() -> None:
    # One byte every 0.9 s: each read's own timeout (the time left when the attempt started)
    # would let the call run to about 1.8 s; the deadline ends it at 1 s.
    with (
        raw_server(trickling(0.9, 40)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        error, elapsed = timed(lambda: nf.jobs.list_job_builds(P, "demo-job", timeout=1))
    assert isinstance(error, APITimeoutError), error
    assert 1.0 <= elapsed < 1.0 + SLACK


def test_a_trickling_head_is_cut_at_the_deadline() -> None:
    with (
        raw_server(trickling(0.1, 40, head_interval=0.3)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        error, elapsed = timed(lambda: nf.pipelines.get_release_flow_run(P, PL, ST, "r", timeout=1))
    assert isinstance(error, APITimeoutError), error
    assert 1.0 <= elapsed < 1.0 + SLACK


def test_the_client_timeout_is_every_call_s_default() -> None:
    with (
        raw_server(trickling(0.5, 40)) as server,
        Northflank(api_token="t", base_url=server.url, timeout=1) as nf,
    ):
        error, elapsed = timed(lambda: nf.pipelines.list_release_flow_runs(P, PL, ST))
    assert isinstance(error, APITimeoutError), error
    assert 1.0 <= elapsed < 1.0 + SLACK


def test_the_async_call_timeout_bounds_a_trickling_answer() -> None:
    async def scenario(url: str) -> tuple[BaseException | None, float]:
        async with AsyncNorthflank(api_token="t", base_url=url) as nf:
            started = time.monotonic()
            try:
                await nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=1)
            except BaseException as error:
                return error, time.monotonic() - started
            return None, time.monotonic() - started

    with raw_server(trickling(0.5, 40)) as server:
        error, elapsed = asyncio.run(scenario(server.url))
    assert isinstance(error, APITimeoutError), error
    assert 1.0 <= elapsed < 1.0 + SLACK


# Retries inside the deadline.


def test_retries_never_start_past_the_deadline() -> None:
    with raw_server(canned(503, b"", Retry_After="1")) as server:
        nf = Northflank(api_token="t", base_url=server.url, max_retries=10)
        started = time.monotonic()
        with nf:
            error, elapsed = timed(
                lambda: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=2.5)
            )
    assert isinstance(error, InternalServerError), error
    assert elapsed < 2.5 + SLACK
    assert 2 <= len(server.arrivals) <= 3
    assert all(arrival < started + 2.5 for arrival in server.arrivals)


def test_a_wait_the_deadline_cannot_cover_is_not_waited() -> None:
    # A 10 s Retry-After and a 2 s call used to take 30 s.
    with (
        raw_server(canned(503, b"", Retry_After="10")) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        error, elapsed = timed(lambda: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=2))
    assert isinstance(error, InternalServerError), error
    assert elapsed < 1 and len(server.arrivals) == 1


# Waits.


def test_a_wait_on_a_trickling_server_ends_on_time() -> None:
    with (
        raw_server(trickling(0.5, 40)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        error, elapsed = timed(
            lambda: nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=3)
        )
    assert isinstance(error, RunWaitTimeout), error
    assert 3.0 <= elapsed < 3.0 + SLACK


def test_an_async_wait_on_a_trickling_server_ends_on_time() -> None:
    async def scenario(url: str) -> tuple[BaseException | None, float]:
        async with AsyncNorthflank(api_token="t", base_url=url) as nf:
            started = time.monotonic()
            try:
                await nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=3)
            except BaseException as error:
                return error, time.monotonic() - started
            return None, time.monotonic() - started

    with raw_server(trickling(0.5, 40)) as server:
        error, elapsed = asyncio.run(scenario(server.url))
    assert isinstance(error, RunWaitTimeout), error
    assert 3.0 <= elapsed < 3.0 + SLACK


def details(*, concluded: bool) -> dict[str, Any]:
    document: dict[str, Any] = example("ReleaseFlowRunDetails")
    document["data"]["concluded"] = concluded
    document["data"]["status"] = "success" if concluded else "running"
    return document


def counting(
    document: dict[str, object],
) -> tuple[list[httpx.Request], Callable[[httpx.Request], httpx.Response]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=json.dumps(document).encode())

    return seen, handle


@pytest.mark.parametrize("timeout", [0, 0.01])
def test_a_wait_with_no_time_polls_once(timeout: float) -> None:
    seen, handler = counting(details(concluded=True))
    with stub(handler) as nf:
        run = nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=timeout)
    assert run.concluded is True and len(seen) == 1
    seen, handler = counting(details(concluded=False))
    with stub(handler) as nf, pytest.raises(RunWaitTimeout) as raised:
        nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=timeout)
    assert len(seen) == 1 and raised.value.last_status == "running"


def test_an_async_wait_with_no_time_polls_once() -> None:
    seen, handler = counting(details(concluded=True))

    async def scenario() -> bool:
        async with async_stub(handler) as nf:
            run = await nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=0)
        return run.concluded

    assert asyncio.run(scenario()) is True and len(seen) == 1


def test_a_wait_without_a_limit_waits_until_the_run_concludes() -> None:
    answers = [details(concluded=False)] * 3 + [details(concluded=True)]
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answers[min(len(seen), len(answers)) - 1])

    with stub(handle) as nf:
        run = nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=None, interval=0.01)
    assert run.concluded is True and len(seen) == 4


def test_a_call_timeout_of_zero_is_a_timeout_and_sends_nothing() -> None:
    seen, handler = counting(example("ReleaseFlowRunList"))
    with stub(handler, retry=default_retry()) as nf:
        with pytest.raises(APITimeoutError, match="ran out before a request could be sent"):
            nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=0)
        with pytest.raises(APITimeoutError):
            nf.pipelines.run_release_flow(P, PL, ST, timeout=0)
    assert seen == []


def test_async_timeout_of_zero_is_a_timeout() -> None:
    seen, handler = counting(example("ReleaseFlowRunList"))

    async def scenario() -> None:
        async with async_stub(handler) as nf:
            await nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=0)

    with pytest.raises(APITimeoutError):
        asyncio.run(scenario())
    assert seen == []


def test_a_call_without_a_timeout_keeps_the_per_request_limits() -> None:
    timeouts: list[dict[str, float | None]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return httpx.Response(200, json=example("ReleaseFlowRunList"))

    with stub(handle) as nf:
        nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=None, request_timeout=7)
    assert timeouts == [{"connect": 7.0, "read": 7.0, "write": 7.0, "pool": 7.0}]


def test_the_server_sees_one_request_per_attempt(tmp_path: object) -> None:
    # A sanity check of the raw server these tests rely on: a quick answer, one arrival.
    with raw_server(canned(200, json.dumps(example("JobBuildList")).encode())) as server:
        assert isinstance(server, RawServer)
        with Northflank(api_token="t", base_url=server.url) as nf:
            page = nf.jobs.list_job_builds(P, "demo-job")
    assert page.data.builds and len(server.arrivals) == 1


# A body that stalls after the headers is a timeout of that attempt: retried where it is safe.

LIST = json.dumps(example("ReleaseFlowRunList")).encode()
LISTED = [run["id"] for run in json.loads(LIST)["data"]["runs"]]
# Half a second per attempt, three attempts.
QUICK_ATTEMPTS: dict[str, Any] = {"request_timeout": 0.5, "retry": default_retry(attempts=3)}


def test_a_get_whose_body_stalls_is_retried() -> None:
    with (
        raw_server(stalling_first(2, LIST)) as server,
        Northflank(api_token="t", base_url=server.url, **QUICK_ATTEMPTS) as nf,
    ):
        page = nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert len(server.arrivals) == 3
    assert [run.id for run in page.data.runs or []] == LISTED


def test_an_async_get_whose_body_stalls_is_retried() -> None:
    async def scenario(url: str) -> Any:
        async with AsyncNorthflank(api_token="t", base_url=url, **QUICK_ATTEMPTS) as nf:
            return await nf.pipelines.list_release_flow_runs(P, PL, ST)

    with raw_server(stalling_first(1, LIST)) as server:
        page = asyncio.run(scenario(server.url))
    assert len(server.arrivals) == 2
    assert [run.id for run in page.data.runs or []] == LISTED


def test_a_post_whose_body_stalls_is_not_sent_again() -> None:
    with (
        raw_server(stalling_first(1, LIST)) as server,
        Northflank(api_token="t", base_url=server.url, **QUICK_ATTEMPTS) as nf,
    ):
        error, _ = timed(lambda: nf.pipelines.run_release_flow(P, PL, ST, name="once"))
    assert isinstance(error, APITimeoutError), error
    assert len(server.arrivals) == 1


def test_the_last_error_says_what_went_wrong_not_that_time_ran_out() -> None:
    with (
        raw_server(stalling_first(100, LIST)) as server,
        Northflank(api_token="t", base_url=server.url, max_retries=10) as nf,
    ):
        error, elapsed = timed(
            lambda: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=1.5, request_timeout=0.4)
        )
    assert isinstance(error, APITimeoutError), error
    assert elapsed < 1.5 + SLACK and len(server.arrivals) >= 2
    assert "ReadTimeout" in f"{error} {error.__cause__!r}", (error, error.__cause__)

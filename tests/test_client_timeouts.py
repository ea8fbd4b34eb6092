"""Nothing hangs: default and per-call timeouts, bounded waits, and retries that cap their waits."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable

import httpx
import pytest
from northflank_release_client import (
    DEFAULT_CALL_TIMEOUT,
    DEFAULT_REQUEST_TIMEOUT,
    DEFAULT_TIMEOUT,
    APITimeoutError,
    AsyncNorthflank,
    AuthenticatedClient,
    InternalServerError,
    Northflank,
    RateLimitError,
    RunWaitTimeout,
    await_release_flow_run,
    default_retry,
    wait_for_release_flow_run,
)
from northflank_release_client.call_options import call_options

from tests.client_stubs import PL, ST, P, example, hanging_server, stub

# How far past its own timeout a wait may end: the last request is cut at the deadline, and
# what follows is bookkeeping (and this machine's scheduling).
SLACK = 1.0


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the retry layer's sleeps instead of sleeping."""
    recorded: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr("httpx_retries.retry.time.sleep", recorded.append)
    monkeypatch.setattr("httpx_retries.retry.asyncio.sleep", fake_async_sleep)
    return recorded


def scripted(
    *answers: tuple[int, dict[str, str]],
) -> tuple[list[httpx.Request], Callable[[httpx.Request], httpx.Response]]:
    """Answer each request with the next (status, headers); the last one repeats."""
    seen: list[httpx.Request] = []
    ok = json.dumps(example("ReleaseFlowRunList")).encode()

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        status, headers = answers[min(len(seen), len(answers)) - 1]
        body = (
            ok
            if status == 200
            else json.dumps({"error": {"status": status, "message": "no"}}).encode()
        )
        return httpx.Response(status, content=body, headers=headers)

    return seen, handle


# Timeouts.


def test_clients_time_out_by_default() -> None:
    assert (DEFAULT_REQUEST_TIMEOUT.connect, DEFAULT_REQUEST_TIMEOUT.read) == (5.0, 60.0)
    assert DEFAULT_TIMEOUT is DEFAULT_REQUEST_TIMEOUT  # the old name
    assert DEFAULT_CALL_TIMEOUT == 300
    with AuthenticatedClient(base_url="http://x.invalid", token="t") as client:
        assert client.get_httpx_client().timeout == DEFAULT_REQUEST_TIMEOUT
    with Northflank(api_token="t") as nf:
        assert nf.client.get_httpx_client().timeout == DEFAULT_REQUEST_TIMEOUT
        assert (nf.timeout, nf.request_timeout) == (DEFAULT_CALL_TIMEOUT, DEFAULT_REQUEST_TIMEOUT)
    with Northflank(api_token="t", timeout=3, request_timeout=2) as nf:
        assert nf.client.get_httpx_client().timeout == httpx.Timeout(2)
        assert (nf.timeout, nf.request_timeout) == (3, httpx.Timeout(2))
    with AuthenticatedClient(base_url="http://x.invalid", token="t", timeout=None) as client:
        assert client.get_httpx_client().timeout == httpx.Timeout(None)  # asked for explicitly


def test_a_call_timeout_reaches_the_request() -> None:
    timeouts: list[dict[str, float | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return httpx.Response(200, json=example("ReleaseFlowRunList"))

    with stub(handler, timeout=None) as nf:
        nf.pipelines.list_release_flow_runs(P, PL, ST)
        nf.pipelines.list_release_flow_runs(P, PL, ST, request_timeout=2.5)
        nf.pipelines.list_release_flow_runs(P, PL, ST, request_timeout=httpx.Timeout(9, connect=1))
        nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=2.5)
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    total = timeouts.pop(3)
    assert timeouts == [
        {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0},
        {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5},
        {"connect": 1.0, "read": 9.0, "write": 9.0, "pool": 9.0},
        {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0},
    ]
    # A call's total timeout cuts each phase to the time left of it.
    assert set(total) == {"connect", "read", "write", "pool"}
    assert all(limit is not None and 2.0 < limit <= 2.5 for limit in total.values())


def test_a_hung_server_times_a_call_out() -> None:
    with (
        hanging_server() as server,
        Northflank(api_token="t", base_url=server.url, retry=None) as nf,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as raised:
            nf.pipelines.get_release_flow_run(P, PL, ST, "r", timeout=0.3)
        elapsed = time.monotonic() - started
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)
    assert 0.3 <= elapsed < 0.3 + SLACK


def test_waiting_on_a_hung_server_ends_on_time() -> None:
    with hanging_server() as server, Northflank(api_token="t", base_url=server.url) as nf:
        started = time.monotonic()
        with pytest.raises(RunWaitTimeout) as raised:
            nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=1.0)
        elapsed = time.monotonic() - started
        assert 1.0 <= elapsed < 1.0 + SLACK
        assert raised.value.run_id == "r" and raised.value.last_status is None
        assert isinstance(raised.value.__cause__, APITimeoutError)
        assert len(server.connections) == 1  # the timed-out poll was not retried past the deadline


def test_the_wait_helper_on_a_hung_server_ends_on_time() -> None:
    with hanging_server() as server:
        client = AuthenticatedClient(base_url=server.url, token="t")
        started = time.monotonic()
        with client, pytest.raises(RunWaitTimeout):
            wait_for_release_flow_run(client, P, PL, ST, "r", timeout=0.8)
        assert time.monotonic() - started < 0.8 + SLACK


def test_async_waits_on_a_hung_server_end_on_time() -> None:
    async def scenario() -> tuple[float, float]:
        with hanging_server() as server:
            async with AsyncNorthflank(api_token="t", base_url=server.url) as nf:
                started = time.monotonic()
                with pytest.raises(RunWaitTimeout):
                    await nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=0.8)
                facade = time.monotonic() - started
            client = AuthenticatedClient(base_url=server.url, token="t")
            async with client:
                started = time.monotonic()
                with pytest.raises(RunWaitTimeout):
                    await await_release_flow_run(client, P, PL, ST, "r", timeout=0.8)
                helper = time.monotonic() - started
        return facade, helper

    for elapsed in asyncio.run(scenario()):
        assert 0.8 <= elapsed < 0.8 + SLACK


# Retries: capped waits.


def test_a_huge_retry_after_fails_fast(sleeps: list[float]) -> None:
    seen, handler = scripted((429, {"Retry-After": "1000000000"}), (200, {}))
    started = time.monotonic()
    with stub(handler, retry=default_retry()) as nf, pytest.raises(RateLimitError) as raised:
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert time.monotonic() - started < 1.0
    assert raised.value.retry_after == 1e9 and "retry after more than a year" in str(raised.value)
    assert len(seen) == 1 and sleeps == []


def test_a_wait_within_the_cap_is_waited(sleeps: list[float]) -> None:
    seen, handler = scripted((503, {"Retry-After": "30"}), (200, {}))
    with stub(handler, retry=default_retry()) as nf:
        page = nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert page.pagination.count == 1 and len(seen) == 2 and sleeps == [30.0]


def test_the_total_wait_is_capped(sleeps: list[float]) -> None:
    seen, handler = scripted((503, {"Retry-After": "50"}))
    retry = default_retry(attempts=10, max_wait=60, total_wait=120)
    with stub(handler, retry=retry) as nf, pytest.raises(InternalServerError):
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert sleeps == [50.0, 50.0, 20.0] and len(seen) == 4


def test_ratelimit_reset_is_a_wait_hint_for_429_only(sleeps: list[float]) -> None:
    seen, handler = scripted((503, {"x-ratelimit-reset": "3600"}), (200, {}))
    with stub(handler, retry=default_retry()) as nf:
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert len(seen) == 2 and len(sleeps) == 1 and sleeps[0] <= 1.0  # backoff, not an hour
    seen, handler = scripted((429, {"x-ratelimit-reset": "3600"}), (200, {}))
    with stub(handler, retry=default_retry()) as nf, pytest.raises(RateLimitError) as raised:
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert len(seen) == 1 and raised.value.retry_after == 3600


def test_a_call_deadline_refuses_a_retry_it_cannot_wait_for(sleeps: list[float]) -> None:
    seen, handler = scripted((503, {"Retry-After": "5"}), (503, {"Retry-After": "5"}), (200, {}))
    with stub(handler, retry=default_retry()) as nf:
        with call_options(deadline=time.monotonic() + 1), pytest.raises(InternalServerError):
            nf.pipelines.list_release_flow_runs(P, PL, ST)
        assert len(seen) == 1
        nf.pipelines.list_release_flow_runs(P, PL, ST)  # without a deadline it is retried
    assert len(seen) == 3 and sleeps == [5.0]


def test_a_backoff_is_cut_at_the_deadline(sleeps: list[float]) -> None:
    seen, handler = scripted((503, {}), (503, {}), (200, {}))
    nf = stub(handler, retry=default_retry(backoff_factor=100))
    with nf, call_options(deadline=time.monotonic() + 2):
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert len(seen) == 3 and all(pause <= 2 for pause in sleeps)


# The debug log.


def test_debug_log_hides_the_token(caplog: pytest.LogCaptureFixture) -> None:
    _, handler = scripted((200, {"x-request-id": "req-1"}))
    caplog.set_level(logging.DEBUG, logger="northflank_release_client")
    with stub(handler) as nf:
        nf.pipelines.list_release_flow_runs(P, PL, ST, per_page=3)
    text = caplog.text
    assert "secret-token" not in text
    assert "'authorization': '<hidden>'" in text
    assert (
        "request GET http://stub.invalid/v1/projects/demo-project/pipelines/demo-pipeline" in text
    )
    assert "per_page=3 (attempt 1)" in text and "response 200" in text and "req-1" in text


def test_debug_is_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("northflank_release_client")
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    monkeypatch.setattr(logger, "handlers", [])
    with Northflank(api_token="t"):
        assert logger.level == logging.NOTSET
    monkeypatch.setenv("NORTHFLANK_DEBUG", "1")
    with Northflank(api_token="t"):
        assert logger.level == logging.DEBUG
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    with Northflank(api_token="t", debug=False):
        assert logger.level == logging.NOTSET

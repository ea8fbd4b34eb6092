"""A client's life: closed clients, transports of the wrong kind and async clients in another
event loop raise the family's errors; the httpx client is created once whatever the threads, and
close() closes everything that was opened."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from northflank_release_client import (
    AsyncNorthflank,
    AuthenticatedClient,
    ClientStateError,
    InvalidArgumentTypeError,
    Northflank,
)
from northflank_release_client.api.jobs import list_job_builds

from tests.client_stubs import PL, ST, P, answer, async_stub, example, stub

PAGE = example("JobBuildList")


def page() -> Any:
    return answer(200, PAGE)


def test_a_closed_client_refuses_calls() -> None:
    nf = stub(page())
    nf.jobs.list_job_builds(P, "demo-job")
    nf.close()
    with pytest.raises(ClientStateError, match="closed") as raised:
        nf.jobs.list_job_builds(P, "demo-job")
    assert isinstance(raised.value, RuntimeError)
    nf.close()  # twice is fine


def test_a_client_after_its_with_block() -> None:
    with stub(page()) as nf:
        nf.jobs.list_job_builds(P, "demo-job")
    with pytest.raises(ClientStateError):
        nf.jobs.list_job_builds(P, "demo-job")
    with pytest.raises(ClientStateError), nf:
        pass  # entering it again


def test_an_iterator_outliving_its_client() -> None:
    pages = {
        "data": {"builds": PAGE["data"]["builds"]},
        "pagination": {"hasNextPage": True, "cursor": "c", "count": 1},
    }
    nf = stub(answer(200, pages))
    builds = nf.jobs.iter_job_builds(P, "demo-job")
    next(builds)
    nf.close()
    with pytest.raises(ClientStateError):
        list(builds)


def test_a_closed_async_client_refuses_calls() -> None:
    async def scenario() -> None:
        async with async_stub(page()) as nf:
            await nf.jobs.list_job_builds(P, "demo-job")
        await nf.jobs.list_job_builds(P, "demo-job")

    with pytest.raises(ClientStateError, match="closed"):
        asyncio.run(scenario())


def test_an_async_client_in_a_second_event_loop() -> None:
    nf = async_stub(page())
    asyncio.run(nf.jobs.list_job_builds(P, "demo-job"))
    with pytest.raises(ClientStateError, match="another event loop") as raised:
        asyncio.run(nf.jobs.list_job_builds(P, "demo-job"))
    assert "which is closed" in str(raised.value)


def test_transports_of_the_wrong_kind_are_refused_when_the_client_is_built() -> None:
    with pytest.raises(InvalidArgumentTypeError, match="AsyncBaseTransport"):
        AsyncNorthflank(api_token="t", transport=httpx.HTTPTransport())  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentTypeError, match="BaseTransport"):
        Northflank(api_token="t", transport=httpx.AsyncHTTPTransport())  # type: ignore[arg-type]


def test_the_generated_functions_on_a_transport_of_the_other_kind() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("never called")

    client = AuthenticatedClient(
        base_url="http://stub.invalid",
        token="t",
        httpx_args={"transport": httpx.ASGITransport(app)},
    )
    with pytest.raises(ClientStateError, match="async only"):
        list_job_builds.sync_detailed(P, "demo-job", client=client)
    client.close()


@pytest.fixture
def created(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[httpx.Client]]:
    """Every httpx.Client created while the test runs."""
    clients: list[httpx.Client] = []
    original = httpx.Client.__init__

    def spy(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        clients.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(httpx.Client, "__init__", spy)
    yield clients


def test_threads_share_one_httpx_client(created: list[httpx.Client]) -> None:
    nf = stub(page())
    barrier = threading.Barrier(16)

    def work(_: int) -> int:
        barrier.wait()
        return len(nf.jobs.list_job_builds(P, "demo-job", timeout=5).data.builds)

    with ThreadPoolExecutor(16) as pool:
        assert set(pool.map(work, range(16))) == {len(PAGE["data"]["builds"])}
    assert len(created) == 1
    nf.close()
    assert all(client.is_closed for client in created)


def test_aclose_closes_both_httpx_clients() -> None:
    async def scenario() -> tuple[httpx.Client, httpx.AsyncClient]:
        nf = async_stub(page())
        await nf.jobs.list_job_builds(P, "demo-job")
        async_client = nf.client.get_async_httpx_client()
        sync = nf.client.get_httpx_client()  # the generated functions' sync client, opened too
        list_job_builds.sync_detailed(P, "demo-job", client=nf.client)
        await nf.close()
        return sync, async_client

    sync, async_client = asyncio.run(scenario())
    assert sync.is_closed and async_client.is_closed


def test_a_sync_call_inside_a_running_loop_still_works() -> None:
    # Blocking, as any synchronous call is, but answered and not mistaken for another loop.
    async def scenario() -> int:
        with stub(page()) as nf:
            return len(nf.jobs.list_job_builds(P, "demo-job").data.builds)

    assert asyncio.run(scenario()) == len(PAGE["data"]["builds"])


def test_with_options_copies_share_the_connection() -> None:
    nf = stub(page())
    quick = nf.with_options(timeout=5)
    assert quick.client is nf.client
    quick.close()
    with pytest.raises(ClientStateError):
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")

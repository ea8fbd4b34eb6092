"""httpx transports into an embedded mock's app (embedded.py), with no socket: the sync one for
`httpx.Client` and the generated `Northflank`, the async one for `httpx.AsyncClient` and
`AsyncNorthflank` on any event loop.

httpx's own `ASGITransport` is async only and runs the app on the caller's loop. These hand each
request to the mock's loop instead, so that sync code can call it at all, and so that clients on
several threads or loops never run the mock's code at the same time. Only public APIs are used:
the request is read whole, passed through `httpx.ASGITransport` on the mock's loop, and the
answer read whole. The client's read timeout applies: past it, `httpx.ReadTimeout`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from .embedded import EmbeddedMock

Exchange = tuple[int, list[tuple[bytes, bytes]], bytes]


class InProcessTransport(httpx.BaseTransport):
    def __init__(self, mock: EmbeddedMock) -> None:
        self._mock = mock
        self._asgi = httpx.ASGITransport(app=mock.app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        try:
            future = self._mock.submit(_exchange(self._asgi, request))
        except RuntimeError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        try:
            status, headers, body = future.result(_read_timeout(request))
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise httpx.ReadTimeout("the mock did not answer in time", request=request) from None
        return httpx.Response(status, headers=headers, content=body, request=request)


class AsyncInProcessTransport(httpx.AsyncBaseTransport):
    def __init__(self, mock: EmbeddedMock) -> None:
        self._mock = mock
        self._asgi = httpx.ASGITransport(app=mock.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        try:
            future = self._mock.submit(_exchange(self._asgi, request))
        except RuntimeError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        try:
            status, headers, body = await asyncio.wait_for(
                asyncio.wrap_future(future), _read_timeout(request)
            )
        except TimeoutError:
            future.cancel()
            raise httpx.ReadTimeout("the mock did not answer in time", request=request) from None
        return httpx.Response(status, headers=headers, content=body, request=request)


async def _exchange(asgi: httpx.ASGITransport, request: httpx.Request) -> Exchange:
    """One request through the app, on the mock's loop: status, raw headers, whole body."""
    response = await asgi.handle_async_request(request)
    body = await response.aread()
    return response.status_code, response.headers.raw, body


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout", {})
    read = timeout.get("read") if isinstance(timeout, dict) else None
    return float(read) if read is not None else None

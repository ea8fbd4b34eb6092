"""Stand-ins for Northflank that the client tests talk to: scripted answers and broken servers."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from northflank_release_client import AsyncNorthflank, Northflank, default_retry

from mock_server.spec import load_spec

P, PL, ST = "demo-project", "demo-pipeline", "development"
Handler = Callable[[httpx.Request], httpx.Response]


def example(name: str) -> Any:
    """A named example of the spec, as JSON-ready data."""
    return json.loads(json.dumps(load_spec()["components"]["examples"][name]["value"]))


def quick_retry() -> Any:
    """Retries as the default policy makes them, without waiting long for any of them."""
    return default_retry(attempts=2, backoff_factor=0.0, max_wait=0.01, total_wait=0.05)


def stub(handler: Handler, **kwargs: Any) -> Northflank:
    kwargs.setdefault("retry", quick_retry())
    return Northflank(
        api_token="secret-token", base_url="http://stub.invalid",
        transport=httpx.MockTransport(handler), **kwargs,
    )  # fmt: skip


def async_stub(handler: Handler, **kwargs: Any) -> AsyncNorthflank:
    kwargs.setdefault("retry", quick_retry())
    return AsyncNorthflank(
        api_token="secret-token", base_url="http://stub.invalid",
        transport=httpx.MockTransport(handler), **kwargs,
    )  # fmt: skip


def answer(status: int, body: Any = None, **headers: str) -> Handler:
    """A handler that always gives this answer (a JSON body unless given bytes)."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers=headers)

    return handle


class HangingServer:
    """A TCP server on 127.0.0.1 that accepts connections, reads nothing and never answers."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for connection in self.connections:
            connection.close()


@contextmanager
def hanging_server() -> Iterator[HangingServer]:
    server = HangingServer()
    try:
        yield server
    finally:
        server.close()


def refused_url() -> str:
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"

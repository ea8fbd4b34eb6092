"""Stand-ins for Northflank that the client tests talk to: scripted answers and broken servers."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
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


Respond = Callable[[socket.socket, threading.Event], None]


class RawServer:
    """A TCP server on 127.0.0.1 that answers each connection with `respond(connection, stop)`,
    one thread per connection; `close()` sets `stop` and closes every socket. It records when
    each request arrived (time.monotonic())."""

    def __init__(self, respond: Respond) -> None:
        self._respond = respond
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.arrivals: list[float] = []
        self.sent = 0
        self.stop = threading.Event()
        self._connections: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._connections.append(connection)
            worker = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self._threads.append(worker)
            worker.start()

    def _serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):  # the client went away: what these servers are for
            self._respond(connection, self.stop)

    def read_request(self, connection: socket.socket) -> bytes:
        """One request's head and body; records its arrival."""
        data = b""
        connection.settimeout(5)
        while b"\r\n\r\n" not in data:
            chunk = connection.recv(65536)
            if not chunk:
                return data
            data += chunk
        self.arrivals.append(time.monotonic())
        head, _, body = data.partition(b"\r\n\r\n")
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                while len(body) < int(line.split(b":")[1]):
                    body += connection.recv(65536)
        return data

    def send(self, connection: socket.socket, data: bytes) -> None:
        connection.sendall(data)
        self.sent += len(data)

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        for worker in self._threads:
            worker.join(timeout=5)


@contextmanager
def raw_server(make: Callable[[RawServer], Respond]) -> Iterator[RawServer]:
    """A RawServer whose responder `make(server)` builds (so that it can use the server)."""
    holder: list[RawServer] = []
    server = RawServer(lambda connection, stop: make(holder[0])(connection, stop))
    holder.append(server)
    try:
        yield server
    finally:
        server.close()


def trickling(
    interval: float = 0.5, length: int = 40, head_interval: float = 0.0
) -> Callable[[RawServer], Respond]:
    """Answer 200 with `Content-Length: length` and send the body one byte every `interval`
    seconds; with `head_interval`, the status line and headers come one byte at a time too."""

    def make(server: RawServer) -> Respond:
        def respond(connection: socket.socket, stop: threading.Event) -> None:
            server.read_request(connection)
            head = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                % length
            )
            if head_interval:
                for byte in head:
                    if stop.wait(head_interval):
                        return
                    server.send(connection, bytes([byte]))
            else:
                server.send(connection, head)
            for _ in range(length):
                if stop.wait(interval):
                    return
                server.send(connection, b" ")

        return respond

    return make


def canned(status: int, body: bytes = b"", **headers: str) -> Callable[[RawServer], Respond]:
    """Answer every request with this status, headers and body, and close the connection."""

    def make(server: RawServer) -> Respond:
        def respond(connection: socket.socket, stop: threading.Event) -> None:
            server.read_request(connection)
            lines = "".join(
                f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items()
            )
            server.send(
                connection,
                f"HTTP/1.1 {status} X\r\n{lines}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + body,
            )

        return respond

    return make


def endless(chunk: int = 1 << 16) -> Callable[[RawServer], Respond]:
    """Answer 200 with a chunked body that never ends (until the client leaves)."""

    def make(server: RawServer) -> Respond:
        def respond(connection: socket.socket, stop: threading.Event) -> None:
            server.read_request(connection)
            server.send(
                connection,
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            )
            piece = b"%x\r\n%s\r\n" % (chunk, b" " * chunk)
            while not stop.is_set():
                server.send(connection, piece)

        return respond

    return make


def stalling_first(stalls: int, body: bytes) -> Callable[[RawServer], Respond]:
    """The first `stalls` requests get a 200's headers and then nothing (the body never comes);
    later ones get the whole answer."""

    def make(server: RawServer) -> Respond:
        def respond(connection: socket.socket, stop: threading.Event) -> None:
            while server.read_request(connection):
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                if len(server.arrivals) <= stalls:
                    server.send(connection, head % (len(body) + 1))
                    stop.wait()
                    return
                server.send(connection, head % len(body) + body)

        return respond

    return make

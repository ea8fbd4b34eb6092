"""Socket reads and writes of the default synchronous transport, bounded by the call's deadline.

httpcore gives every socket read of a response the same read timeout, so a server that sends a
byte just before each timeout could keep a call going long past its deadline. A synchronous call
cannot be cancelled from outside, so the bound goes where the waiting happens: each read, write
and connect of the network backend waits at most until the call's deadline (call_options.py).

httpx does not let its HTTPTransport take a network backend, but the httpcore pool under it does
(`network_backend` is public in httpcore); `bounded_by_deadlines` swaps it in when that pool has
the attribute httpcore has always used for it, and leaves the transport as it is otherwise. The
body of a response is also checked against the deadline between its chunks (transport.py), so a
call ends on time with any transport, this one only ends closer to it.
"""

import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from .call_options import current_deadline

_LATE = "the call's time ran out"


def _cut(timeout: float | None, late: type[Exception]) -> float | None:
    """`timeout`, shortened to the time left before the call's deadline; `late` if none is."""
    deadline = current_deadline()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise late(_LATE)
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(
            ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _cut(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, _cut(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def bounded_by_deadlines(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    """`transport`, its socket waits bounded by each call's deadline where its pool allows."""
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


__all__ = ["bounded_by_deadlines"]

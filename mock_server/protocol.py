"""The HTTP/1.1 protocol the mock serves with: uvicorn's httptools protocol, with the limits it
lacks on what happens before a request reaches the app.

uvicorn's httptools protocol takes a request head of any size, and httptools gathers a header
by concatenating its pieces: one client streaming a huge header a little at a time costs time
that grows with the square of its size, and stalls every other client for seconds. It also arms
its keep-alive timer only once a response is sent, so a connection that never sends a request,
or sends it a byte at a time, stays open for ever; and a request whose body never comes holds
its task for ever. Here:

- a request head (request line and headers) larger than `h11_max_incomplete_event_size`
  (uvicorn's setting for its h11 protocol, which means the same; `--max-header-bytes`) is
  answered 431 in the error envelope, and the connection is closed;
- a connection that stays idle for `timeout_keep_alive` seconds is closed, from the moment it
  opens (`--keep-alive-seconds`);
- a request, head and body, must arrive within the config's REQUEST_TIMEOUT_ATTRIBUTE seconds of
  its first byte (`--request-timeout`), or is answered 408 and closed; an app still waiting for
  its body is told the client is gone, so that it acts on nothing (http/pipeline.py).

A request that arrives whole in one read, as nearly all do, costs no timer at all.
"""

from __future__ import annotations

import asyncio
from asyncio import TimerHandle
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from .errors import ApiError, render
from .settings import DEFAULT_MAX_HEADER_BYTES, DEFAULT_REQUEST_TIMEOUT, Settings

PROTOCOL = "mock_server.protocol:LimitedHttpToolsProtocol"  # uvicorn's `http` setting
REQUEST_TIMEOUT_ATTRIBUTE = "northflank_mock_request_timeout"  # set on uvicorn's Config
LINGER = 2.0  # seconds a refused connection's further data is read and dropped
_HEAD_END = b"\r\n\r\n"
_REASONS = {408: "Request Timeout", 431: "Request Header Fields Too Large"}


def server_config(app: Any, settings: Settings, **options: Any) -> Config:
    """uvicorn's Config for serving a mock with this protocol and the limits of `settings`;
    `options` are uvicorn's own. The command (cli.py) and EmbeddedMock both serve through it,
    so a mock in a test suite refuses what the command refuses."""
    config = Config(
        app,
        http=PROTOCOL,
        h11_max_incomplete_event_size=settings.max_header_bytes,
        timeout_keep_alive=settings.keep_alive_seconds,  # type: ignore[arg-type]
        lifespan="on",
        **options,
    )
    setattr(config, REQUEST_TIMEOUT_ATTRIBUTE, settings.request_timeout)
    return config


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.max_head = config.h11_max_incomplete_event_size or DEFAULT_MAX_HEADER_BYTES
        self.request_timeout: float = getattr(
            config, REQUEST_TIMEOUT_ATTRIBUTE, DEFAULT_REQUEST_TIMEOUT
        )
        self.in_head = True  # the next bytes belong to a request head
        self.head_bytes = 0
        self.head_tail = b""  # the last bytes of the head so far, to find its end across reads
        self.in_request = False  # a request has begun and not ended
        self.request_timer: TimerHandle | None = None
        self.refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_request_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.refused:
            return  # lingering: read and dropped
        if self.in_head:
            if self.head_bytes + len(data) > self.max_head and not self._head_ends_in_time(data):
                limit = f"the limit is {self.max_head} bytes (--max-header-bytes)"
                self._refuse(ApiError(431, f"Request headers too large: {limit}"))
                return
            self.head_bytes += len(data)
            self.head_tail = data[-3:] if len(data) >= 3 else (self.head_tail + data)[-3:]
        super().data_received(data)
        if self.in_request and self.request_timer is None and not self.refused:
            self.request_timer = self.loop.call_later(self.request_timeout, self._too_slow)

    def _head_ends_in_time(self, data: bytes) -> bool:
        """Whether the head ends within the limit in `data` (which may carry a body after it)."""
        end = (self.head_tail + data).find(_HEAD_END)
        return end != -1 and self.head_bytes - len(self.head_tail) + end + 4 <= self.max_head

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.in_request = True

    def on_headers_complete(self) -> None:
        self.in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.in_request = False
        self._stop_request_timer()
        self.in_head, self.head_bytes, self.head_tail = True, 0, b""

    def _stop_request_timer(self) -> None:
        if self.request_timer is not None:
            self.request_timer.cancel()
            self.request_timer = None

    def _too_slow(self) -> None:
        self.request_timer = None
        if not self.in_request or self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            # The app waits for a body that will not come: it must act on none of it.
            cycle.disconnected = True
            cycle.message_event.set()
            if cycle.response_started:
                self.transport.close()
                return
        part = "headers" if self.in_head else "body"
        message = f"The request {part} did not arrive within {self.request_timeout:g} s"
        self._refuse(ApiError(408, message + " (--request-timeout)"))

    def _refuse(self, error: ApiError) -> None:
        """Answer `error` before any app answered the request, and close the connection.

        The close lingers: what the client still sends is read and dropped for up to LINGER
        seconds after the answer, as closing a socket with unread data makes the client's
        system reset the connection, and the client may lose the answer."""
        self.refused = True
        self._stop_request_timer()
        self._unset_keepalive_if_required()
        status, headers, body = render(error)
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, '')}".encode()]
        lines += [name + b": " + value for name, value in headers]
        lines += [b"connection: close", b"", body]
        self.logger.warning("refused a request: %s", error.message)
        self.transport.write(b"\r\n".join(lines))
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self.loop.call_later(LINGER, self.transport.close)
        else:
            self.transport.close()

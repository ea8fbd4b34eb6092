"""The mock inside another Python process (a test suite's): the app runs on an event loop of its
own in a background thread, optionally served by uvicorn on a free loopback port.

Every request reaches the app on that one loop, whether it comes over the port or through the
in-process transports (transports.py): the mock's state is never touched by two threads at once,
as it assumes. Output goes to logging, never to a pipe someone must read, so nothing stalls.

    with EmbeddedMock(Settings(manual_clock=True)) as mock:      # http://127.0.0.1:<port>
        httpx.get(f"{mock.url}/_mock/health")
    with EmbeddedMock(listen=False) as mock:                      # no port at all
        httpx.Client(transport=mock.transport(), base_url=mock.url)
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import socket
import threading
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import uvicorn

from .app import create_app
from .http.guard import allowed_hosts_for
from .http.pipeline import MockServer
from .protocol import server_config
from .settings import Settings
from .transports import AsyncInProcessTransport, InProcessTransport

T = TypeVar("T")

# The base URL of a mock reached only in-process: a name that resolves nowhere (RFC 6761), so a
# client given it without the transport fails at once instead of reaching some real host.
IN_PROCESS_URL = "http://northflank-mock.invalid"
STARTUP_TIMEOUT = 30.0
SHUTDOWN_TIMEOUT = 5  # seconds


class EmbeddedMock:
    """One mock running in this process. `start()` (or `with`) builds the app (FixtureError or
    TokensFileError on bad files) and, with `listen`, serves it on `host`:`port` (0: a free
    one); `stop()` ends both, closing open connections.

    A mock that listens answers only the Host headers of the address it is bound to, as the
    command does (http/guard.py: a web page the developer visits cannot reach it through DNS
    rebinding), unless `settings.allowed_hosts` says otherwise (`("*",)`: any)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        listen: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.settings = settings or Settings()
        self.listen = listen
        self.host = host
        self.port = port
        self.url = IN_PROCESS_URL
        self._app: MockServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: uvicorn.Server | None = None
        self._serving: concurrent.futures.Future[BaseException | None] | None = None

    @property
    def app(self) -> MockServer:
        if self._app is None:
            raise RuntimeError("the mock is not running: call start() or use it in a with block")
        return self._app

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> EmbeddedMock:
        if self._thread is not None:
            return self
        sock = self._bind() if self.listen else None
        settings = self.settings
        if sock is not None and settings.allowed_hosts is None:
            host, port = sock.getsockname()[:2]
            settings = dataclasses.replace(
                settings, allowed_hosts=allowed_hosts_for(host, port, [])
            )
        try:
            self._app = create_app(settings)
        except BaseException:
            if sock is not None:
                sock.close()
            raise
        loop = asyncio.new_event_loop()
        thread = threading.Thread(
            target=loop.run_forever, name="northflank-mock", daemon=True
        )  # daemon: a test run that never stops it still exits
        thread.start()
        self._loop, self._thread = loop, thread
        if sock is not None:
            try:
                self._serve(sock)
            except BaseException:
                self.stop()
                raise
        return self

    def _bind(self) -> socket.socket:
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((self.host, self.port))
        except (OSError, OverflowError) as exc:
            sock.close()
            raise OSError(f"cannot listen on {self.host}:{self.port}: {exc}") from exc
        return sock

    def _serve(self, sock: socket.socket) -> None:
        host, port = sock.getsockname()[:2]
        self.url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
        config = server_config(
            self.app,
            self.settings,
            log_config=None,  # the host process's logging (pytest captures it) stays as it is
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=SHUTDOWN_TIMEOUT,
        )
        self._server = server = uvicorn.Server(config)
        self._serving = self.submit(_guarded(server.serve(sockets=[sock])))
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if self._serving.done():
                failure = self._serving.result()
                raise RuntimeError(f"the mock's server stopped while starting: {failure!r}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the mock's server did not start in {STARTUP_TIMEOUT} s")
            time.sleep(0.005)

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run `coroutine` on the mock's loop and wait for its result (from any other thread)."""
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise RuntimeError("call() from the mock's own loop would wait on itself")
        future = self.submit(coroutine)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Schedule `coroutine` on the mock's loop; its future, to wait on from anywhere."""
        if self._loop is None:
            coroutine.close()
            raise RuntimeError("the mock is not running: call start() or use it in a with block")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def transport(self) -> InProcessTransport:
        """A sync httpx transport into the app, with no socket (transports.py)."""
        return InProcessTransport(self)

    def async_transport(self) -> AsyncInProcessTransport:
        """An async httpx transport into the app, usable from any event loop (transports.py)."""
        return AsyncInProcessTransport(self)

    def stop(self) -> None:
        """Stop serving (open connections closed within SHUTDOWN_TIMEOUT) and end the loop."""
        server, serving, loop, thread = self._server, self._serving, self._loop, self._thread
        self._server = self._serving = self._loop = self._thread = None
        if server is not None and serving is not None:
            server.should_exit = True
            try:
                serving.result(SHUTDOWN_TIMEOUT * 2)
            except concurrent.futures.TimeoutError:
                server.force_exit = True
                serving.result(SHUTDOWN_TIMEOUT)
        if loop is not None and thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(SHUTDOWN_TIMEOUT)
            if not thread.is_alive():
                loop.close()
        self.url = IN_PROCESS_URL

    def __enter__(self) -> EmbeddedMock:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


async def _guarded(serving: Coroutine[Any, Any, None]) -> BaseException | None:
    """uvicorn ends with SystemExit when it cannot start; on a shared loop that would end the
    loop itself. The failure is returned instead."""
    try:
        await serving
    except BaseException as exc:
        return exc
    return None

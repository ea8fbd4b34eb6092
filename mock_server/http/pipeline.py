"""The root ASGI app. Every request takes the steps numbered in `MockServer`, top to bottom:

    1. request id       the client's `x-request-id`, or a new one; then the Host check (guard.py)
    2. own paths        /_mock/* (control, behind guard.py's checks; never CORS); with --cors,
                        preflights answered and allowed origins noted (cors.py); / and the
                        served spec (documents.py), /ui/* (Swagger UI); these are not API
                        requests: no rate limit, not in the request log
    3. route match      which operation, from the route table
    4. body             read whole before anything changes; 413 past the limit; a client gone
                        before the end changes nothing (a body that stops arriving is the
                        server protocol's to time out: protocol.py)
    5. rate limit       the token's request counted; fault rules spent; then the 413, the 429
                        of an exhausted token, and the 400 of a body sent to an operation that
                        takes none
    6. faults, Prefer   a delay, an injected error, or an answer from the spec's examples
    7. connexion chain  security, validation and the handler (connexion_adapter.py)
    8. headers          request id and rate-limit headers, added to every answer (Answer)
    9. request log      what arrived and how it was answered, for /_mock/requests

Every error on the way is an ApiError, rendered by errors.render.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from pathlib import Path
from typing import Protocol

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..domain.ratelimit import Verdict
from ..errors import JSON, ApiError, render
from ..settings import DEFAULT_MAX_BODY
from ..spec import SPEC_PATH, load_spec, spec_bytes
from ..storage.persistence import busy_error
from ..storage.requestlog import RequestRecord, redact
from ..storage.state import MockState
from .connexion_adapter import UI_PATH
from .cors import CorsPolicy
from .documents import SpecDocuments, base_url, start_page
from .guard import CONTROL_PREFIX, Guard
from .prefer import delay_ms, injected, parse_prefer, preferred
from .routes import RouteMatch, RouteTable
from .validation import check_no_body

logger = logging.getLogger("mock_server")

# Request ids: unique per process start, and cheap (uuid4 costs a system call per request).
_ID_PREFIX = os.urandom(8).hex()
_ID_COUNTER = itertools.count(1)


class Engine(Protocol):
    """What serves a routed API request (step 7): connexion_adapter.ConnexionEngine."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send, match: RouteMatch) -> None:
        """Answer the request, or raise an ApiError."""


class MockServer:
    def __init__(
        self,
        *,
        routes: RouteTable,
        engine: Engine,
        swagger_ui: ASGIApp,
        control: ASGIApp,
        state: MockState,
        max_body: int = DEFAULT_MAX_BODY,
        cors: CorsPolicy | None = None,
        guard: Guard | None = None,
        spec: Path = SPEC_PATH,
    ) -> None:
        self.cors = cors
        self.routes = routes
        self.engine = engine
        self.swagger_ui = swagger_ui
        self.control = control
        self.state = state
        self.max_body = max_body
        self.guard = guard or Guard(None, None)
        self.documents = SpecDocuments(load_spec(spec), spec_bytes(spec))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await not_http(scope, receive, send)
            return
        headers = _headers(scope)
        # 1. Request id.
        request_id = (headers.get(b"x-request-id") or _new_request_id())[:128]
        # 8. Headers: whatever answers below answers through `answer`, which adds them.
        answer = Answer(send, request_id)
        try:
            if not self.guard.any_host:
                try:
                    self.guard.check_host(headers.get(b"host"))
                except ApiError as error:
                    await answer.error(error)
                    return
            # 2. The mock's own paths.
            path: str = scope["path"]
            if path.startswith(CONTROL_PREFIX):
                await self._control(scope, receive, answer, headers)
                return
            # CORS (--cors): a preflight ends here; an allowed origin's answer gets its headers.
            cors = self.cors
            if cors is not None and (origin := headers.get(b"origin")) is not None:
                if scope["method"] == "OPTIONS" and b"access-control-request-method" in headers:
                    await self._preflight(path, answer, headers, origin, cors)
                    return
                if cors.allows(origin):
                    answer.headers += cors.headers(origin)
            if scope["method"] in ("GET", "HEAD") and (path in self.documents.paths or path == "/"):
                await self._about(scope, path, headers, answer)
                return
            if path == UI_PATH or path.startswith(UI_PATH + "/"):
                await self._swagger_ui(scope, receive, answer)
                return
            await self._api(scope, receive, answer, headers)
        except asyncio.CancelledError:
            # The server's graceful shutdown gave up waiting for this request (cli.py).
            if answer.status is None:
                await answer.error(ApiError(503, "The mock is shutting down"))

    async def _api(
        self, scope: Scope, receive: Receive, answer: Answer, headers: dict[bytes, bytes]
    ) -> None:
        state = self.state
        record = RequestRecord(
            answer.request_id.decode("latin-1"),
            state.clock.now(),
            scope["method"],
            # As sent on the wire (still percent-encoded), so tests see what a client sent.
            scope.get("raw_path") or scope["path"].encode(),
            scope.get("query_string", b""),
            redact(scope.get("headers", [])),
        )
        started = time.perf_counter()
        try:
            # 3. Route match. Northflank routes the path as sent, where an encoded slash (%2F)
            # belongs to its segment; the decoded path would give it a route of its own.
            match = self.routes.match(scope["method"], scope["path"])
            refusal: ApiError | None = None
            if _encoded_slash(scope):
                match = RouteMatch(scope["method"], scope["path"], None, {})
                refusal = ApiError(
                    404,
                    f"No route matches {record.path.decode('latin-1')}: an encoded slash (%2F) "
                    "is part of its path segment, and no id of this API holds one",
                )
            if match.route is not None:
                record.operation_id = match.route.operation_id
            # 4. Body: all of it, before anything changes.
            try:
                body = await self._read_body(receive, headers)
            except ApiError as too_large:  # still counted below
                body, refusal = b"", too_large
            record.body = body
            # 5. Rate limit (windows are the process's own: domain/ratelimit.py); fault rules
            # are spent in a change of the state.
            if state.backend.persistent:  # what other workers changed: faults, a reset
                state.sync()
            verdict = state.rate_limiter.hit(headers.get(b"authorization"))
            answer.headers += verdict.headers()
            fault = None
            if state.faults.rules and match.route is not None:
                with state.write():
                    fault = state.faults.match(match.route.operation_id)
            if refusal is not None:
                raise refusal
            if not verdict.allowed:
                raise _rate_limited(verdict)
            if body and match.route is not None and not match.route.takes_body:
                check_no_body(match.route.operation_id, body)
            # 6. Faults and Prefer (nearly every request has neither).
            prefer = headers.get(b"prefer")
            if fault is not None or prefer is not None:
                preferences = parse_prefer(prefer.decode("latin-1")) if prefer else {}
                delay = delay_ms(fault, preferences)
                if delay:
                    await asyncio.sleep(delay / 1000)
                error = injected(fault) if fault is not None else None
                if error is not None:
                    raise error
                wanted = preferred(match.route, preferences) if match.route else None
                if wanted is not None:
                    await answer.bytes(*wanted[:2], JSON, wanted[2])
                    return
            # 7. The connexion chain.
            await self.engine(scope, _replay(body, receive), answer.send, match)
        except ClientGone:
            pass  # nothing to answer, and nothing was changed
        except Exception as exc:
            if answer.status is not None:
                raise  # the response has begun: too late to answer with an error
            await answer.error(exc if isinstance(exc, ApiError) else _unexpected(exc))
        finally:
            # 9. Request log.
            record.status = answer.status
            record.duration_ms = (answer.started_at - started) * 1000 if answer.status else None
            state.backend.add_request(record)

    async def _about(
        self, scope: Scope, path: str, headers: dict[bytes, bytes], answer: Answer
    ) -> None:
        """The spec, naming the mock as its first server, or the start page (documents.py)."""
        base = base_url(scope, headers.get(b"host"))
        if path == "/":
            body, media_type = start_page(base, headers.get(b"accept"))
        else:
            body, media_type = self.documents.render(path, base)
        await answer.bytes(200, body, media_type)

    async def _preflight(
        self,
        path: str,
        answer: Answer,
        headers: dict[bytes, bytes],
        origin: bytes,
        cors: CorsPolicy,
    ) -> None:
        """A browser asks whether it may send a cross-origin request (http/cors.py)."""
        methods = ("GET", "HEAD") if path in self.documents.paths else self.routes.allowed(path)
        try:
            allowed = cors.preflight(origin, path, headers, methods)
        except ApiError as error:
            await answer.error(error)
            return
        answer.headers += allowed
        await answer.send({"type": "http.response.start", "status": 204, "headers": []})
        await answer.send({"type": "http.response.body", "body": b""})

    async def _control(
        self, scope: Scope, receive: Receive, answer: Answer, headers: dict[bytes, bytes]
    ) -> None:
        """A control request: guard.py's checks, then its body read whole (bounded, and nothing
        done for a client gone before the end), then the control app; whatever goes wrong is
        answered in the envelope."""
        try:
            self.guard.check_control(scope["path"], scope["method"], headers)
            body = await self._read_body(receive, headers)
            await self.control(scope, _replay(body, receive), answer.send)
        except ClientGone:
            return
        except Exception as exc:
            if answer.status is not None:
                if not isinstance(exc, ApiError):
                    logger.error("control request failed after answering", exc_info=exc)
                return
            await answer.error(exc if isinstance(exc, ApiError) else _unexpected(exc))

    async def _swagger_ui(self, scope: Scope, receive: Receive, answer: Answer) -> None:
        """connexion's Swagger UI, with the real `receive`: its file responses listen on it for
        the client's disconnect while they send."""
        try:
            await self.swagger_ui(scope, receive, answer.send)
        except HTTPException as exc:
            if answer.status is not None:
                raise
            message = f"No route matches {scope['path']}" if exc.status_code == 404 else exc.detail
            await answer.error(ApiError(exc.status_code, message, headers=dict(exc.headers or {})))
        except ApiError as error:
            if answer.status is not None:
                raise
            await answer.error(error)

    async def _read_body(self, receive: Receive, headers: dict[bytes, bytes]) -> bytes:
        """The whole request body; a 413 as soon as it is known to be too large, and
        ClientGone when the client goes away before it ends (or the server gives up waiting
        for it: protocol.py)."""
        declared = headers.get(b"content-length")
        if (
            declared is not None
            and declared.isdigit()
            and (len(declared) > 18 or int(declared) > self.max_body)
        ):
            raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise ClientGone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large()
            chunks.append(chunk)
            more = message.get("more_body", False)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _too_large(self) -> ApiError:
        return ApiError(413, f"Request body too large: the limit is {self.max_body} bytes")


class ClientGone(Exception):
    """The client went away before its request ended: it is neither answered nor acted on."""


class Answer:
    """Where one request's response goes. Adds the request's own headers (request id, and for
    API requests the rate-limit headers) to whatever answers, unless the answer sets them itself,
    and notes the status for the request log."""

    __slots__ = ("_send", "headers", "request_id", "started_at", "status")

    def __init__(self, send: Send, request_id: bytes) -> None:
        self._send = send
        self.request_id = request_id
        self.headers: list[tuple[bytes, bytes]] = [(b"x-request-id", request_id)]
        self.status: int | None = None
        self.started_at = 0.0

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.started_at = time.perf_counter()
            own = message.get("headers", [])
            names = {name for name, _ in own}
            extra = [pair for pair in self.headers if pair[0] not in names]
            message = {**message, "headers": [*own, *extra]}
        await self._send(message)

    async def bytes(
        self,
        status: int,
        body: bytes,
        media_type: bytes,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        headers = [(b"content-type", media_type), (b"content-length", str(len(body)).encode())]
        if extra:
            headers += extra
        await self.send({"type": "http.response.start", "status": status, "headers": headers})
        await self.send({"type": "http.response.body", "body": body})

    async def error(self, error: ApiError) -> None:
        status, headers, body = render(error)
        await self.send({"type": "http.response.start", "status": status, "headers": headers})
        await self.send({"type": "http.response.body", "body": body})


def _encoded_slash(scope: Scope) -> bool:
    raw: bytes | None = scope.get("raw_path")
    return raw is not None and (b"%2F" in raw or b"%2f" in raw)


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """The request's headers by lowercase name; the first of repeated ones."""
    found: dict[bytes, bytes] = {}
    for name, value in scope.get("headers", ()):
        found.setdefault(name.lower(), value)
    return found


def _new_request_id() -> bytes:
    return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}".encode()


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body already read, once, and then is the real one: whatever
    listens on it afterwards (for a disconnect) waits as it would without the replay."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _rate_limited(verdict: Verdict) -> ApiError:
    return ApiError(429, "Too many requests", headers={"Retry-After": str(verdict.reset)})


def _unexpected(exc: Exception) -> ApiError:
    busy = busy_error(exc)
    if busy is not None:
        return busy
    logger.error("unhandled error", exc_info=exc)
    return ApiError(500, f"Internal error in the mock: {type(exc).__name__}")


async def not_http(scope: Scope, receive: Receive, send: Send) -> None:
    """Lifespan: nothing to start or stop (the app is built before it serves). WebSocket: not
    offered."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    elif scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1003})

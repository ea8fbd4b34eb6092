"""The outermost layer: request ids, rate-limit headers, the body limit, the request log, the
raw spec for Swagger UI, and the dispatch between the API and the control endpoints."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError
from .faults import MAX_DELAY_MS, Fault, parse_prefer
from .operations import Operation
from .ratelimit import Verdict
from .requestlog import RequestRecord, redact
from .spec import load_spec, spec_bytes
from .state import MockState

DEFAULT_MAX_BODY = 1024 * 1024
# Request ids: unique per process start, and cheap (uuid4 costs a system call per request).
_ID_PREFIX = os.urandom(8).hex()
_ID_COUNTER = itertools.count(1)


class MockServer:
    def __init__(
        self, api: ASGIApp, control: ASGIApp, state: MockState, max_body: int = DEFAULT_MAX_BODY
    ) -> None:
        self.api = api
        self.control = control
        self.state = state
        self.max_body = max_body
        spec = load_spec()
        # Served by us: connexion's own spec endpoint fails on the recursive node schema.
        self.spec_documents = {
            "/openapi.json": (json.dumps(spec).encode(), b"application/json"),
            "/openapi.yaml": (spec_bytes(), b"application/yaml"),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.api(scope, receive, send)
            return
        headers = _headers(scope)
        given_id = headers.get(b"x-request-id")
        request_id = given_id or f"{_ID_PREFIX}{next(_ID_COUNTER):016x}".encode()
        extra: list[tuple[bytes, bytes]] = [(b"x-request-id", request_id[:128])]
        path: str = scope["path"]
        if path.startswith("/_mock"):
            await self.control(scope, receive, _with_headers(send, extra))
            return
        document = self.spec_documents.get(path)
        if document is not None and scope["method"] in ("GET", "HEAD"):
            await _send_bytes(send, 200, document[0], document[1], extra)
            return
        await self._api_request(scope, receive, send, headers, extra)

    async def _api_request(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[bytes, bytes],
        extra: list[tuple[bytes, bytes]],
    ) -> None:
        state = self.state
        record = RequestRecord(
            extra[0][1].decode("latin-1"),
            state.clock.now(),
            scope["method"],
            # As sent on the wire (still percent-encoded), so tests see what a client sent.
            scope.get("raw_path") or scope["path"].encode(),
            scope.get("query_string", b""),
            redact(scope.get("headers", [])),
        )
        # Only fault rules and `Prefer` need the operation before connexion routes the request.
        wanted = state.faults.rules or b"prefer" in headers
        operation = state.operations.match(scope["method"], scope["path"]) if wanted else None
        with state.write():
            verdict = state.rate_limiter.hit(headers.get(b"authorization"))
            fault = state.faults.match(operation.operation_id) if operation and wanted else None
        extra = [*extra, *verdict.headers()]
        try:
            try:
                body = await self._before_api(
                    scope, receive, send, headers, verdict, fault, operation, record, extra
                )
            except ApiError as error:
                record.status = error.status
                replaced = {name.lower().encode() for name in error.headers}
                answer = [pair for pair in extra if pair[0] not in replaced]
                answer += [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
                await _send_bytes(send, error.status, error.body(), b"application/json", answer)
                return
            if body is None:  # answered by a Prefer header
                return
            started = time.perf_counter()

            async def replay() -> Message:
                nonlocal body
                chunk, body = body or b"", b""
                return {"type": "http.request", "body": chunk, "more_body": False}

            async def send_and_record(message: Message) -> None:
                if message["type"] == "http.response.start":
                    record.status = message["status"]
                    record.duration_ms = (time.perf_counter() - started) * 1000
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
                await send(message)

            await self.api(scope, replay, send_and_record)
        finally:
            state.backend.add_request(record)

    async def _before_api(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[bytes, bytes],
        verdict: Verdict,
        fault: Fault | None,
        operation: Operation | None,
        record: RequestRecord,
        extra: list[tuple[bytes, bytes]],
    ) -> bytes | None:
        """What happens before connexion sees the request: the body limit, the rate limit,
        faults and `Prefer`. The request body, or None when a Prefer header was answered."""
        if scope["path"].startswith("/v1/") and scope["path"].endswith("/"):
            # Starlette would redirect to the path without the slash; the API has no such route.
            raise ApiError(404, f"No route matches {scope['path']}")
        body = await self._read_body(headers.get(b"content-length"), receive)
        record.body = body
        if not verdict.allowed:
            raise ApiError(429, "Too many requests", headers={"Retry-After": str(verdict.reset)})
        preference = headers.get(b"prefer")
        if preference is None and fault is None:
            return body  # nearly every request: nothing to delay, inject or answer from examples
        prefer = parse_prefer(preference.decode("latin-1")) if preference else {}
        delay = (fault.delay_ms if fault else 0) + _delay_ms(prefer)
        if delay:
            await asyncio.sleep(delay / 1000)
        if fault and fault.status is not None:
            raise _injected(fault.status, fault.retry_after, verdict.reset)
        if operation is not None and ("code" in prefer or "example" in prefer):
            status, payload = _preferred(operation, prefer)
            record.status = status
            await _send_bytes(send, status, payload, b"application/json", extra)
            return None
        return body

    async def _read_body(self, declared: bytes | None, receive: Receive) -> bytes:
        """The whole request body, or a 413 as soon as it is known to be too large."""
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            raise self._too_large()
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise self._too_large()
            chunks.append(chunk)
            more = message.get("more_body", False)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def _too_large(self) -> ApiError:
        return ApiError(413, f"Request body too large: the limit is {self.max_body} bytes")


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """The request's headers by lowercase name; the first of repeated ones."""
    found: dict[bytes, bytes] = {}
    for name, value in scope.get("headers", ()):
        found.setdefault(name.lower(), value)
    return found


def _with_headers(send: Send, extra: list[tuple[bytes, bytes]]) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped


async def _send_bytes(
    send: Send, status: int, body: bytes, media_type: bytes, headers: list[tuple[bytes, bytes]]
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", media_type),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _delay_ms(prefer: dict[str, str]) -> int:
    value = prefer.get("delay")
    if value is None:
        return 0
    if not value.isdigit() or int(value) > MAX_DELAY_MS:
        raise ApiError(
            400, f"Prefer delay must be a whole number of milliseconds up to {MAX_DELAY_MS}"
        )
    return int(value)


def _injected(status: int, retry_after: int, reset: int) -> ApiError:
    """The error a fault rule answers with; a 429 says when to come back, as the API does."""
    if status == 429:
        return ApiError(
            429,
            "Too many requests (injected fault)",
            headers={
                "Retry-After": str(retry_after),
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(max(retry_after, 1)),
            },
        )
    return ApiError(status, f"Injected fault: HTTP {status}")


def _preferred(operation: Operation, prefer: dict[str, str]) -> tuple[int, bytes]:
    """The response a `Prefer: code=..., example=...` header asks for, from the spec's examples."""
    code = prefer.get("code")
    name = prefer.get("example")
    if code is not None and not (code.isdigit() and 200 <= int(code) <= 599):
        raise ApiError(400, "Prefer code must be an HTTP status from 200 to 599")
    statuses = [int(code)] if code else sorted(operation.examples)
    for status in statuses:
        examples = operation.examples.get(status, {})
        if name is not None and name in examples:
            return status, json.dumps(examples[name]).encode()
        if name is None and examples:
            return status, json.dumps(next(iter(examples.values()))).encode()
    if name is not None:
        available = sorted({n for examples in operation.examples.values() for n in examples})
        raise ApiError(
            400,
            f"Prefer example={name!r} is not an example of {operation.operation_id}: "
            f"try one of {available}",
        )
    if int(statuses[0]) < 400:
        raise ApiError(
            400, f"{operation.operation_id} documents no example for status {statuses[0]}"
        )
    raise _injected(int(statuses[0]), 1, 1)

"""The outermost layer: request ids, rate-limit headers, the body limit, the request log, the
raw spec for Swagger UI, and the dispatch between the API and the control endpoints."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import yaml
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, envelope
from .requestlog import decode_body, redact
from .spec import load_spec
from .state import MockState

DEFAULT_MAX_BODY = 1024 * 1024


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
            "/openapi.yaml": (yaml.safe_dump(spec, sort_keys=False).encode(), b"application/yaml"),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.api(scope, receive, send)
            return
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex
        extra: list[tuple[bytes, bytes]] = [(b"x-request-id", request_id.encode()[:128])]
        path: str = scope["path"]
        if path.startswith("/_mock"):
            await self.control(scope, receive, _with_headers(send, extra))
            return
        document = self.spec_documents.get(path)
        if document is not None and scope["method"] in ("GET", "HEAD"):
            await _send_bytes(send, 200, document[0], document[1], extra)
            return
        await self._api_request(scope, receive, send, extra)

    async def _api_request(
        self, scope: Scope, receive: Receive, send: Send, extra: list[tuple[bytes, bytes]]
    ) -> None:
        record: dict[str, Any] = {
            "id": extra[0][1].decode(),
            "time": self.state.clock.now(),
            "method": scope["method"],
            "path": scope["path"],
            "query": scope.get("query_string", b"").decode("latin-1"),
            "headers": redact(scope.get("headers", [])),
            "body": None,
        }
        verdict = self.state.rate_limiter.hit(_header(scope, b"authorization"))
        extra = [*extra, *verdict.headers()]
        try:
            body = await self._read_body(scope, receive)
            record["body"] = decode_body(body)
            if not verdict.allowed:
                raise ApiError(
                    429, "Too many requests", headers={"Retry-After": str(verdict.reset)}
                )
        except ApiError as error:
            record["status"] = error.status
            self.state.requests.add(record)
            headers = extra + [(k.lower().encode(), v.encode()) for k, v in error.headers.items()]
            payload = json.dumps(envelope(error.status, error.message, error.details)).encode()
            await _send_bytes(send, error.status, payload, b"application/json", headers)
            return
        self.state.requests.add(record)
        started = time.perf_counter()

        async def replay() -> Message:
            nonlocal body
            chunk, body = body, b""
            return {"type": "http.request", "body": chunk, "more_body": False}

        async def send_and_record(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
                record["durationMs"] = round((time.perf_counter() - started) * 1000, 3)
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.api(scope, replay, send_and_record)

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        """The whole request body, or a 413 as soon as it is known to be too large."""
        declared = _header(scope, b"content-length")
        too_large = ApiError(413, f"Request body too large: the limit is {self.max_body} bytes")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            raise too_large
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
                raise too_large
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


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

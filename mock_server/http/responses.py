"""Success responses from JSON already encoded as bytes (storage/rendering.py)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from ..storage.encoding import encode


def json_response(body: Any, status: int = 200) -> Response:
    return Response(encode(body), status, media_type="application/json")


def data_response(encoded: bytes) -> Response:
    """`{"data": ...}` around a value already encoded as JSON."""
    return Response(b'{"data":' + encoded + b"}", 200, media_type="application/json")


def list_response(key: str, items: list[bytes], pagination: dict[str, Any]) -> Response:
    """`{"data": {key: [...]}, "pagination": {...}}` from items already encoded as JSON."""
    head = b'{"data":{"' + key.encode() + b'":['
    tail = b']},"pagination":' + encode(pagination) + b"}"
    return Response(head + b",".join(items) + tail, 200, media_type="application/json")

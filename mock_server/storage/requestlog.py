"""The requests the mock received, so tests can check what a client sent.

A request is kept as it arrived (the token already hidden) and turned into JSON only when
someone reads the log: every API request is logged, few logs are ever read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_BODY_CHARS = 65536


@dataclass(slots=True)
class RequestRecord:
    id: str
    time: float
    method: str
    path: bytes  # as sent on the wire (still percent-encoded)
    query: bytes
    headers: list[tuple[bytes, bytes]]  # authorization already redacted
    body: bytes = b""
    status: int | None = None
    duration_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "time": self.time,
            "method": self.method,
            "path": self.path.decode("latin-1"),
            "query": self.query.decode("latin-1"),
            "headers": _header_dict(self.headers),
            "body": decode_body(self.body),
        }
        if self.status is not None:
            record["status"] = self.status
        if self.duration_ms is not None:
            record["durationMs"] = round(self.duration_ms, 3)
        return record


def redact(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The headers with the token value hidden but the scheme kept."""
    return [
        (name, _redacted(value)) if name.lower() == b"authorization" else (name, value)
        for name, value in headers
    ]


def _redacted(value: bytes) -> bytes:
    scheme, _, token = value.partition(b" ")
    return scheme + b" <redacted>" if token else b"<redacted>"


def _header_dict(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Headers as a dict of lowercase names; repeated headers joined with commas."""
    result: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        result[name] = f"{result[name]}, {value}" if name in result else value
    return result


def decode_body(raw: bytes) -> Any:
    """The body as JSON when it is JSON, else as text (truncated), else None when empty."""
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text[:MAX_BODY_CHARS]

"""The requests the mock received, so tests can check what a client sent.

A request is kept as it arrived (the token already hidden) and turned into JSON only when
someone reads the log: every API request is logged, few logs are ever read. The log keeps within
a number of bytes (persistence.py); a single request larger than all of them is kept with its
body cut short (`bodyTruncated`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..jsonparse import FILE_MAX_DEPTH, JsonRefused, parse

MAX_BODY_CHARS = 65536
_RECORD_OVERHEAD = 128  # what a record costs beyond its own bytes, roughly


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
    size: int = 0  # bytes held, as fit() found them
    body_truncated: bool = False

    def fit(self, limit: int) -> int:
        """The bytes this record holds, once its body is cut to fit within `limit` in all."""
        rest = _RECORD_OVERHEAD + len(self.path) + len(self.query)
        rest += sum([len(name) + len(value) for name, value in self.headers])
        if rest + len(self.body) > limit:
            self.body = self.body[: max(0, limit - rest)]
            self.body_truncated = True
        self.size = rest + len(self.body)
        return self.size

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
        if self.body_truncated:
            record["bodyTruncated"] = True
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
        return parse(text, max_depth=FILE_MAX_DEPTH)
    except JsonRefused:  # not JSON, or JSON the API refuses (too deep, NaN...): as sent
        return text[:MAX_BODY_CHARS]

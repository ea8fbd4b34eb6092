"""The requests the mock received, so tests can check what a client sent."""

from __future__ import annotations

import json
from collections import deque
from typing import Any

MAX_RECORDS = 1000
MAX_BODY_CHARS = 65536


def redact(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Headers as a dict, with the token value hidden but the scheme kept."""
    result: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if name == "authorization":
            scheme, _, token = value.partition(" ")
            value = f"{scheme} <redacted>" if token else "<redacted>"
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


class RequestLog:
    def __init__(self, limit: int = MAX_RECORDS) -> None:
        self.records: deque[dict[str, Any]] = deque(maxlen=limit)

    def add(self, record: dict[str, Any]) -> None:
        self.records.append(record)

    def clear(self) -> None:
        self.records.clear()

    def list(self) -> list[dict[str, Any]]:
        return list(self.records)

"""The requests the mock received, so tests can check what a client sent."""

from __future__ import annotations

import json
from typing import Any

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

"""JSON as the mock sends it: compact, UTF-8, from one encoder (json.dumps with options builds a
new encoder on every call)."""

from __future__ import annotations

import json
from typing import Any

_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def encode(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()

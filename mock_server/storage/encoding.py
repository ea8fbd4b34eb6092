"""JSON as the mock sends it: compact, UTF-8, from one encoder (json.dumps with options builds a
new encoder on every call). Never `NaN` or `Infinity`, which are not JSON: the parser refuses
them on the way in (jsonparse.py), and a value that still held one would fail here rather than
be sent."""

from __future__ import annotations

import json
from typing import Any

_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def encode(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()

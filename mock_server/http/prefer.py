"""Answers asked for by a fault rule or by a Prism-style `Prefer` header on one request:
`code=429`, `example=<name>` (a named example from the spec), `delay=<ms>`."""

from __future__ import annotations

import json

from ..domain.faults import MAX_DELAY_MS, Fault
from ..errors import ApiError
from .routes import Route


def parse_prefer(header: str) -> dict[str, str]:
    """`code=429, example=reference, delay=200` as a dict (Prism's Prefer preferences)."""
    preferences: dict[str, str] = {}
    for part in header.replace(";", ",").split(","):
        name, _, value = part.strip().partition("=")
        if name and value:
            preferences[name.strip().lower()] = value.strip().strip('"')
    return preferences


def _whole(value: str, digits: int) -> int | None:
    """`value` as a whole number of at most `digits` ASCII digits; None otherwise (`²` is a
    digit to str.isdigit, and int() refuses it; thousands of digits pass int()'s limit)."""
    if value.isascii() and value.isdigit() and len(value) <= digits:
        return int(value)
    return None


def delay_ms(fault: Fault | None, prefer: dict[str, str]) -> int:
    """How long to wait before answering: the fault's delay plus the one asked for."""
    value = prefer.get("delay")
    asked = 0
    if value is not None:
        number = _whole(value, 9)
        if number is None or number > MAX_DELAY_MS:
            raise ApiError(
                400, f"Prefer delay must be a whole number of milliseconds up to {MAX_DELAY_MS}"
            )
        asked = number
    return (fault.delay_ms if fault else 0) + asked


def injected(fault: Fault) -> ApiError | None:
    """The error a fault answers with, if it names a status."""
    if fault.status is None:
        return None
    return _injected(fault.status, fault.retry_after)


def preferred(
    route: Route, prefer: dict[str, str]
) -> tuple[int, bytes, list[tuple[bytes, bytes]]] | None:
    """The response a `Prefer: code=..., example=...` header asks for, from the spec's
    examples, with its headers (a 429 says when to come back, as an injected one does); None
    when it asks for neither."""
    code = prefer.get("code")
    name = prefer.get("example")
    if code is None and name is None:
        return None
    status = _whole(code, 3) if code is not None else None
    if code is not None and (status is None or not 200 <= status <= 599):
        raise ApiError(400, "Prefer code must be an HTTP status from 200 to 599")
    examples = route.examples
    statuses = [status] if status is not None else sorted(examples)
    for status in statuses:
        named = examples.get(status, {})
        if name is not None and name in named:
            return status, json.dumps(named[name]).encode(), _headers(status, 1)
        if name is None and named:
            return status, json.dumps(next(iter(named.values()))).encode(), _headers(status, 1)
    if name is not None:
        available = sorted({n for named in examples.values() for n in named})
        raise ApiError(
            400,
            f"Prefer example={name!r} is not an example of {route.operation_id}: "
            f"try one of {available}",
        )
    if not statuses:
        raise ApiError(400, f"{route.operation_id} documents no examples")
    if statuses[0] < 400:
        raise ApiError(400, f"{route.operation_id} documents no example for status {statuses[0]}")
    raise _injected(statuses[0], 1)


def _headers(status: int, retry_after: int) -> list[tuple[bytes, bytes]]:
    """What an injected answer says besides its body: a 429 says when to come back, as the API
    does (the spec declares `Retry-After` on every 429)."""
    if status != 429:
        return []
    return [
        (b"retry-after", str(retry_after).encode()),
        (b"x-ratelimit-remaining", b"0"),
        (b"x-ratelimit-reset", str(max(retry_after, 1)).encode()),
    ]


def _injected(status: int, retry_after: int) -> ApiError:
    """An injected error, with the headers `_headers` gives it."""
    if status == 429:
        headers = {name.decode(): value.decode() for name, value in _headers(429, retry_after)}
        return ApiError(429, "Too many requests (injected fault)", headers=headers)
    return ApiError(status, f"Injected fault: HTTP {status}")

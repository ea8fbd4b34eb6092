"""The requests the mock received, so tests can check what a client sent.

A request is kept as it arrived (the token already hidden) and turned into JSON only when
someone reads the log: every API request is logged, few logs are ever read. The log keeps within
a number of bytes (persistence.py); a single request larger than all of them is kept with its
body cut short (`bodyTruncated`). `RequestFilter` picks records out of the log for
`GET /_mock/requests?...`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
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
    operation_id: str | None = None  # None: no operation of the spec takes this request
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
            "operationId": self.operation_id,
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


FILTERS = ("method", "operationId", "path", "status", "since")


@dataclass(frozen=True)
class RequestFilter:
    """Which recorded requests to show. Each filter given must match; a filter given more than
    once matches any of its values (`?status=200&status=201`).

    method       GET, POST... (any case)
    operationId  the spec's operationId of the request's route
    path         the path as sent, exactly, or with `*` matching any characters
    status       a status (`404`) or a class (`4xx`)
    since        requests at or after this time: seconds on the mock's clock (as `time` in the
                 records) or an RFC 3339 timestamp with a time zone
    """

    methods: frozenset[str] = frozenset()
    operation_ids: frozenset[str] = frozenset()
    paths: tuple[PathGlob, ...] = ()
    statuses: tuple[tuple[int, int], ...] = ()  # inclusive ranges
    since: float | None = None

    @classmethod
    def parse(cls, params: Iterable[tuple[str, str]]) -> RequestFilter:
        """From query parameters; ValueError names a parameter that is unknown or wrong."""
        given: dict[str, list[str]] = {}
        for name, value in params:
            if name not in FILTERS:
                raise ValueError(f"unknown filter `{name}`: filter by {', '.join(FILTERS)}")
            given.setdefault(name, []).append(value)
        since = given.get("since", [])
        if len(since) > 1:
            raise ValueError("give `since` once")
        return cls(
            methods=frozenset(value.upper() for value in given.get("method", [])),
            operation_ids=frozenset(given.get("operationId", [])),
            paths=tuple(PathGlob.parse(value) for value in given.get("path", [])),
            statuses=tuple(_status_range(value) for value in given.get("status", [])),
            since=_moment(since[0]) if since else None,
        )

    def __bool__(self) -> bool:
        """Whether any filter is given."""
        given = self.methods or self.operation_ids or self.paths or self.statuses
        return bool(given) or self.since is not None

    def matches(self, record: dict[str, Any]) -> bool:
        """Whether a record, as `RequestRecord.to_json` writes it, passes every filter."""
        if self.methods and record["method"] not in self.methods:
            return False
        if self.operation_ids and record.get("operationId") not in self.operation_ids:
            return False
        if self.paths and not any(p.matches(record["path"]) for p in self.paths):
            return False
        if self.statuses:
            status = record.get("status")
            if status is None or not any(low <= status <= high for low, high in self.statuses):
                return False
        return self.since is None or record["time"] >= self.since


def summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer of GET /_mock/requests: the records with their counts."""
    by_operation: dict[str, int] = {}
    for record in records:
        operation = record.get("operationId")
        if operation is not None:
            by_operation[operation] = by_operation.get(operation, 0) + 1
    return {"count": len(records), "byOperationId": by_operation, "requests": records}


@dataclass(frozen=True)
class PathGlob:
    """A path with `*` matching any characters. Matched by finding its parts in order rather
    than by a regular expression: `.*a.*a.*a...` backtracks for a time that grows with the
    power of the number of stars, and the filter comes from whoever calls the mock."""

    parts: tuple[str, ...]  # the text between the stars; one part: no star

    @classmethod
    def parse(cls, value: str) -> PathGlob:
        if not value.startswith(("/", "*")):
            raise ValueError(f"`path` must start with / or *, as /v1/projects/*: {value[:100]!r}")
        return cls(tuple(value.split("*")))

    def matches(self, path: str) -> bool:
        first, *middle, last = self.parts if len(self.parts) > 1 else (self.parts[0], "")
        if len(self.parts) == 1:
            return path == first
        if not path.startswith(first) or len(path) < len(first) + len(last):
            return False
        position, end = len(first), len(path) - len(last)
        for part in middle:
            found = path.find(part, position, end)
            if found < 0:
                return False
            position = found + len(part)
        return path.endswith(last)


def _status_range(value: str) -> tuple[int, int]:
    text = value.strip().lower()
    if re.fullmatch(r"[1-5]xx", text):
        return int(text[0]) * 100, int(text[0]) * 100 + 99
    if re.fullmatch(r"[1-5][0-9][0-9]", text):
        return int(text), int(text)
    raise ValueError(
        f"`status` must be a status such as 404 or a class such as 4xx: {value[:100]!r}"
    )


def _moment(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        if not math.isfinite(seconds):
            raise ValueError(f"`since` must be a finite number of seconds: {value[:100]!r}")
        return seconds
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(
            "`since` must be seconds on the mock's clock (as `time` in the records) or an "
            f"RFC 3339 timestamp with a time zone, as 2026-01-01T12:00:00Z: {value[:100]!r}"
        )
    return moment.timestamp()

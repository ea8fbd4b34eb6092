"""Pages of a newest-first list, by `page` or by an opaque, URL-safe, tamper-evident `cursor`.

A cursor names the last item a page returned (its sequence number in its list), so the next page
starts right after it: runs created during a walk are newer and land before the walk's position,
and a walk returns every item that existed when it began exactly once.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..errors import ValidationFailed, violation
from ..jsonparse import JsonRefused, parse

T = TypeVar("T")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# Integrity only (a cursor carries no secret): a damaged or hand-made cursor is refused.
_KEY = b"northflank-mock-cursor-v1"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@functools.lru_cache(maxsize=4096)  # a walk asks for the same cursors again and again
def encode_cursor(scope: str, after: int) -> str:
    payload = json.dumps({"l": scope, "a": after}, separators=(",", ":")).encode()
    mac = hmac.new(_KEY, payload, hashlib.sha256).digest()[:12]
    return f"{_b64(payload)}.{_b64(mac)}"


def decode_cursor(cursor: str, scope: str) -> int:
    """The sequence number a cursor continues after; 400 if it is damaged or from another list."""
    try:
        payload_text, mac_text = cursor.split(".")
        payload = _unb64(payload_text)
        mac = _unb64(mac_text)
    except (ValueError, binascii.Error):
        raise _invalid_cursor() from None
    expected = hmac.new(_KEY, payload, hashlib.sha256).digest()[:12]
    if not hmac.compare_digest(mac, expected):
        raise _invalid_cursor()
    # The key is no secret, so a signed payload can still be anything: check it all.
    try:
        data: Any = parse(payload, max_depth=1)
    except JsonRefused:
        raise _invalid_cursor() from None
    if not isinstance(data, dict):
        raise _invalid_cursor()
    if data.get("l") != scope:
        raise ValidationFailed(
            [violation("query", "cursor", "this cursor belongs to another list")]
        )
    after = data.get("a")
    if isinstance(after, bool) or not isinstance(after, int):
        raise _invalid_cursor()
    return after


def _invalid_cursor() -> ValidationFailed:
    message = "invalid cursor: pass back the cursor of the previous page unchanged"
    return ValidationFailed([violation("query", "cursor", message)])


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None

    @classmethod
    def of(cls, taken: list[T], per_page: int, scope: str, seq_of: Callable[[T], int]) -> Page[T]:
        """The page of `taken` (newest first, one more than a page when there is a next)."""
        if len(taken) > per_page:
            del taken[per_page:]
            return cls(taken, encode_cursor(scope, seq_of(taken[-1])))
        return cls(taken, None)

    def pagination(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "hasNextPage": self.next_cursor is not None,
            "count": len(self.items),
        }
        if self.next_cursor is not None:
            body["cursor"] = self.next_cursor
        return body


def paginate(
    items: Sequence[T],
    seq_of: Callable[[T], int],
    scope: str,
    *,
    per_page: int,
    page: int | None,
    cursor: str | None,
) -> Page[T]:
    """One page of `items` (sorted by ascending sequence number), newest first: one slice, the
    page and the item after it, if there is one. `cursor` wins over `page` when both are given.
    Filtered lists page through their own index (storage/runindex.py) from page_start()."""
    start, skip = page_start(items, seq_of, scope, per_page, page, cursor)
    end = start + 1 - skip
    taken = list(reversed(items[max(0, end - per_page - 1) : end])) if end > 0 else []
    return Page.of(taken, per_page, scope, seq_of)


def page_start(
    items: Sequence[T],
    seq_of: Callable[[T], int],
    scope: str,
    per_page: int,
    page: int | None,
    cursor: str | None,
) -> tuple[int, int]:
    """Where a page begins in `items` (ascending): the index of its newest candidate, and how
    many matching items before it (newer) to skip. `cursor` wins over `page`."""
    if cursor is not None:
        return _index_before(items, seq_of, decode_cursor(cursor, scope)), 0
    return len(items) - 1, (page - 1) * per_page if page else 0


def _index_before(items: Sequence[T], seq_of: Callable[[T], int], after: int) -> int:
    """Index of the newest item older than sequence number `after` (binary search)."""
    low, high = 0, len(items)
    while low < high:
        middle = (low + high) // 2
        if seq_of(items[middle]) < after:
            low = middle + 1
        else:
            high = middle
    return low - 1

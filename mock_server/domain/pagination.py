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
    data: Any = json.loads(payload)
    if data.get("l") != scope:
        raise ValidationFailed(
            [violation("query", "cursor", "this cursor belongs to another list")]
        )
    after = data.get("a")
    if not isinstance(after, int):
        raise _invalid_cursor()
    return after


def _invalid_cursor() -> ValidationFailed:
    message = "invalid cursor: pass back the cursor of the previous page unchanged"
    return ValidationFailed([violation("query", "cursor", message)])


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None

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
    keep: Callable[[T], bool] | None = None,
) -> Page[T]:
    """One page of `items` (sorted by ascending sequence number), newest first.

    `cursor` wins over `page` when both are given. `keep` filters items.
    """
    if cursor is not None:
        after = decode_cursor(cursor, scope)
        start = _index_before(items, seq_of, after)
        skip = 0
    else:
        start = len(items) - 1
        skip = (page - 1) * per_page if page else 0
    if keep is None:  # one slice: the page and the item after it, if there is one
        end = start + 1 - skip
        taken = list(reversed(items[max(0, end - per_page - 1) : end])) if end > 0 else []
    else:
        taken = []
        index = start
        while index >= 0 and len(taken) <= per_page:
            item = items[index]
            index -= 1
            if not keep(item):
                continue
            if skip:
                skip -= 1
                continue
            taken.append(item)
    if len(taken) > per_page:
        taken.pop()
        return Page(taken, encode_cursor(scope, seq_of(taken[-1])))
    return Page(taken, None)


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

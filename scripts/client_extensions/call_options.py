"""Options of one call, seen by the transport under it: a timeout, and a deadline for it all.

They travel in a context variable, so the generated functions need no extra parameters and
concurrent calls (threads, asyncio tasks) each see their own. The facade sets them for each call;
waiting.py sets a deadline so that a wait, retries and hung requests included, ends on time.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

import httpx


class NotGiven:
    """The type of NOT_GIVEN: an argument left out, where None means something (no timeout)."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes = httpx.Timeout | float | None
"""A timeout as httpx takes it: seconds for each phase, an httpx.Timeout, or None for none."""


@dataclass(frozen=True)
class CallOptions:
    timeout: httpx.Timeout | NotGiven = NOT_GIVEN
    deadline: float | None = None
    """A time.monotonic() value by which the call must be over."""


_NONE = CallOptions()
_CURRENT: ContextVar[CallOptions | None] = ContextVar("northflank_call_options", default=None)


@contextmanager
def call_options(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, deadline: float | None = None
) -> Iterator[None]:
    """Requests made inside use `timeout` (instead of the client's), and end by `deadline` at the
    latest: each attempt's timeouts are cut to the time left and no retry starts after it. Nested
    blocks keep the earlier deadline."""
    outer = current_options()
    if deadline is not None and outer.deadline is not None:
        deadline = min(deadline, outer.deadline)
    options = CallOptions(
        timeout=outer.timeout if isinstance(timeout, NotGiven) else httpx.Timeout(timeout),
        deadline=outer.deadline if deadline is None else deadline,
    )
    token = _CURRENT.set(options)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_options() -> CallOptions:
    return _CURRENT.get() or _NONE


def current_deadline() -> float | None:
    return current_options().deadline

"""Options of one call, seen by the transport under it: a deadline for the whole call, the
timeouts of each HTTP attempt, and the retry policy.

They travel in a context variable, so the generated functions need no extra parameters and
concurrent calls (threads, asyncio tasks) each see their own. The facade sets them for each call
from its own arguments and the client's defaults; waiting.py sets a deadline for a whole wait.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

import httpx
from httpx_retries import Retry


class NotGiven:
    """The type of NOT_GIVEN: an argument left out, where None means something (no limit)."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes = httpx.Timeout | float | None
"""A per-attempt timeout as httpx takes it: seconds for each phase (connect, read, write, pool),
an httpx.Timeout, or None for none."""


@dataclass(frozen=True)
class CallOptions:
    request_timeout: httpx.Timeout | NotGiven = NOT_GIVEN
    """Each HTTP attempt's timeouts, instead of the client's."""
    deadline: float | None = None
    """A time.monotonic() value by which the call, retries included, must be over."""
    retry: Retry | NotGiven | None = NOT_GIVEN
    """The retry policy of this call (None: no retries), instead of the client's."""


_NONE = CallOptions()
_CURRENT: ContextVar[CallOptions | None] = ContextVar("northflank_call_options", default=None)


def deadline_after(seconds: float | None) -> float | None:
    """The time.monotonic() deadline `seconds` from now; None (no deadline) for None."""
    return None if seconds is None else time.monotonic() + seconds


@contextmanager
def call_options(
    *,
    request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    deadline: float | None = None,
    retry: Retry | NotGiven | None = NOT_GIVEN,
) -> Iterator[None]:
    """Requests made inside use `request_timeout` for each attempt (instead of the client's),
    follow `retry`, and end by `deadline` at the latest: each attempt's timeouts are cut to the
    time left, a body still arriving at the deadline is abandoned, and no retry starts after it.
    Nested blocks keep the earlier deadline, and an outer block's other options unless they set
    their own."""
    outer = current_options()
    if deadline is not None and outer.deadline is not None:
        deadline = min(deadline, outer.deadline)
    options = CallOptions(
        request_timeout=(
            outer.request_timeout if isinstance(request_timeout, NotGiven) else httpx.Timeout(request_timeout)
        ),
        deadline=outer.deadline if deadline is None else deadline,
        retry=outer.retry if isinstance(retry, NotGiven) else retry,
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

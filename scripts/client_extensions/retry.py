"""Retries of idempotent requests, on by default in every client.

GET requests are retried on 429, 502, 503, 504 and on connection errors and timeouts, with
exponential backoff and jitter. A wait the server asks for (`Retry-After`, or on a 429 Northflank's
`x-ratelimit-reset`) is honoured up to `max_wait` seconds; a longer one is not waited for at all:
the answer comes back at once (as RateLimitError, with the time asked for), instead of after
minutes of capped waits. `total_wait` caps the time slept across all retries of one request, and a
deadline set for the call (see call_options.py) cuts every wait short. POST requests, which
run or abort releases, are never retried: one call can never start two releases.
"""

import asyncio
import time
from http import HTTPMethod

import httpx
from httpx_retries import Retry

from .call_options import current_deadline
from .errors import rate_limit_reset_seconds, retry_after_seconds

RETRIED_METHODS = frozenset({HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS})
RETRIED_STATUSES = frozenset({429, 502, 503, 504})


def server_wait(response: httpx.Response) -> float | None:
    """Seconds the server asked to wait before the next request, if it said."""
    wait = retry_after_seconds(response.headers)
    if wait is None and response.status_code == 429:
        wait = rate_limit_reset_seconds(response.headers)
    return wait


class NorthflankRetry(Retry):
    """httpx-retries' policy, with Northflank's `x-ratelimit-reset` as a 429's wait hint, every
    wait cut short at the call's deadline, and a `Retry-After` it cannot read (a word, a negative
    number) treated as absent: the usual backoff, and nothing printed."""

    def _pause(self, response: httpx.Response | Exception) -> float:
        wait = None
        if self.respect_retry_after_header and isinstance(response, httpx.Response):
            wait = server_wait(response)
        if wait is not None and wait > 0:
            pause = min(wait, self.max_backoff_wait)
        else:
            pause = self.backoff_strategy() if self.attempts_made > 0 else 0.0
        if self.total_timeout is not None:
            pause = min(pause, max(0.0, self.total_timeout - self.elapsed_sleep))
        deadline = current_deadline()
        if deadline is not None:
            pause = min(pause, max(0.0, deadline - time.monotonic()))
        return pause

    def sleep(self, response: httpx.Response | Exception) -> None:
        pause = self._pause(response)
        time.sleep(pause)
        self.elapsed_sleep += pause

    async def asleep(self, response: httpx.Response | Exception) -> None:
        pause = self._pause(response)
        await asyncio.sleep(pause)
        self.elapsed_sleep += pause


DEFAULT_MAX_RETRIES = 3
"""How many times a GET is retried by default (so at most four attempts)."""


def default_retry(
    attempts: int = DEFAULT_MAX_RETRIES,
    backoff_factor: float = 0.5,
    max_wait: float = 60.0,
    total_wait: float = 120.0,
) -> NorthflankRetry:
    """Up to `attempts` retries of a GET, waiting `backoff_factor * 2**n` seconds (jittered), or
    what the server asks for. A single wait longer than `max_wait` seconds is not waited for (the
    error is returned at once), and the waits of one request add up to at most `total_wait`."""
    return NorthflankRetry(
        total=attempts,
        allowed_methods=RETRIED_METHODS,
        status_forcelist=RETRIED_STATUSES,
        backoff_factor=backoff_factor,
        max_backoff_wait=max_wait,
        total_timeout=total_wait,
    )


def no_retry() -> NorthflankRetry:
    """A policy that never retries (what `retry=None` and `max_retries=0` mean)."""
    return NorthflankRetry(
        total=0, allowed_methods=RETRIED_METHODS, status_forcelist=RETRIED_STATUSES
    )


def with_max_retries(policy: Retry | None, max_retries: int) -> Retry:
    """`policy` (no retries for None) allowing `max_retries` retries instead of its own count."""
    return (policy if policy is not None else default_retry()).copy_with(total=max_retries)

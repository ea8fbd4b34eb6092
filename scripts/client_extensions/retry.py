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
    """httpx-retries' policy, with Northflank's `x-ratelimit-reset` as a 429's wait hint and every
    wait cut short at the call's deadline."""

    def _pause(self, response: httpx.Response | Exception) -> float:
        headers = httpx.Headers()
        if isinstance(response, httpx.Response):
            headers = httpx.Headers(response.headers)
            reset = headers.get("x-ratelimit-reset", "").strip()
            if response.status_code == 429 and "retry-after" not in headers and reset:
                headers["Retry-After"] = reset
        pause = self._calculate_sleep(headers)
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


def default_retry(
    attempts: int = 3,
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
    """A policy that never retries (what `retry=None` means)."""
    return NorthflankRetry(
        total=0, allowed_methods=RETRIED_METHODS, status_forcelist=RETRIED_STATUSES
    )

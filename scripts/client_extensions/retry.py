"""Retries of idempotent requests, on by default in every Client and AuthenticatedClient.

GET requests are retried on 429, 502, 503, 504 and on connection errors and timeouts, with
exponential backoff and jitter. A 429 waits for `Retry-After`, or failing that Northflank's
`x-ratelimit-reset` (seconds until the rate-limit window resets). POST requests, which run or
abort releases, are never retried: one call can never start two releases.
"""

from collections.abc import Mapping
from http import HTTPMethod

import httpx
from httpx_retries import Retry

RETRIED_METHODS = frozenset({HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS})
RETRIED_STATUSES = frozenset({429, 502, 503, 504})


class NorthflankRetry(Retry):
    """httpx-retries' policy, plus Northflank's `x-ratelimit-reset` as a wait hint."""

    def _calculate_sleep(self, headers: httpx.Headers | Mapping[str, str]) -> float:
        merged = httpx.Headers(headers)
        reset = merged.get("x-ratelimit-reset", "").strip()
        if "retry-after" not in merged and reset.isdigit():
            merged["Retry-After"] = reset
        return super()._calculate_sleep(merged)


def default_retry(
    attempts: int = 3,
    backoff_factor: float = 0.5,
    max_wait: float = 60.0,
) -> NorthflankRetry:
    """Up to `attempts` retries of a GET, waiting `backoff_factor * 2**n` seconds (jittered),
    or what the server asks for, but never more than `max_wait` seconds at a time."""
    return NorthflankRetry(
        total=attempts,
        allowed_methods=RETRIED_METHODS,
        status_forcelist=RETRIED_STATUSES,
        backoff_factor=backoff_factor,
        max_backoff_wait=max_wait,
    )

"""The transport under every client: retries (retry.py), call options, and a debug log.

    NorthflankTransport             returns the answer a retry was refused for (see below)
      httpx_retries.RetryTransport  retries GETs on 429/502/503/504 and connection errors
        _Attempts                   each attempt: timeouts and deadline applied, logged, judged
          the real transport        httpx.HTTPTransport, or one given (MockTransport, ASGITransport)

An attempt whose answer asks for a wait longer than the policy's `max_wait`, or longer than the
call's deadline leaves, is final: the retry layer is stopped and the answer returned as it is.
"""

import logging
import time

import httpx
from httpx_retries import Retry, RetryTransport

from .call_options import current_options
from .retry import no_retry, server_wait

logger = logging.getLogger("northflank_release_client")

HIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

SHORTEST_ATTEMPT = 0.05
"""Seconds: with less time than this left before a call's deadline, no attempt is started (it
could not get an answer in time, and a socket timeout may fire a hair before the deadline)."""


def enable_debug_logging() -> None:
    """Log every request attempt (method, URL, headers with the token hidden) and its outcome at
    DEBUG to the `northflank_release_client` logger, with a handler on stderr if it has none."""
    logger.setLevel(logging.DEBUG)
    if not logger.hasHandlers():
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)


def redacted(headers: httpx.Headers) -> dict[str, str]:
    return {name: "<hidden>" if name.lower() in HIDDEN_HEADERS else value for name, value in headers.items()}


class _Final(Exception):
    """Carries an attempt's outcome past the retry layer, which must not retry it."""

    def __init__(self, outcome: httpx.Response | Exception) -> None:
        super().__init__()
        self.outcome = outcome


class _Attempts(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.BaseTransport | httpx.AsyncBaseTransport, retry: Retry) -> None:
        self._inner = inner
        self._retry = retry

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self._inner, httpx.BaseTransport):
            raise RuntimeError("a synchronous request, but the client's transport is async only")
        started = self._before(request)
        try:
            response = self._inner.handle_request(request)
        except Exception as error:
            if self._failed(request, started, error):
                raise _Final(error) from error
            raise
        return self._after(request, started, response)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self._inner, httpx.AsyncBaseTransport):
            raise RuntimeError("an async request, but the client's transport is synchronous only")
        started = self._before(request)
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as error:
            if self._failed(request, started, error):
                raise _Final(error) from error
            raise
        return self._after(request, started, response)

    def close(self) -> None:
        if isinstance(self._inner, httpx.BaseTransport):
            self._inner.close()

    async def aclose(self) -> None:
        if isinstance(self._inner, httpx.AsyncBaseTransport):
            await self._inner.aclose()

    def _before(self, request: httpx.Request) -> float:
        """Apply the call's timeout and deadline to this attempt; returns its start time."""
        now = time.monotonic()
        attempt = int(request.extensions.get("northflank_attempt", 0)) + 1
        request.extensions["northflank_attempt"] = attempt
        # httpx put the client's (or the request's) timeout here; keep it for later attempts.
        configured = request.extensions.setdefault("northflank_timeout", dict(request.extensions.get("timeout", {})))
        options = current_options()
        timeouts: dict[str, float | None] = dict(configured)
        if isinstance(options.timeout, httpx.Timeout):
            timeouts = options.timeout.as_dict()
        if options.deadline is not None:
            left = options.deadline - now
            if left < SHORTEST_ATTEMPT:
                late = "the call's deadline passed before this attempt"
                raise _Final(httpx.ConnectTimeout(late, request=request))
            timeouts = {phase: left if t is None else min(t, left) for phase, t in timeouts.items()}
            for phase in ("connect", "read", "write", "pool"):
                timeouts.setdefault(phase, left)
        request.extensions["timeout"] = timeouts
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "request %s %s (attempt %d) headers=%s",
                request.method, request.url, attempt, redacted(request.headers),
            )  # fmt: skip
        return now

    def _after(self, request: httpx.Request, started: float, response: httpx.Response) -> httpx.Response:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "response %d to %s %s in %.1f ms (request id %s)",
                response.status_code, request.method, request.url,
                (time.monotonic() - started) * 1000, response.headers.get("x-request-id"),
            )  # fmt: skip
        if self._retry_is_refused(request, response):
            raise _Final(response)
        return response

    def _failed(self, request: httpx.Request, started: float, error: Exception) -> bool:
        """Log a failed attempt; True when it must not be retried (the deadline has passed)."""
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "no answer to %s %s after %.1f ms: %s: %s",
                request.method, request.url, (time.monotonic() - started) * 1000,
                type(error).__name__, error,
            )  # fmt: skip
        deadline = current_options().deadline
        return deadline is not None and deadline - time.monotonic() < SHORTEST_ATTEMPT

    def _retry_is_refused(self, request: httpx.Request, response: httpx.Response) -> bool:
        retry = self._retry
        if not (
            retry.total > 0
            and retry.is_retryable_method(request.method)
            and retry.is_retryable_status_code(response.status_code)
        ):
            return False
        wait = server_wait(response)
        if wait is not None and wait > retry.max_backoff_wait:
            return True
        deadline = current_options().deadline
        return deadline is not None and time.monotonic() + (wait or 0.0) >= deadline


class NorthflankTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Retries, call options and the debug log around `transport` (httpx's own by default)."""

    def __init__(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
        retry: Retry | None = None,
    ) -> None:
        retry = retry if retry is not None else no_retry()
        self._retrying = RetryTransport(transport=_Attempts(transport, retry), retry=retry)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._retrying.handle_request(request)
        except _Final as final:
            return _outcome(final)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._retrying.handle_async_request(request)
        except _Final as final:
            return _outcome(final)

    def close(self) -> None:
        self._retrying.close()

    async def aclose(self) -> None:
        await self._retrying.aclose()


def _outcome(final: _Final) -> httpx.Response:
    if isinstance(final.outcome, httpx.Response):
        return final.outcome
    raise final.outcome


__all__ = ["NorthflankTransport", "enable_debug_logging"]

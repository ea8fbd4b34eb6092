"""What every call of a facade client gets unless it says otherwise, and how one call applies it.

    timeout          seconds for the whole call, retries and a slow body included (None: no limit)
    request_timeout  httpx's timeouts for each HTTP attempt (connect, read, write, pool)
    retry            how GET requests are retried (None: never)

A call's own `timeout=`, `request_timeout=` and `max_retries=` replace the client's for that call.
The options reach the transport through call_options.py; a synchronous call ends on time because
every attempt and every body chunk is held to the deadline (transport.py, network.py), and an
async one is also cancelled at it.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, replace

import httpx
from httpx_retries import Retry

from . import validation
from .call_options import NOT_GIVEN, NotGiven, call_options, deadline_after
from .errors import (
    APITimeoutError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    describe_seconds,
)
from .retry import default_retry, with_max_retries

DEFAULT_CALL_TIMEOUT = 300.0
"""Seconds a call may take in all, retries included, unless the client or the call says
otherwise: long enough for the default retries and their waits, short enough to notice."""


@dataclass(frozen=True)
class CallSettings:
    """One call's settings, checked: apply them around the request with `applied()`."""

    timeout: float | None
    request_timeout: httpx.Timeout
    retry: Retry | None

    @contextmanager
    def applied(self) -> Iterator[None]:
        deadline = deadline_after(self.timeout)
        with call_options(
            request_timeout=self.request_timeout, deadline=deadline, retry=self.retry
        ):
            yield

    @asynccontextmanager
    async def applied_async(self) -> AsyncIterator[None]:
        """As `applied`, and the call is cancelled at its deadline, wherever it is waiting."""
        deadline = deadline_after(self.timeout)
        with call_options(
            request_timeout=self.request_timeout, deadline=deadline, retry=self.retry
        ):
            if deadline is None:
                yield
                return
            loop = asyncio.get_running_loop()
            cut = asyncio.timeout_at(loop.time() + (deadline - time.monotonic()))
            try:
                async with cut:
                    yield
            except TimeoutError:
                if not cut.expired():
                    raise  # not this call's deadline: an outer one, or the caller's own
                assert self.timeout is not None
                raise APITimeoutError(
                    f"the call's timeout ({describe_seconds(self.timeout)}) ran out"
                ) from None


@dataclass(frozen=True)
class ClientOptions:
    """A client's defaults for every call."""

    timeout: float | None
    request_timeout: httpx.Timeout
    retry: Retry | None

    @classmethod
    def checked(
        cls,
        timeout: object,
        request_timeout: object,
        max_retries: object,
        retry: object,
        *,
        stacklevel: int,
    ) -> "ClientOptions":
        """A client's options from its constructor's arguments, checked."""
        total, per_attempt = validation.call_timeouts(
            timeout, request_timeout, stacklevel=stacklevel + 1
        )
        if isinstance(total, NotGiven):
            total = DEFAULT_CALL_TIMEOUT
        if isinstance(per_attempt, NotGiven):
            raise InvalidArgumentError("request_timeout must be given")  # the constructors do
        return cls(total, per_attempt, _policy(max_retries, retry, default_retry()))

    def replaced(
        self, timeout: object, request_timeout: object, max_retries: object, retry: object
    ) -> "ClientOptions":
        """These options with some replaced (what `with_options` gives), checked."""
        # The warning for a deprecated timeout points at the with_options call.
        total, per_attempt = validation.call_timeouts(timeout, request_timeout, stacklevel=5)
        return replace(
            self,
            timeout=self.timeout if isinstance(total, NotGiven) else total,
            request_timeout=(
                self.request_timeout if isinstance(per_attempt, NotGiven) else per_attempt
            ),
            retry=_policy(max_retries, retry, self.retry),
        )

    def for_call(
        self, timeout: object, request_timeout: object, max_retries: object
    ) -> CallSettings:
        """The settings of one call: its own where it gives them, these options elsewhere."""
        total, per_attempt = validation.call_timeouts(timeout, request_timeout, stacklevel=4)
        return CallSettings(
            self.timeout if isinstance(total, NotGiven) else total,
            self.request_timeout if isinstance(per_attempt, NotGiven) else per_attempt,
            _policy(max_retries, NOT_GIVEN, self.retry),
        )

    @property
    def max_retries(self) -> int:
        return self.retry.total if self.retry is not None else 0


def _policy(max_retries: object, retry: object, current: Retry | None) -> Retry | None:
    """The retry policy from `max_retries` (a count) or `retry` (a policy), else `current`."""
    if not isinstance(max_retries, NotGiven) and not isinstance(retry, NotGiven):
        raise InvalidArgumentError("give max_retries or retry, not both")
    if not isinstance(max_retries, NotGiven):
        return with_max_retries(current, validation.max_retries(max_retries))
    if isinstance(retry, NotGiven):
        return current
    if retry is not None and not isinstance(retry, Retry):
        raise InvalidArgumentTypeError(
            f"retry must be an httpx_retries.Retry or None, not {type(retry).__name__}"
        )
    return retry


__all__ = ["DEFAULT_CALL_TIMEOUT", "CallSettings", "ClientOptions"]

"""Wait for a release flow run to conclude.

The wait is bounded as a whole: every poll runs under a deadline (call_options.py), so a request
that hangs, and the retries of a failing one, end when the wait's time is up, and the wait raises
RunWaitTimeout then, not minutes later. The run is always polled at least once: with a timeout too
short for any request (0 included), that one poll runs with the client's own limits, and the wait
returns the run if it has concluded. A timeout of None waits as long as the run takes.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from . import validation
from .api.pipelines import get_release_flow_run
from .call_options import call_options
from .client import AuthenticatedClient, Client
from .errors import APIConnectionError, RunWaitTimeout, unwrap
from .models.release_flow_run_details import ReleaseFlowRunDetails
from .models.release_flow_run_response import ReleaseFlowRunResponse
from .transport import SHORTEST_ATTEMPT

AnyClient = AuthenticatedClient | Client


class Concludes(Protocol):
    """What a wait needs to read of what it polls."""

    @property
    def concluded(self) -> bool: ...

    @property
    def status(self) -> object: ...


R = TypeVar("R", bound=Concludes)

DEFAULT_WAIT = 1800.0


class _Schedule:
    """Poll intervals that grow by `multiplier` up to `max_interval`, and the deadline."""

    def __init__(
        self,
        run_id: str,
        timeout: float | None,
        interval: float,
        max_interval: float,
        multiplier: float,
        clock: Callable[[], float],
    ) -> None:
        timeout = validation.seconds("timeout", timeout)
        self.run_id = run_id
        self.last_status: str | None = None
        self.polls = 0
        self._clock = clock
        self._start = clock()
        self._deadline = None if timeout is None else self._start + timeout
        # Hung requests are cut on the real clock, whatever `clock` a caller (a test) gives.
        self.real_deadline = None if timeout is None else time.monotonic() + timeout
        self._interval = validation.positive("interval", interval)
        self._max_interval = validation.positive("max_interval", max_interval)
        self._multiplier = validation.at_least_one("multiplier", multiplier)

    def poll_deadline(self) -> float | None:
        """The deadline of the next poll: the wait's, except for a first poll that the wait leaves
        no time for, which runs with the client's own limits."""
        if self.real_deadline is None:
            return None
        if self.polls == 0 and self.real_deadline - time.monotonic() < SHORTEST_ATTEMPT:
            return None
        return self.real_deadline

    def timed_out(self) -> RunWaitTimeout:
        return RunWaitTimeout(self.run_id, self._clock() - self._start, self.last_status)

    def failed(self, error: APIConnectionError, deadline: float | None) -> Exception:
        """A poll got no answer: the wait's time running out explains it, or the error does."""
        out_of_time = deadline is not None and deadline - time.monotonic() < SHORTEST_ATTEMPT
        return self.timed_out() if out_of_time else error

    def next_pause(self, run: Concludes) -> float:
        """Seconds to sleep before the next poll; RunWaitTimeout when the time is up."""
        self.polls += 1
        self.last_status = str(run.status)
        if self._deadline is None:
            pause = self._interval
        else:
            remaining = self._deadline - self._clock()
            if remaining <= 0:
                raise self.timed_out()
            pause = min(self._interval, remaining)
        self._interval = min(self._interval * self._multiplier, self._max_interval)
        return pause


def poll_until_concluded(
    poll: Callable[[], R],
    run_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT,
    interval: float = 2.0,
    max_interval: float = 30.0,
    multiplier: float = 1.5,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], object] = time.sleep,
) -> R:
    """Call `poll` until what it returns has concluded, and return that.

    Polls every `interval` seconds, growing by `multiplier` up to `max_interval`. Raises
    RunWaitTimeout once `timeout` seconds have passed, a hung poll included (None: no limit), and
    the family's error when a poll fails (after the client's own retries of that GET).
    """
    schedule = _Schedule(run_id, timeout, interval, max_interval, multiplier, clock)
    while True:
        deadline = schedule.poll_deadline()
        try:
            with call_options(deadline=deadline):
                run = poll()
        except APIConnectionError as error:
            raise schedule.failed(error, deadline) from error
        if run.concluded is True:  # a hand-built answer's "false" string must not end the wait
            return run
        sleep(schedule.next_pause(run))


async def apoll_until_concluded(
    poll: Callable[[], Awaitable[R]],
    run_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT,
    interval: float = 2.0,
    max_interval: float = 30.0,
    multiplier: float = 1.5,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> R:
    """The async form of poll_until_concluded. A poll is also cancelled outright at the deadline."""
    schedule = _Schedule(run_id, timeout, interval, max_interval, multiplier, clock)
    while True:
        deadline = schedule.poll_deadline()
        cut = asyncio.timeout_at(None if deadline is None else _loop_time_at(deadline))
        try:
            with call_options(deadline=deadline):
                async with cut:
                    run = await poll()
        except TimeoutError as error:
            if not cut.expired():
                raise
            raise schedule.timed_out() from error
        except APIConnectionError as error:
            raise schedule.failed(error, deadline) from error
        if run.concluded is True:  # a hand-built answer's "false" string must not end the wait
            return run
        await sleep(schedule.next_pause(run))


def _loop_time_at(monotonic_deadline: float) -> float:
    """The event loop's clock reading at a time.monotonic() instant."""
    loop = asyncio.get_running_loop()
    return loop.time() + (monotonic_deadline - time.monotonic())


def wait_for_release_flow_run(
    client: AnyClient,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT,
    interval: float = 2.0,
    max_interval: float = 30.0,
    multiplier: float = 1.5,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], object] = time.sleep,
) -> ReleaseFlowRunDetails:
    """Poll the run until it has concluded and return its final details.

    Polls every `interval` seconds, growing by `multiplier` up to `max_interval`. Raises
    RunWaitTimeout once `timeout` seconds have passed without the run concluding (a hung request
    included), and the family's error when a poll fails (after the client's own retries).
    """

    def poll() -> ReleaseFlowRunDetails:
        response = get_release_flow_run.sync_detailed(project_id, pipeline_id, stage, run_id, client=client)
        return unwrap(response, ReleaseFlowRunResponse).data

    return poll_until_concluded(
        poll, run_id, timeout=timeout, interval=interval, max_interval=max_interval,
        multiplier=multiplier, clock=clock, sleep=sleep,
    )  # fmt: skip


async def await_release_flow_run(
    client: AnyClient,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT,
    interval: float = 2.0,
    max_interval: float = 30.0,
    multiplier: float = 1.5,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> ReleaseFlowRunDetails:
    """The async form of wait_for_release_flow_run."""

    async def poll() -> ReleaseFlowRunDetails:
        response = await get_release_flow_run.asyncio_detailed(project_id, pipeline_id, stage, run_id, client=client)
        return unwrap(response, ReleaseFlowRunResponse).data

    return await apoll_until_concluded(
        poll, run_id, timeout=timeout, interval=interval, max_interval=max_interval,
        multiplier=multiplier, clock=clock, sleep=sleep,
    )  # fmt: skip


__all__ = [
    "apoll_until_concluded",
    "await_release_flow_run",
    "poll_until_concluded",
    "wait_for_release_flow_run",
]

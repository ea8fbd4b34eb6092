"""Wait for a release flow run to conclude."""

import asyncio
import time
from collections.abc import Awaitable, Callable

from .api.pipelines import get_release_flow_run
from .client import AuthenticatedClient, Client
from .errors import RunWaitTimeout, unwrap
from .models.release_flow_run_details import ReleaseFlowRunDetails
from .models.release_flow_run_response import ReleaseFlowRunResponse

AnyClient = AuthenticatedClient | Client


class _Schedule:
    """Poll intervals that grow by `multiplier` up to `max_interval`, and the deadline."""

    def __init__(
        self,
        timeout: float,
        interval: float,
        max_interval: float,
        multiplier: float,
        clock: Callable[[], float],
    ) -> None:
        if timeout < 0 or interval <= 0 or max_interval <= 0 or multiplier < 1:
            raise ValueError("timeout >= 0, interval > 0, max_interval > 0 and multiplier >= 1")
        self._clock = clock
        self._start = clock()
        self._deadline = self._start + timeout
        self._interval = interval
        self._max_interval = max_interval
        self._multiplier = multiplier

    def next_pause(self, run: ReleaseFlowRunDetails) -> float:
        """Seconds to sleep before the next poll; RunWaitTimeout when the time is up."""
        remaining = self._deadline - self._clock()
        if remaining <= 0:
            raise RunWaitTimeout(run.id, self._clock() - self._start, str(run.status))
        pause = min(self._interval, remaining)
        self._interval = min(self._interval * self._multiplier, self._max_interval)
        return pause


def wait_for_release_flow_run(
    client: AnyClient,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    timeout: float = 1800.0,
    interval: float = 2.0,
    max_interval: float = 30.0,
    multiplier: float = 1.5,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], object] = time.sleep,
) -> ReleaseFlowRunDetails:
    """Poll the run until it has concluded and return its final details.

    Polls every `interval` seconds, growing by `multiplier` up to `max_interval`. Raises
    RunWaitTimeout once `timeout` seconds have passed without the run concluding, and ApiError
    when a poll fails (after the client's own retries of that GET).
    """
    schedule = _Schedule(timeout, interval, max_interval, multiplier, clock)
    while True:
        response = get_release_flow_run.sync_detailed(
            project_id, pipeline_id, stage, run_id, client=client
        )
        run = unwrap(response, ReleaseFlowRunResponse).data
        if run.concluded:
            return run
        sleep(schedule.next_pause(run))


async def await_release_flow_run(
    client: AnyClient,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    timeout: float = 1800.0,
    interval: float = 2.0,
    max_interval: float = 30.0,
    multiplier: float = 1.5,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> ReleaseFlowRunDetails:
    """The async form of wait_for_release_flow_run."""
    schedule = _Schedule(timeout, interval, max_interval, multiplier, clock)
    while True:
        response = await get_release_flow_run.asyncio_detailed(
            project_id, pipeline_id, stage, run_id, client=client
        )
        run = unwrap(response, ReleaseFlowRunResponse).data
        if run.concluded:
            return run
        await sleep(schedule.next_pause(run))


__all__ = ["await_release_flow_run", "wait_for_release_flow_run"]

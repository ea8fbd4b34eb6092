"""The mock's sense of time: the wall clock, or a manual clock that tests move on demand."""

from __future__ import annotations

import functools
import time
from datetime import UTC, datetime


@functools.lru_cache(maxsize=65536)
def format_timestamp(seconds: float) -> str:
    """Epoch seconds as Northflank writes timestamps: ISO 8601, milliseconds, `Z`.

    Cached: a run's few timestamps are formatted again on every read of the run."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_timestamp(value: str) -> float:
    """Northflank's timestamps (`T` or space separated) as epoch seconds."""
    return datetime.fromisoformat(value).timestamp()


class Clock:
    """Real time. `now()` is epoch seconds."""

    manual = False

    def now(self) -> float:
        return time.time()

    def dump(self) -> dict[str, float]:
        return {}

    def load(self, data: dict[str, float] | None) -> None:
        """Real time has nothing to restore."""


class ManualClock(Clock):
    """Time that only moves when told to, so lifecycle tests are instant and deterministic."""

    manual = True

    def __init__(self, start: float | None = None) -> None:
        # Start on a whole second so that timestamps in tests read cleanly.
        self._now = float(int(time.time() if start is None else start))

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._now += seconds
        return self._now

    def dump(self) -> dict[str, float]:
        return {"now": self._now}

    def load(self, data: dict[str, float] | None) -> None:
        if data and data.get("now", 0) > self._now:
            self._now = data["now"]

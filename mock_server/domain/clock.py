"""The mock's sense of time: the wall clock, or a manual clock that tests move on demand."""

from __future__ import annotations

import functools
import math
import time
from datetime import UTC, datetime
from typing import Any

# The manual clock stays before this, so that every timestamp the mock derives from it (a run's
# phases add at most a few years: cli.py bounds them) can still be written.
LATEST = datetime(9000, 1, 1, tzinfo=UTC).timestamp()
MAX_ADVANCE = 100 * 365 * 86400.0  # seconds, per POST /_mock/clock


@functools.lru_cache(maxsize=65536)
def format_timestamp(seconds: float) -> str:
    """Epoch seconds as Northflank writes timestamps: ISO 8601, milliseconds, `Z`.

    Cached: a run's few timestamps are formatted again on every read of the run."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_timestamp(value: str) -> float:
    """Northflank's timestamps (`T` or space separated) as epoch seconds."""
    return datetime.fromisoformat(value).timestamp()


def check_advance(now: float, seconds: float) -> str | None:
    """Why the manual clock cannot move forward by `seconds` from `now`; None if it can."""
    if not math.isfinite(seconds) or seconds < 0:
        return 'must be a number of seconds >= 0, as {"advance": 5}'
    if seconds > MAX_ADVANCE:
        return f"must be at most {MAX_ADVANCE:.0f} seconds (100 years) per call"
    if now + seconds >= LATEST:
        return f"would move the clock past {format_timestamp(LATEST)}"
    return None


def _instant(value: Any) -> float | None:
    """A saved instant, if it is one the clock can hold."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if number and math.isfinite(value) and 0 <= value < LATEST else None


class Clock:
    """Real time. `now()` is epoch seconds."""

    manual = False

    def now(self) -> float:
        return time.time()

    def reset(self) -> None:
        """Real time has no start to go back to."""

    def dump(self) -> dict[str, float]:
        return {}

    def load(self, data: dict[str, Any] | None) -> None:
        """Real time has nothing to restore."""


class ManualClock(Clock):
    """Time that only moves when told to, so lifecycle tests are instant and deterministic.

    It starts at the whole second the mock starts at, and `reset` takes it back there. Saved
    with the state (`--state`), it resumes where it was: a restart does not move it by the
    time the mock was down."""

    manual = True

    def __init__(self, start: float | None = None) -> None:
        # Start on a whole second so that timestamps in tests read cleanly.
        self.start = float(int(time.time() if start is None else start))
        self._now = self.start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        problem = check_advance(self._now, seconds)
        if problem:
            raise ValueError(f"advance {seconds!r}: {problem}")
        self._now += seconds
        return self._now

    def reset(self) -> None:
        self._now = self.start

    def dump(self) -> dict[str, float]:
        return {"now": self._now, "start": self.start}

    def load(self, data: dict[str, Any] | None) -> None:
        """What was saved, as it was (a state file without a clock leaves it unchanged)."""
        if not data:
            return
        now, start = _instant(data.get("now")), _instant(data.get("start", data.get("now")))
        if now is None or start is None:
            raise ValueError(f"the saved manual clock {data!r:.200} is not a time it can hold")
        self._now, self.start = now, start

"""How a run's status moves over time: a timeline of planned transitions, read at any instant.

Nothing runs in the background: a run's state is computed from its timeline and the clock when it
is read, so the manual clock, restarts and several worker processes all see the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .clock import format_timestamp

TERMINAL = frozenset({"success", "failure", "aborted", "skipped"})
OUTCOMES = ("success", "failure", "hold")


@dataclass(frozen=True)
class Durations:
    """Seconds a created run spends in each phase."""

    pending: float = 2.0
    running: float = 10.0
    aborting: float = 1.0


Timeline = list[tuple[float, str]]


def plan(start: float, durations: Durations, outcome: str, queued: bool = False) -> Timeline:
    """Transitions of a run that starts (leaves `pending`/`queued`) at `start`.

    `outcome` is `success`, `failure`, or `hold` (stays `running` until aborted).
    """
    timeline: Timeline = [(start, "pending")]
    running_at = start + durations.pending
    timeline.append((running_at, "running"))
    if outcome != "hold":
        timeline.append((running_at + durations.running, outcome))
    return timeline


def abort_plan(now: float, durations: Durations) -> Timeline:
    return [(now, "aborting"), (now + durations.aborting, "aborted")]


def state_at(timeline: Timeline, now: float) -> tuple[str, float, float | None, float | None]:
    """(status, updated, started, concluded) of a timeline at `now`; times are epoch seconds."""
    status, updated = timeline[0][1], timeline[0][0]
    started: float | None = None
    for at, step in timeline:
        if at > now:
            break
        status, updated = step, at
        if step == "running" and started is None:
            started = at
    concluded = updated if status in TERMINAL else None
    return status, updated, started, concluded


def apply(fields: dict[str, Any], timeline: Timeline, now: float) -> dict[str, Any]:
    """The run's list fields with the timeline's state at `now` laid over them."""
    status, updated, started, concluded = state_at(timeline, now)
    result = dict(fields)
    result["status"] = status
    result["concluded"] = status in TERMINAL
    result["updatedAt"] = format_timestamp(updated)
    if started is not None and "startedAt" not in fields:
        result["startedAt"] = format_timestamp(started)
    if concluded is not None:
        result["concludedAt"] = format_timestamp(concluded)
    return result

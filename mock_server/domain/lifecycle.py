"""How a run's status moves over time: a timeline of planned transitions, read at any instant.

Nothing runs in the background: a run's state is computed from its timeline and the clock when it
is read, so the manual clock, restarts and several worker processes all see the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .clock import format_timestamp

TERMINAL = frozenset({"success", "failure", "aborted", "skipped"})
# What a created run ends in: `hold` stays `running` until it is aborted.
OUTCOMES = ("success", "failure", "hold")


@dataclass(frozen=True)
class Durations:
    """Seconds a created run spends in each phase."""

    pending: float = 2.0
    running: float = 10.0
    aborting: float = 1.0


Timeline = list[tuple[float, str]]


def plan(
    start: float, durations: Durations, outcome: str, queued_at: float | None = None
) -> Timeline:
    """Transitions of a run that leaves the queue (or is created) at `start`."""
    timeline: Timeline = [] if queued_at is None else [(queued_at, "queued")]
    timeline.append((start, "pending"))
    running_at = start + durations.pending
    timeline.append((running_at, "running"))
    if outcome != "hold":
        timeline.append((running_at + durations.running, outcome))
    return timeline


def cut(timeline: Timeline, now: float, ending: Timeline) -> Timeline:
    """The part of `timeline` already reached at `now`, followed by `ending`."""
    return [step for step in timeline if step[0] <= now] + ending


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


def conclusion(timeline: Timeline) -> float | None:
    """When the timeline reaches a terminal status, if it ever does."""
    for at, step in timeline:
        if step in TERMINAL:
            return at
    return None


def progress(timeline: Timeline, now: float) -> float | None:
    """How far through its `running` phase a run is (0..1); None when that is unknown."""
    started = next((at for at, step in timeline if step == "running"), None)
    ended = next((at for at, step in timeline if at > (started or 0) and step != "running"), None)
    if started is None or ended is None or ended <= started:
        return None
    return max(0.0, min(1.0, (min(now, ended) - started) / (ended - started)))


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

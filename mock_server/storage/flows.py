"""Release flows and their runs: what each run is, and how a flow's queue moves.

Fixture runs are served as the fixtures give them until something happens to them (an abort);
runs created through the API follow a timeline (domain/lifecycle.py). A flow keeps its runs in
ascending sequence order, so newest-first pages and cursors stay cheap at any size
(domain/pagination.py). The byte caches that spare re-encoding a run or a flow's template sit
on the objects they cache; rendering.py fills them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain import lifecycle
from .fixtures import StageKey

if TYPE_CHECKING:
    from .runindex import RunIndex

POLICIES = ("allow", "queue", "forbid", "latest", "replace")


@dataclass
class RunRecord:
    """One run. `fields` are its list fields as given or as created; `timeline`, when set,
    overrides their status and times (lifecycle.apply). A run waiting in a queue has
    `outcome` set and no timeline past `queued` until the runs before it conclude."""

    seq: int
    fields: dict[str, Any]
    timeline: lifecycle.Timeline | None = None
    details: dict[str, Any] | None = None  # a fixture's full details, served as given
    arguments: dict[str, Any] | None = None
    outcome: str | None = None
    waiting: bool = False  # queued behind another run, start not known yet
    # Rendering caches (rendering.py): the list JSON as of a step of the timeline, and the whole
    # details JSON of a run that can no longer change.
    list_json: bytes | None = field(default=None, repr=False, compare=False)
    list_json_step: int = field(default=-2, repr=False, compare=False)
    list_json_timeline: object = field(default=None, repr=False, compare=False)
    details_json: bytes | None = field(default=None, repr=False, compare=False)
    # Where the flow's run index (runindex.py) files the run, if it has one.
    index_key: object = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return str(self.fields["id"])

    def current(self, now: float) -> dict[str, Any]:
        if self.timeline is None:
            return self.fields
        return lifecycle.apply(self.fields, self.timeline, now)

    def concluded(self, now: float) -> bool:
        if self.timeline is None:
            return bool(self.fields.get("concluded"))
        return lifecycle.state_at(self.timeline, now)[0] in lifecycle.TERMINAL

    def concluded_at(self) -> float | None:
        """When the run concludes (in the past or the planned future); None if unknown."""
        if self.timeline is None:
            return 0.0 if self.fields.get("concluded") else None
        if self.waiting:
            return None
        return lifecycle.conclusion(self.timeline)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "fields": self.fields, "timeline": self.timeline,
            "arguments": self.arguments, "outcome": self.outcome, "waiting": self.waiting,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any], details: dict[str, Any] | None) -> RunRecord:
        timeline = [(float(at), str(step)) for at, step in data["timeline"] or []] or None
        return cls(
            data["seq"], data["fields"], timeline, details, data["arguments"], data["outcome"],
            data["waiting"],
        )  # fmt: skip


@dataclass
class ReleaseFlow:
    key: StageKey
    template: dict[str, Any]
    # What a run's details show of the template before its node tree (fields.py).
    template_fields: dict[str, Any]
    runs: list[RunRecord] = field(default_factory=list)  # ascending seq
    by_id: dict[str, RunRecord] = field(default_factory=dict)
    # Runs that may still change: created ones and those not concluded in the fixtures.
    live: list[RunRecord] = field(default_factory=list)
    queued: int = 0  # how many live runs wait in the queue
    # Rendering caches (rendering.py): the template's part of every run's details, and node
    # trees that cannot change any more, by the run state they show.
    template_json: bytes | None = field(default=None, repr=False, compare=False)
    trees: dict[tuple[Any, ...], bytes] = field(default_factory=dict, repr=False, compare=False)
    # The runs by status, for filtered lists (runindex.py): built by the first filtered read,
    # and kept up to date by the store, which files every run it adds or changes.
    index: RunIndex | None = field(default=None, repr=False, compare=False)

    @property
    def policy(self) -> str:
        policy = self.template.get("options", {}).get("concurrencyPolicy", "allow")
        return policy if policy in POLICIES else "allow"

    @property
    def next_seq(self) -> int:
        return self.runs[-1].seq + 1 if self.runs else 1

    def add(self, record: RunRecord) -> None:
        if self.runs and record.seq <= self.runs[-1].seq:
            raise ValueError("runs are added in sequence order")
        self.runs.append(record)
        self.by_id[record.id] = record
        if record.timeline is not None or not record.fields.get("concluded"):
            self.live.append(record)
            self.queued += record.waiting

    def replace(self, existing: RunRecord, record: RunRecord) -> None:
        """Put `record` in the place of `existing` (a saved change laid over a fixture run)."""
        self.runs[self.runs.index(existing)] = record
        self.index = None
        self.by_id[record.id] = record
        self.live = [r for r in self.live if r is not existing] + [record]
        self.queued += record.waiting

    def active(self, now: float) -> list[RunRecord]:
        """Runs that have not concluded at `now`.

        Concluded runs leave `live` here: nothing can change them any more (abort and outcome
        changes refuse them), and a queue only needs the end times of runs still going."""
        self.live = [r for r in self.live if not r.concluded(now)]
        return list(self.live)

    def start_due_runs(self, now: float, durations: lifecycle.Durations) -> list[RunRecord]:
        """Plan the start of queued runs whose predecessors have concluded by `now`; the runs
        that changed. A run waits until every run before it has concluded, in order."""
        started: list[RunRecord] = []
        if not self.queued:
            return started
        for record in self.live:
            if not record.waiting or not record.timeline:
                continue
            ends = [r.concluded_at() for r in self.live if r.seq < record.seq]
            known = [end for end in ends if end is not None]
            if len(known) < len(ends):
                break  # still blocked; the runs behind it are blocked too
            queued_at = record.timeline[0][0]
            start = max([queued_at, *known])
            if start > now:
                break
            outcome = record.outcome or "success"
            record.timeline = lifecycle.plan(start, durations, outcome, queued_at)
            record.waiting = False
            self.queued -= 1
            started.append(record)
        return started

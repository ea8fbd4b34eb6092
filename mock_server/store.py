"""The mock's release flows and jobs: fixture data plus everything that happened to it since.

Fixture runs are served as the fixtures give them until something happens to them (an abort);
runs created through the API follow a timeline (lifecycle.py) whose outcome the caller can
choose. Each list is kept in ascending sequence order, so newest-first pages and cursors stay
cheap at any size (pagination.py). Runs that changed are marked dirty for persistence.py.
"""

from __future__ import annotations

import json
import os
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import lifecycle
from .clock import Clock, format_timestamp, parse_timestamp
from .errors import ApiError
from .fixtures import Dataset, JobKey, StageKey
from .nodes import render_tree
from .pagination import Page, paginate

# The fields of a run that the list endpoint answers (ReleaseFlowRun).
RUN_FIELDS = (
    "id", "name", "description", "status", "startedAt", "concluded", "concludedAt", "createdAt",
    "updatedAt",
)  # fmt: skip
TEMPLATE_FIELDS = ("apiVersion", "arguments", "triggers", "options", "gitops", "$schema", "refs")
POLICIES = ("allow", "queue", "forbid", "latest", "replace")
_MAX_CACHED_TREES = 1024


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
    # The list JSON of a run that cannot change (no timeline), encoded once.
    _encoded: bytes | None = field(default=None, repr=False, compare=False)
    _encoded_step: int = field(default=-2, repr=False, compare=False)
    _encoded_timeline: object = field(default=None, repr=False, compare=False)
    _details: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return str(self.fields["id"])

    def current(self, now: float) -> dict[str, Any]:
        if self.timeline is None:
            return self.fields
        return lifecycle.apply(self.fields, self.timeline, now)

    def encoded(self, now: float) -> bytes:
        """The run as the list endpoint answers it, as JSON bytes.

        Encoded again only when the run reaches another step of its timeline."""
        if self.timeline is None and self._encoded is not None:
            return self._encoded  # most runs: fixture runs nothing has happened to
        step = -1 if self.timeline is None else sum(1 for at, _ in self.timeline if at <= now)
        if (
            self._encoded is None
            or self._encoded_step != step
            or self._encoded_timeline is not self.timeline
        ):
            self._encoded = encode(self.current(now))
            self._encoded_step, self._encoded_timeline = step, self.timeline
        return self._encoded

    @staticmethod
    def encode_all(records: list[RunRecord], now: float) -> list[bytes]:
        """encoded() of each record, with its first case inline: a method call per run was a
        tenth of a page's time."""
        return [
            record._encoded
            if record.timeline is None and record._encoded is not None
            else record.encoded(now)
            for record in records
        ]

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
    runs: list[RunRecord] = field(default_factory=list)  # ascending seq
    by_id: dict[str, RunRecord] = field(default_factory=dict)
    # Runs that may still change: created ones and those not concluded in the fixtures.
    live: list[RunRecord] = field(default_factory=list)
    queued: int = 0  # how many live runs wait in the queue
    # Details JSON pieces that only depend on the template, or on a run's state (nodes.py).
    _template_json: bytes | None = field(default=None, repr=False, compare=False)
    _trees: dict[tuple[Any, ...], bytes] = field(default_factory=dict, repr=False, compare=False)

    def template_json(self) -> bytes:
        """The template's fields of a run's details, encoded once: `"apiVersion":...,...`."""
        if self._template_json is None:
            template = self.template
            shown = {name: template[name] for name in TEMPLATE_FIELDS if name in template}
            shown.pop("arguments", None)  # a run's own arguments are merged into them
            self._template_json = encode(shown)[1:-1]
        return self._template_json

    def run_arguments(self, record: RunRecord) -> dict[str, Any] | None:
        """The arguments a run's details show: the template's, overridden by the run's own;
        None when the details have no `arguments` field."""
        arguments = {**self.template.get("arguments", {}), **(record.arguments or {})}
        return arguments if arguments or "arguments" in self.template else None

    def tree_json(self, fields: dict[str, Any], now: float, progress: float | None) -> bytes:
        """The node tree of a run's details (nodes.render_tree) as JSON bytes.

        A tree that cannot depend on `now` (a run not started yet, or concluded) is encoded
        once per state: every run created and answered while still pending shares one."""
        started = fields.get("startedAt")
        timeless = started is None or bool(fields.get("concluded"))
        key = (
            fields["status"],
            started,
            fields.get("concludedAt"),
            fields.get("concluded"),
            progress,
        )
        if timeless and key in self._trees:
            return self._trees[key]
        encoded = encode(render_tree(self.template["spec"], fields, now, progress))
        if timeless:
            if len(self._trees) >= _MAX_CACHED_TREES:
                self._trees.clear()
            self._trees[key] = encoded
        return encoded

    @property
    def policy(self) -> str:
        policy = self.template.get("options", {}).get("concurrencyPolicy", "allow")
        return policy if policy in POLICIES else "allow"

    def add(self, record: RunRecord) -> None:
        if self.runs and record.seq <= self.runs[-1].seq:
            raise ValueError("runs are added in sequence order")
        self.runs.append(record)
        self.by_id[record.id] = record
        if record.timeline is not None or not record.fields.get("concluded"):
            self.live.append(record)
            self.queued += record.waiting

    def active(self, now: float) -> list[RunRecord]:
        """Runs that have not concluded at `now`.

        Concluded runs leave `live` here: nothing can change them any more (abort and outcome
        changes refuse them), and a queue only needs the end times of runs still going."""
        self.live = [r for r in self.live if not r.concluded(now)]
        return list(self.live)


@dataclass
class Job:
    key: JobKey
    builds: list[tuple[int, bytes]]  # (seq, the build's JSON), oldest first


# Run ids need to be unique, not secret: uuid4's system call per id would cost a POST more.
_IDS = random.Random()  # seeded from the OS at start-up, and again in a forked child
os.register_at_fork(after_in_child=_IDS.seed)
# One encoder: json.dumps with options builds a new one on every call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def encode(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


@dataclass
class OutcomeChoice:
    """What the next created runs end in. `remaining` None: every run from now on."""

    outcome: str
    remaining: int | None = None
    stage: StageKey | None = None  # None: any stage


def _sort_oldest_first(
    items: list[dict[str, Any]], stamp: Callable[[dict[str, Any]], float]
) -> list[dict[str, Any]]:
    """Oldest first by creation time; among equal times, later in the file counts as older."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (stamp(pair[1]), -pair[0]))
    return [item for _, item in indexed]


def _build_time(build: dict[str, Any]) -> float:
    created = build.get("createdAt")
    return parse_timestamp(created) if isinstance(created, str) else float("-inf")


def _shown(identifier: str, limit: int = 80) -> str:
    """An id as quoted in an error message, shortened when a caller sent something huge."""
    return repr(identifier if len(identifier) <= limit else identifier[:limit] + "...")


class Store:
    """All release flows and jobs, built from a fixture dataset and changed through methods."""

    def __init__(
        self,
        dataset: Dataset,
        clock: Clock,
        durations: lifecycle.Durations | None = None,
        seed: int | None = None,
        default_outcome: str = "success",
    ) -> None:
        self.dataset = dataset
        self.clock = clock
        self.durations = durations or lifecycle.Durations()
        self.seed = seed
        self.default_outcome = default_outcome
        self.reset()

    def reset(self) -> None:
        """Back to the fixtures: created runs, aborts and outcome choices are forgotten."""
        self.created_count = 0
        self.choices: list[OutcomeChoice] = []
        self.dirty: dict[str, tuple[StageKey, RunRecord]] = {}
        self.flows: dict[StageKey, ReleaseFlow] = {}
        self.projects: set[str] = set()
        self.pipelines: set[tuple[str, str]] = set()
        for key, stage in self.dataset.stages.items():
            flow = ReleaseFlow(key, stage.template)
            ordered = _sort_oldest_first(stage.runs, lambda run: parse_timestamp(run["createdAt"]))
            for seq, run in enumerate(ordered, start=1):
                details = run if "spec" in run or "apiVersion" in run else None
                fields = {name: run[name] for name in RUN_FIELDS if name in run}
                flow.add(RunRecord(seq, fields, details=details))
            self.flows[key] = flow
            self.projects.add(key[0])
            self.pipelines.add(key[:2])
        self.jobs: dict[JobKey, Job] = {}
        for job_key, job in self.dataset.jobs.items():
            ordered = _sort_oldest_first(job.builds, _build_time)
            encoded = [encode(build) for build in ordered]
            self.jobs[job_key] = Job(job_key, list(enumerate(encoded, start=1)))
            self.projects.add(job_key[0])

    # Persistence: what changed, and how to lay saved changes over the fixtures.

    def _touch(self, flow: ReleaseFlow, record: RunRecord) -> None:
        self.dirty["/".join(flow.key) + "/" + record.id] = (flow.key, record)

    def take_dirty(self) -> Iterator[tuple[str, StageKey, RunRecord]]:
        dirty, self.dirty = self.dirty, {}
        for key, (stage, record) in dirty.items():
            yield key, stage, record

    def restore(
        self, runs: list[tuple[StageKey, dict[str, Any]]], settings: dict[str, Any]
    ) -> None:
        """Fixtures plus saved runs (created or changed ones) and saved outcome choices."""
        self.reset()
        saved = sorted(runs, key=lambda item: item[1]["seq"])
        for stage, data in saved:
            flow = self.flows.get(stage)
            if flow is None:
                continue  # saved against other fixtures; nothing to lay it over
            existing = flow.by_id.get(data["fields"]["id"])
            if existing is not None:
                record = RunRecord.from_json(data, existing.details)
                index = flow.runs.index(existing)
                flow.runs[index] = record
                flow.by_id[record.id] = record
                flow.live = [r for r in flow.live if r is not existing] + [record]
                flow.queued += record.waiting
            else:
                flow.add(RunRecord.from_json(data, None))
        self.created_count = int(settings.get("created", 0))
        self.choices = [
            OutcomeChoice(c["outcome"], c["remaining"], _stage_key(c["stage"]))
            for c in settings.get("choices", [])
        ]

    def settings(self) -> dict[str, Any]:
        return {
            "created": self.created_count,
            "choices": [
                {"outcome": c.outcome, "remaining": c.remaining, "stage": c.stage}
                for c in self.choices
            ],
        }

    # Lookups that answer the API's 404s.

    def _project(self, project_id: str) -> None:
        if project_id not in self.projects:
            raise ApiError(404, f"Project {_shown(project_id)} not found")

    def flow(self, project_id: str, pipeline_id: str, stage: str) -> ReleaseFlow:
        self._project(project_id)
        if (project_id, pipeline_id) not in self.pipelines:
            raise ApiError(404, f"Pipeline {_shown(pipeline_id)} not found")
        flow = self.flows.get((project_id, pipeline_id, stage))
        if flow is None:
            raise ApiError(404, f"Release flow for stage {_shown(stage)} not found")
        self._settle(flow)
        return flow

    def run(self, flow: ReleaseFlow, run_id: str) -> RunRecord:
        record = flow.by_id.get(run_id)
        if record is None:
            raise ApiError(404, f"Release flow run {_shown(run_id)} not found")
        return record

    def job(self, project_id: str, job_id: str) -> Job:
        self._project(project_id)
        job = self.jobs.get((project_id, job_id))
        if job is None:
            raise ApiError(404, f"Job {_shown(job_id)} not found")
        return job

    # The queue: a waiting run starts when every run before it has concluded.

    def _settle(self, flow: ReleaseFlow) -> None:
        """Plan the start of queued runs whose predecessors have concluded (by now)."""
        if not flow.queued:
            return
        now = self.clock.now()
        for record in flow.live:
            if not record.waiting or not record.timeline:
                continue
            ends = [r.concluded_at() for r in flow.live if r.seq < record.seq]
            known = [end for end in ends if end is not None]
            if len(known) < len(ends):
                return  # still blocked; the runs behind it are blocked too
            queued_at = record.timeline[0][0]
            start = max([queued_at, *known])
            if start > now:
                return
            outcome = record.outcome or "success"
            record.timeline = lifecycle.plan(start, self.durations, outcome, queued_at)
            record.waiting = False
            flow.queued -= 1
            self._touch(flow, record)

    # Operations.

    def list_runs(
        self,
        flow: ReleaseFlow,
        *,
        per_page: int,
        page: int | None,
        cursor: str | None,
        status: str | None,
        concluded: bool | None,
    ) -> tuple[list[bytes], dict[str, Any]]:
        """A page of runs, each as JSON bytes, and its pagination block."""
        now = self.clock.now()

        def keep(record: RunRecord) -> bool:
            fields = record.current(now)
            return (status is None or fields["status"] == status) and (
                concluded is None or fields["concluded"] is concluded
            )

        filtered = keep if status is not None or concluded is not None else None
        result: Page[RunRecord] = paginate(
            flow.runs, _seq, "runs:" + "/".join(flow.key),
            per_page=per_page, page=page, cursor=cursor, keep=filtered,
        )  # fmt: skip
        return RunRecord.encode_all(result.items, now), result.pagination()

    def details_encoded(self, flow: ReleaseFlow, record: RunRecord) -> bytes:
        """details() as JSON bytes, from pieces encoded once where they cannot change; a
        fixture run that can no longer change is encoded once as a whole."""
        if record.timeline is None and record.fields.get("concluded"):
            if record._details is None:
                record._details = encode(self.details(flow, record))
            return record._details
        if record.details is not None:
            return encode(self.details(flow, record))
        now = self.clock.now()
        fields = record.current(now)
        parts = [flow.template_json()]
        arguments = flow.run_arguments(record)
        if arguments is not None:
            parts.append(b'"arguments":' + encode(arguments))
        parts.append(b'"spec":' + flow.tree_json(fields, now, self._progress(record, fields, now)))
        parts.append(encode(fields)[1:-1])
        return b"{" + b",".join(part for part in parts if part) + b"}"

    @staticmethod
    def _progress(record: RunRecord, fields: dict[str, Any], now: float) -> float | None:
        """Where a running or aborted run has got to; a failed run fails half-way (nodes.py)."""
        moving = record.timeline and fields["status"] in ("running", "aborting", "aborted")
        return lifecycle.progress(record.timeline, now) if moving and record.timeline else None

    def details(self, flow: ReleaseFlow, record: RunRecord) -> dict[str, Any]:
        """The run as "get release flow run details" answers it."""
        now = self.clock.now()
        fields = record.current(now)
        if record.details is not None:
            return {**record.details, **fields}
        template = flow.template
        # Shared with the template, not copied: the result is serialised and never changed.
        result: dict[str, Any] = {
            name: template[name] for name in TEMPLATE_FIELDS if name in template
        }
        arguments = flow.run_arguments(record)
        if arguments is not None:
            result["arguments"] = arguments
        result["spec"] = render_tree(
            template["spec"], fields, now, self._progress(record, fields, now)
        )
        result.update(fields)
        return result

    def _next_outcome(self, flow: ReleaseFlow) -> str:
        for choice in self.choices:
            if choice.stage is None or choice.stage == flow.key:
                if choice.remaining is not None:
                    choice.remaining -= 1
                    if choice.remaining <= 0:
                        self.choices.remove(choice)
                return choice.outcome
        return self.default_outcome

    def _new_id(self) -> str:
        self.created_count += 1
        rng = _IDS if self.seed is None else random.Random(f"{self.seed}:{self.created_count}")
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def create_run(self, flow: ReleaseFlow, body: dict[str, Any]) -> RunRecord:
        now = self.clock.now()
        policy = flow.policy
        active = flow.active(now) if policy != "allow" else []
        if active and policy == "forbid":
            raise ApiError(
                409,
                f"The release flow's concurrency policy is `forbid` and run {active[0].id!r} "
                "is still active",
            )
        if active and policy == "replace":
            for other in active:
                self.abort_run(flow, other)
        if active and policy == "latest":
            for other in active:
                if other.waiting and other.timeline:  # a newer run replaces it in the queue
                    other.timeline = [other.timeline[0], (now, "skipped")]
                    other.waiting = False
                    flow.queued -= 1
                    self._touch(flow, other)
        fields: dict[str, Any] = {"id": self._new_id()}
        for name in ("name", "description"):
            if name in body:
                fields[name] = body[name]
        stamp = format_timestamp(now)
        fields.update(concluded=False, createdAt=stamp, updatedAt=stamp)
        outcome = self._next_outcome(flow)
        wait = policy in ("queue", "latest") and bool(flow.active(now))
        record = RunRecord(
            seq=flow.runs[-1].seq + 1 if flow.runs else 1,
            fields=fields,
            timeline=[(now, "queued")] if wait else lifecycle.plan(now, self.durations, outcome),
            arguments=dict(body.get("arguments", {})),
            outcome=outcome,
            waiting=wait,
        )
        flow.add(record)
        self._touch(flow, record)
        return record

    def abort_run(self, flow: ReleaseFlow, record: RunRecord) -> RunRecord:
        now = self.clock.now()
        current = record.current(now)
        if current["concluded"]:
            raise ApiError(
                409,
                f"Release flow run {record.id!r} has already concluded ({current['status']})",
            )
        if current["status"] == "aborting":
            return record  # a second abort of the same run changes nothing
        fields = {k: v for k, v in current.items() if k != "concludedAt"}
        ending = lifecycle.abort_plan(now, self.durations)
        timeline = lifecycle.cut(record.timeline, now, ending) if record.timeline else ending
        flow.queued -= record.waiting
        record.fields, record.timeline, record.waiting = fields, timeline, False
        if record not in flow.live:
            flow.live.append(record)
        self._touch(flow, record)
        return record

    def set_outcome(self, flow: ReleaseFlow, record: RunRecord, outcome: str) -> RunRecord:
        """Change how a created run that has not concluded yet will end."""
        now = self.clock.now()
        current = record.current(now)
        if record.outcome is None or current["concluded"] or current["status"] == "aborting":
            raise ApiError(409, f"Run {record.id!r} is not a created run still in progress")
        record.outcome = outcome
        if not record.waiting and record.timeline:
            steps = [step for _, step in record.timeline]
            running = steps.index("running")
            running_at = record.timeline[running][0]
            record.timeline = record.timeline[: running + 1]
            if outcome != "hold":
                # A run already past its planned end concludes now, not in the past.
                end = max(running_at + self.durations.running, now)
                record.timeline.append((end, outcome))
        self._touch(flow, record)
        return record

    def choose_outcomes(self, choice: OutcomeChoice) -> None:
        if choice.remaining is None:  # a new default replaces earlier open-ended choices
            self.choices = [
                c for c in self.choices if c.remaining is not None or c.stage != choice.stage
            ]
        self.choices.append(choice)

    def list_builds(
        self, job: Job, *, per_page: int, page: int | None, cursor: str | None
    ) -> tuple[list[bytes], dict[str, Any]]:
        """A page of builds, each as JSON bytes, and its pagination block."""
        result = paginate(
            job.builds, lambda entry: entry[0], "builds:" + "/".join(job.key),
            per_page=per_page, page=page, cursor=cursor,
        )  # fmt: skip
        return [build for _, build in result.items], result.pagination()


def _stage_key(value: list[str] | None) -> StageKey | None:
    return (value[0], value[1], value[2]) if value else None


def _seq(record: RunRecord) -> int:
    return record.seq

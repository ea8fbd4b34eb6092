"""The mock's data: release flows and jobs built from a fixture dataset, changed through methods.

Reads never change anything. Queued runs start when the runs before them conclude, which is
only noticed when someone looks: callers take that step explicitly with `start_due_runs(flow)`
before they read a flow. Every change marks the runs it touched dirty, for persistence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..domain import lifecycle
from ..domain.clock import Clock, format_timestamp, parse_timestamp
from ..domain.pagination import Page, page_start, paginate
from ..errors import ApiError
from . import rendering
from .encoding import encode
from .fixtures import Dataset, JobKey, StageFixture, StageKey, oldest_first
from .flows import ReleaseFlow, RunRecord
from .ids import RunIds
from .jobs import Job
from .outcomes import OutcomeChoice, Outcomes
from .runindex import RunIndex

# The fields every run created through the API has: create_run writes them, and
# lifecycle.apply keeps them current. name, description, startedAt and concludedAt come and go.
CREATED_RUN_FIELDS = frozenset({"id", "status", "concluded", "createdAt", "updatedAt"})


class Store:
    """All release flows and jobs of one mock."""

    def __init__(
        self,
        dataset: Dataset,
        clock: Clock,
        durations: lifecycle.Durations | None = None,
        seed: int | None = None,
        default_outcome: str = "success",
        *,
        max_argument_bytes: int | None = None,
    ) -> None:
        self.dataset = dataset
        self.clock = clock
        self.durations = durations or lifecycle.Durations()
        self.seed = seed
        self.default_outcome = default_outcome
        self.max_argument_bytes = max_argument_bytes
        self.reset()

    def reset(self, dataset: Dataset | None = None) -> None:
        """Back to the fixtures (`dataset`'s, when given): created runs, aborts and outcome
        choices are forgotten."""
        if dataset is not None:
            self.dataset = dataset
        self.ids = RunIds(self.seed)
        self.outcomes = Outcomes(self.default_outcome)
        self.dirty: dict[str, tuple[StageKey, RunRecord]] = {}
        self.flows: dict[StageKey, ReleaseFlow] = {}
        self.projects: set[str] = set()
        self.pipelines: set[tuple[str, str]] = set()
        for key, stage in self.dataset.stages.items():
            flow = self._flow_from_fixture(key, stage)
            self.flows[key] = flow
            self.projects.add(key[0])
            self.pipelines.add(key[:2])
        self.jobs: dict[JobKey, Job] = {}
        for job_key, job in self.dataset.jobs.items():
            self.jobs[job_key] = Job.from_fixture(job_key, job)
            self.projects.add(job_key[0])

    def _flow_from_fixture(self, key: StageKey, stage: StageFixture) -> ReleaseFlow:
        """A stage's release flow as its fixture gives it, served as the spec says (fields.py)."""
        served = self.dataset.fields
        flow = ReleaseFlow(key, stage.template, served.template_fields(stage.template))
        ordered = oldest_first(stage.runs, lambda run: parse_timestamp(run["createdAt"]))
        for seq, run in enumerate(ordered, start=1):
            details = run if served.is_details(run) else None
            flow.add(RunRecord(seq, served.list_fields(run), details=details))
        return flow

    def required_fields_created_runs_lack(self) -> list[str]:
        """Fields the spec requires of every run that runs created through the API cannot have:
        a field added to the spec as required, which only fixtures can give."""
        return sorted(self.dataset.fields.run.required - CREATED_RUN_FIELDS)

    # Lookups: the API's 404s. They change nothing.

    def flow(
        self, project_id: str, pipeline_id: str, stage: str, team_id: str | None = None
    ) -> ReleaseFlow:
        self._project(project_id, team_id)
        if (project_id, pipeline_id) not in self.pipelines:
            raise ApiError(404, f"Pipeline {_shown(pipeline_id)} not found")
        flow = self.flows.get((project_id, pipeline_id, stage))
        if flow is None:
            raise ApiError(404, f"Release flow for stage {_shown(stage)} not found")
        return flow

    def run(self, flow: ReleaseFlow, run_id: str) -> RunRecord:
        record = flow.by_id.get(run_id)
        if record is None:
            raise ApiError(404, f"Release flow run {_shown(run_id)} not found")
        return record

    def find_run(self, run_id: str) -> tuple[ReleaseFlow, RunRecord]:
        """The run with this id in whichever flow holds it."""
        for flow in self.flows.values():
            record = flow.by_id.get(run_id)
            if record is not None:
                return flow, record
        raise ApiError(404, f"Release flow run {_shown(run_id)} not found")

    def job(self, project_id: str, job_id: str, team_id: str | None = None) -> Job:
        self._project(project_id, team_id)
        job = self.jobs.get((project_id, job_id))
        if job is None:
            raise ApiError(404, f"Job {_shown(job_id)} not found")
        return job

    def _project(self, project_id: str, team_id: str | None = None) -> None:
        """404 unless the project exists, and is in team `team_id` when a route names one."""
        if team_id is not None and team_id not in self.dataset.team_ids:
            raise ApiError(404, f"Team {_shown(team_id)} not found")
        if project_id not in self.projects or (
            team_id is not None and self.team_of(project_id) != team_id
        ):
            raise ApiError(404, f"Project {_shown(project_id)} not found")

    def team_of(self, project_id: str) -> str | None:
        """The team a project belongs to; None for a project the fixtures do not have."""
        return self.dataset.teams.get(project_id)

    def counts(self) -> dict[str, int]:
        """What is loaded, for the health endpoint."""
        return {
            "releaseFlows": len(self.flows),
            "runs": sum(len(flow.runs) for flow in self.flows.values()),
            "jobs": len(self.jobs),
            "builds": sum(len(job.builds) for job in self.jobs.values()),
        }

    # The queue: the one change a read of a flow must be preceded by.

    def start_due_runs(self, flow: ReleaseFlow) -> None:
        """Start the queued runs of `flow` whose turn has come by now."""
        if not flow.queued:
            return
        for record in flow.start_due_runs(self.clock.now(), self.durations):
            self._touch(flow, record)

    # Reads.

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
        """A page of runs, newest first, each as JSON bytes, and its pagination block."""
        now = self.clock.now()
        scope = "runs:" + "/".join(flow.key)
        if status is None and concluded is None:
            result: Page[RunRecord] = paginate(
                flow.runs, _seq, scope, per_page=per_page, page=page, cursor=cursor
            )
        else:
            start, skip = page_start(flow.runs, _seq, scope, per_page, page, cursor)
            if flow.index is None:
                flow.index = RunIndex(flow.runs, now)
            taken = flow.index.newest(start, skip, per_page + 1, status, concluded, now)
            result = Page.of(taken, per_page, scope, _seq)
        return rendering.runs_json(result.items, now), result.pagination()

    def details(self, flow: ReleaseFlow, record: RunRecord) -> dict[str, Any]:
        """The run as "get release flow run details" answers it."""
        return rendering.details(flow, record, self.clock.now())

    def details_json(self, flow: ReleaseFlow, record: RunRecord) -> bytes:
        """details() as JSON bytes."""
        return rendering.details_json(flow, record, self.clock.now())

    def list_builds(
        self, job: Job, *, per_page: int, page: int | None, cursor: str | None
    ) -> tuple[list[bytes], dict[str, Any]]:
        """A page of builds, newest first, each as JSON bytes, and its pagination block."""
        return job.page(per_page=per_page, page=page, cursor=cursor)

    def outcome_choices(self) -> dict[str, Any]:
        """How created runs end, as the control endpoints show it."""
        return {"default": self.outcomes.default, "choices": self.outcomes.dump()}

    # Changes.

    def create_run(self, flow: ReleaseFlow, body: dict[str, Any]) -> RunRecord:
        arguments = dict(body.get("arguments", {}))
        self._check_arguments(arguments)
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
        fields: dict[str, Any] = {"id": self.ids.next()}
        for name in ("name", "description"):
            if name in body:
                fields[name] = body[name]
        stamp = format_timestamp(now)
        fields.update(concluded=False, createdAt=stamp, updatedAt=stamp)
        outcome = self.outcomes.next(flow.key)
        wait = policy in ("queue", "latest") and bool(flow.active(now))
        record = RunRecord(
            seq=flow.next_seq,
            fields=fields,
            timeline=[(now, "queued")] if wait else lifecycle.plan(now, self.durations, outcome),
            arguments=arguments,
            outcome=outcome,
            waiting=wait,
        )
        flow.add(record)
        self._touch(flow, record)
        return record

    def _check_arguments(self, arguments: dict[str, Any]) -> None:
        """A created run keeps its arguments as long as the mock runs: 413 past the limit."""
        limit = self.max_argument_bytes
        if limit is None or not arguments:
            return
        # Most arguments are a few strings: when even six bytes a character (a `\u0001`
        # escape) would fit, there is no need to encode them to know.
        chars = 2
        for name, value in arguments.items():
            if type(value) is not str:
                chars = limit
                break
            chars += len(name) + len(value) + 6
        if chars * 6 <= limit:
            return
        size = len(encode(arguments))
        if size > limit:
            raise ApiError(
                413,
                f"`arguments` take {size} bytes as JSON; the mock keeps at most {limit} per run "
                "(--max-argument-bytes)",
            )

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
        self.outcomes.choose(choice)

    def clear_outcomes(self) -> None:
        self.outcomes.clear()

    # Persistence: what changed, and how to lay saved changes over the fixtures.

    def _touch(self, flow: ReleaseFlow, record: RunRecord) -> None:
        self.dirty["/".join(flow.key) + "/" + record.id] = (flow.key, record)
        if flow.index is not None:
            flow.index.update(record, self.clock.now())

    def take_dirty(self) -> Iterator[tuple[str, StageKey, RunRecord]]:
        dirty, self.dirty = self.dirty, {}
        for key, (stage, record) in dirty.items():
            yield key, stage, record

    def forget_dirty(self) -> None:
        """Memory is the state: nothing will save the changes."""
        self.dirty.clear()

    def restore(
        self, runs: list[tuple[StageKey, dict[str, Any]]], settings: dict[str, Any]
    ) -> None:
        """Fixtures plus saved runs (created or changed ones) and saved outcome choices."""
        self.reset()
        for stage, data in sorted(runs, key=lambda item: item[1]["seq"]):
            flow = self.flows.get(stage)
            if flow is None:
                continue  # saved against other fixtures; nothing to lay it over
            existing = flow.by_id.get(data["fields"]["id"])
            if existing is not None:
                flow.replace(existing, RunRecord.from_json(data, existing.details))
            else:
                flow.add(RunRecord.from_json(data, None))
        self.ids.issued = int(settings.get("created", 0))
        self.outcomes.load(settings.get("choices", []))

    def settings(self) -> dict[str, Any]:
        return {"created": self.ids.issued, "choices": self.outcomes.dump()}


def _shown(identifier: str, limit: int = 80) -> str:
    """An id as quoted in an error message, shortened when a caller sent something huge."""
    return repr(identifier if len(identifier) <= limit else identifier[:limit] + "...")


def _seq(record: RunRecord) -> int:
    return record.seq

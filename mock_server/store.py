"""The mock's state: release flows with their runs, and jobs with their builds.

Fixture runs are served as the fixtures give them until something happens to them (an abort);
runs created through the API follow a timeline (lifecycle.py). Each list is kept in ascending
sequence order, so newest-first pages and cursors are cheap at any size (pagination.py).
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Callable
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


@dataclass
class RunRecord:
    """One run. `fields` are its list fields as given or as created; `timeline`, when set,
    overrides their status and times (lifecycle.apply)."""

    seq: int
    fields: dict[str, Any]
    timeline: lifecycle.Timeline | None = None
    details: dict[str, Any] | None = None  # a fixture's full details, served as given
    arguments: dict[str, Any] | None = None
    overrides: dict[str, Any] | None = None

    @property
    def id(self) -> str:
        return str(self.fields["id"])

    def current(self, now: float) -> dict[str, Any]:
        if self.timeline is None:
            return self.fields
        return lifecycle.apply(self.fields, self.timeline, now)


@dataclass
class ReleaseFlow:
    key: StageKey
    template: dict[str, Any]
    runs: list[RunRecord] = field(default_factory=list)  # ascending seq
    by_id: dict[str, RunRecord] = field(default_factory=dict)

    def add(self, record: RunRecord) -> None:
        self.runs.append(record)
        self.by_id[record.id] = record


@dataclass
class Job:
    key: JobKey
    builds: list[tuple[int, dict[str, Any]]]  # (seq, build), oldest first


def _sort_newest_last(
    items: list[dict[str, Any]], stamp: Callable[[dict[str, Any]], float]
) -> list[dict[str, Any]]:
    """Oldest first by creation time; among equal times, later in the file counts as older."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (stamp(pair[1]), -pair[0]))
    return [item for _, item in indexed]


def _build_time(build: dict[str, Any]) -> float:
    created = build.get("createdAt")
    return parse_timestamp(created) if isinstance(created, str) else float("-inf")


class Store:
    """All state, built from a fixture dataset and changed only through its methods."""

    def __init__(
        self,
        dataset: Dataset,
        clock: Clock,
        durations: lifecycle.Durations | None = None,
        seed: int | None = None,
    ) -> None:
        self.dataset = dataset
        self.clock = clock
        self.durations = durations or lifecycle.Durations()
        self.seed = seed
        self.reset()

    def reset(self) -> None:
        """Back to the fixtures: created runs and aborts are forgotten."""
        self._random = random.Random(self.seed)
        self.flows: dict[StageKey, ReleaseFlow] = {}
        self.projects: set[str] = set()
        self.pipelines: set[tuple[str, str]] = set()
        for key, stage in self.dataset.stages.items():
            flow = ReleaseFlow(key, stage.template)
            ordered = _sort_newest_last(stage.runs, lambda run: parse_timestamp(run["createdAt"]))
            for seq, run in enumerate(ordered, start=1):
                details = run if "spec" in run or "apiVersion" in run else None
                fields = {name: run[name] for name in RUN_FIELDS if name in run}
                flow.add(RunRecord(seq, fields, details=details))
            self.flows[key] = flow
            self.projects.add(key[0])
            self.pipelines.add(key[:2])
        self.jobs: dict[JobKey, Job] = {}
        for job_key, job in self.dataset.jobs.items():
            ordered = _sort_newest_last(job.builds, _build_time)
            self.jobs[job_key] = Job(job_key, list(enumerate(ordered, start=1)))
            self.projects.add(job_key[0])

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
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
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
        return [record.current(now) for record in result.items], result.pagination()

    def details(self, flow: ReleaseFlow, record: RunRecord) -> dict[str, Any]:
        """The run as "get release flow run details" answers it."""
        now = self.clock.now()
        fields = record.current(now)
        if record.details is not None:
            return {**record.details, **fields}
        template = flow.template
        result: dict[str, Any] = {
            name: copy.deepcopy(template[name]) for name in TEMPLATE_FIELDS if name in template
        }
        arguments = {**template.get("arguments", {}), **(record.arguments or {})}
        if arguments:
            result["arguments"] = arguments
        result["spec"] = render_tree(template["spec"], fields, now)
        result.update(fields)
        return result

    def create_run(self, flow: ReleaseFlow, body: dict[str, Any]) -> RunRecord:
        now = self.clock.now()
        run_id = str(uuid.UUID(int=self._random.getrandbits(128), version=4))
        fields: dict[str, Any] = {"id": run_id}
        for name in ("name", "description"):
            if name in body:
                fields[name] = body[name]
        stamp = format_timestamp(now)
        fields.update(status="pending", concluded=False, createdAt=stamp, updatedAt=stamp)
        timeline = lifecycle.plan(now, self.durations, "success")
        record = RunRecord(
            seq=_seq(flow.runs[-1]) + 1 if flow.runs else 1,
            fields=fields,
            timeline=timeline,
            arguments=dict(body.get("arguments", {})),
            overrides=body.get("overrides"),
        )
        flow.add(record)
        return record

    def abort_run(self, record: RunRecord) -> RunRecord:
        now = self.clock.now()
        current = record.current(now)
        if current["concluded"]:
            raise ApiError(
                409, f"Release flow run {record.id!r} has already concluded ({current['status']})"
            )
        if current["status"] == "aborting":
            return record  # a second abort of the same run changes nothing
        fields = dict(current)
        fields.pop("concludedAt", None)
        record.fields = fields
        record.timeline = [*lifecycle.abort_plan(now, self.durations)]
        return record

    def list_builds(
        self, job: Job, *, per_page: int, page: int | None, cursor: str | None
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        result = paginate(
            job.builds, lambda entry: entry[0], "builds:" + "/".join(job.key),
            per_page=per_page, page=page, cursor=cursor,
        )  # fmt: skip
        return [build for _, build in result.items], result.pagination()


def _shown(identifier: str, limit: int = 80) -> str:
    """An id as quoted in an error message, shortened when a caller sent something huge."""
    return repr(identifier if len(identifier) <= limit else identifier[:limit] + "...")


def _seq(record: RunRecord) -> int:
    return record.seq

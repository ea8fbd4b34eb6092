"""Load and validate a fixture folder: the data the mock serves.

The folder mirrors the API's paths, so a user's own data goes where its URL is:

    projects/<projectId>/pipelines/<pipelineId>/release-flows/<stage>/template.json
        the release flow's template (schema ReleaseFlowTemplate)
    projects/<projectId>/pipelines/<pipelineId>/release-flows/<stage>/runs.json
        a JSON array of runs, any order; each is a ReleaseFlowRun (details are then derived
        from the stage's template) or a full ReleaseFlowRunDetails (served as it is)
    projects/<projectId>/jobs/<jobId>/builds.json
        a JSON array of JobBuild, any order

Every file is checked against its schema in the spec; the first file that does not match stops
the mock with its path and every offending field. Symbolic links are followed only while they
stay inside the folder: one that leads out of it stops the mock too, rather than serve a file
from elsewhere. Timestamps written as on Northflank's reference
pages (`2021-01-01 12:01:00.000Z`) are accepted and served in RFC 3339 form (formats.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError

from ..formats import with_rfc3339_separator
from ..jsonparse import FILE_MAX_DEPTH, JsonRefused, parse
from ..spec import component_validator, fast_component_check, resolve

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "default"

StageKey = tuple[str, str, str]
JobKey = tuple[str, str]


class FixtureError(Exception):
    """A fixture file that cannot be served, with the file and the offending fields."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        listed = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"invalid fixture {path}:\n{listed}")


@dataclass(frozen=True)
class StageFixture:
    """One stage's release flow: its template and its runs."""

    project_id: str
    pipeline_id: str
    stage: str
    template: dict[str, Any]
    runs: list[dict[str, Any]]


@dataclass(frozen=True)
class JobFixture:
    """One job and its builds."""

    project_id: str
    job_id: str
    builds: list[dict[str, Any]]


@dataclass(frozen=True)
class Dataset:
    """Everything a fixture folder holds."""

    stages: dict[StageKey, StageFixture] = field(default_factory=dict)
    jobs: dict[JobKey, JobFixture] = field(default_factory=dict)


def oldest_first(
    items: list[dict[str, Any]], stamp: Callable[[dict[str, Any]], float]
) -> list[dict[str, Any]]:
    """A fixture file's items oldest first by `stamp`; among equal times, later in the file
    counts as older."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda pair: (stamp(pair[1]), -pair[0]))
    return [item for _, item in indexed]


def _field_path(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> str:
    """`[3].spec.steps[0].kind`: where in the file the error is, down to a missing property."""
    parts: list[str | int] = [*prefix, *error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        parts += [name for name in error.validator_value if name not in error.instance][:1]
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)
    return path.lstrip(".") or "(top level)"


def _read_json(path: Path, root: Path) -> Any:
    _check_inside(path, root)
    try:
        return parse(path.read_bytes(), max_depth=FILE_MAX_DEPTH)
    except JsonRefused as exc:
        where = f"{exc.path}: " if exc.path else ""
        raise FixtureError(path, [f"{where}not JSON the mock can serve: {exc.reason}"]) from None
    except OSError as exc:
        raise FixtureError(path, [f"cannot read: {exc.strerror or exc}"]) from None


def _check_inside(path: Path, root: Path) -> None:
    """Refuse a path that a symbolic link leads out of the fixture folder (`root`, resolved)."""
    if not path.resolve().is_relative_to(root):
        raise FixtureError(
            path, [f"leads outside the fixture folder {root} (a symbolic link): refused"]
        )


def _check(path: Path, document: Any, schema: str, where: tuple[str | int, ...] = ()) -> None:
    if fast_component_check(schema)(document):
        return
    errors = sorted(
        component_validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path)
    )
    if errors:
        raise FixtureError(
            path,
            [f"{_field_path(error, where)}: {error.message} (schema {schema})" for error in errors],
        )


@functools.cache
def _date_time_fields(schema: str) -> frozenset[str]:
    """The top-level properties of a component schema (its `allOf` parts too) that are
    date-times."""
    fields: set[str] = set()
    pending = [resolve({"$ref": f"#/components/schemas/{schema}"})]
    while pending:
        node = pending.pop()
        pending.extend(resolve(part) for part in node.get("allOf", []))
        for name, prop in node.get("properties", {}).items():
            if resolve(prop).get("format") == "date-time":
                fields.add(name)
    return frozenset(fields)


def _with_rfc3339_timestamps(item: Any, schema: str) -> Any:
    if not isinstance(item, dict):
        return item
    return {
        key: with_rfc3339_separator(value) if key in _date_time_fields(schema) else value
        for key, value in item.items()
    }


def _read_array(
    path: Path, root: Path, item_schema: str, choose_schema: Any = None
) -> list[dict[str, Any]]:
    items = _read_json(path, root)
    if not isinstance(items, list):
        raise FixtureError(path, [f"(top level): expected a JSON array of {item_schema}"])
    seen: set[str] = set()
    for index, item in enumerate(items):
        schema = choose_schema(item) if choose_schema else item_schema
        item = items[index] = _with_rfc3339_timestamps(item, schema)
        _check(path, item, schema, where=(index,))
        if item["id"] in seen:
            raise FixtureError(path, [f"[{index}].id: duplicate id {item['id']!r}"])
        seen.add(item["id"])
    return items


def _run_schema(run: Any) -> str:
    is_details = isinstance(run, dict) and ("apiVersion" in run or "spec" in run)
    return "ReleaseFlowRunDetails" if is_details else "ReleaseFlowRun"


def _subdirectories(path: Path, root: Path) -> list[Path]:
    children = sorted(child for child in path.iterdir() if child.is_dir())
    for child in children:
        _check_inside(child, root)
    return children


def _load_stage(project: str, pipeline: str, stage_dir: Path, root: Path) -> StageFixture:
    template_path = stage_dir / "template.json"
    if not template_path.is_file():
        raise FixtureError(template_path, ["missing: every release flow needs its template"])
    template = _read_json(template_path, root)
    _check(template_path, template, "ReleaseFlowTemplate")
    runs_path = stage_dir / "runs.json"
    runs = _read_array(runs_path, root, "ReleaseFlowRun", _run_schema) if runs_path.exists() else []
    _reject_strays(stage_dir, {"template.json", "runs.json"})
    return StageFixture(project, pipeline, stage_dir.name, template, runs)


def _reject_strays(folder: Path, expected: set[str]) -> None:
    """A misspelt file would otherwise be ignored without a word."""
    for child in folder.iterdir():
        if child.name not in expected and not child.name.startswith("."):
            raise FixtureError(child, [f"unexpected entry; expected only {sorted(expected)}"])


def load_dataset(root: Path = DEFAULT_FIXTURES) -> Dataset:
    """Read and validate every fixture under `root`."""
    projects = root / "projects"
    if not projects.is_dir():
        raise FixtureError(
            root, ["no projects/ folder: see mock_server/storage/fixtures.py for the layout"]
        )
    real = root.resolve()
    _check_inside(projects, real)
    dataset = Dataset()
    for project_dir in _subdirectories(projects, real):
        project = project_dir.name
        _reject_strays(project_dir, {"pipelines", "jobs"})
        pipelines = project_dir / "pipelines"
        for pipeline_dir in _subdirectories(pipelines, real) if pipelines.is_dir() else []:
            _reject_strays(pipeline_dir, {"release-flows"})
            flows = pipeline_dir / "release-flows"
            for stage_dir in _subdirectories(flows, real) if flows.is_dir() else []:
                stage = _load_stage(project, pipeline_dir.name, stage_dir, real)
                dataset.stages[(project, pipeline_dir.name, stage.stage)] = stage
        jobs = project_dir / "jobs"
        for job_dir in _subdirectories(jobs, real) if jobs.is_dir() else []:
            builds_path = job_dir / "builds.json"
            builds = _read_array(builds_path, real, "JobBuild") if builds_path.exists() else []
            _reject_strays(job_dir, {"builds.json"})
            dataset.jobs[(project, job_dir.name)] = JobFixture(project, job_dir.name, builds)
    if not dataset.stages and not dataset.jobs:
        raise FixtureError(root, ["no release flows and no jobs found"])
    return dataset

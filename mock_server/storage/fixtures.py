"""Load and validate a fixture folder: the data the mock serves.

The folder mirrors the API's paths, so a user's own data goes where its URL is:

    projects/<projectId>/pipelines/<pipelineId>/release-flows/<stage>/template.json
        the release flow's template (schema ReleaseFlowTemplate)
    projects/<projectId>/pipelines/<pipelineId>/release-flows/<stage>/runs.json
        a JSON array of runs, any order; each is a ReleaseFlowRun (details are then derived
        from the stage's template) or a full ReleaseFlowRunDetails (served as it is)
    projects/<projectId>/jobs/<jobId>/builds.json
        a JSON array of JobBuild, any order

Every project belongs to a team, which team-scoped routes (`/v1/teams/<teamId>/projects/...`)
name. The projects under `projects/` belong to the team `demo-team`; those of other teams go
under `teams/<teamId>/projects/<projectId>/...`, laid out as above. A project id is unique
across teams, as project-scoped routes name no team.

Every file is checked against its schema in the spec the mock serves; the first file that does
not match stops the mock with its path and every offending field. Which of a file's fields are
served where is read from the same schemas (fields.py). Symbolic links are followed only while
they stay inside the folder: one that leads out of it stops the mock too, rather than serve a
file from elsewhere. Timestamps written as on Northflank's reference pages
(`2021-01-01 12:01:00.000Z`) are accepted and served in RFC 3339 form (formats.py).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError

from ..formats import with_rfc3339_separator
from ..jsonparse import FILE_MAX_DEPTH, JsonRefused, parse
from ..spec import SPEC_PATH, component_validator, fast_component_check, load_spec, resolve
from .fields import BUILD_SCHEMA, DETAILS_SCHEMA, RUN_SCHEMA, TEMPLATE_SCHEMA, ServedFields

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "default"
DEFAULT_TEAM = "demo-team"  # the team of the projects under projects/

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
    """Everything a fixture folder holds, and which of its fields the spec it was checked
    against serves where."""

    stages: dict[StageKey, StageFixture] = field(default_factory=dict)
    jobs: dict[JobKey, JobFixture] = field(default_factory=dict)
    fields: ServedFields = field(default_factory=ServedFields.from_spec)
    teams: dict[str, str] = field(default_factory=dict)  # project id -> its team's id
    team_ids: set[str] = field(default_factory=set)  # every team, those without projects too


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


def _check(
    path: Path, document: Any, schema: str, spec: Path, where: tuple[str | int, ...] = ()
) -> None:
    if fast_component_check(schema, spec)(document):
        return
    errors = sorted(
        component_validator(schema, spec).iter_errors(document),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        raise FixtureError(
            path,
            [f"{_field_path(error, where)}: {error.message} (schema {schema})" for error in errors],
        )


@functools.cache
def _date_time_fields(schema: str, spec_path: Path) -> frozenset[str]:
    """The top-level properties of a component schema (its `allOf` parts too) that are
    date-times."""
    spec = load_spec(spec_path)
    fields: set[str] = set()
    pending = [resolve({"$ref": f"#/components/schemas/{schema}"}, spec)]
    while pending:
        node = pending.pop()
        pending.extend(resolve(part, spec) for part in node.get("allOf", []))
        for name, prop in node.get("properties", {}).items():
            if resolve(prop, spec).get("format") == "date-time":
                fields.add(name)
    return frozenset(fields)


def _with_rfc3339_timestamps(item: Any, schema: str, spec: Path) -> Any:
    if not isinstance(item, dict):
        return item
    stamps = _date_time_fields(schema, spec)
    return {
        key: with_rfc3339_separator(value) if key in stamps else value
        for key, value in item.items()
    }


def _read_array(
    path: Path,
    root: Path,
    item_schema: str,
    spec: Path,
    choose_schema: Callable[[Any], str] | None = None,
) -> list[dict[str, Any]]:
    items = _read_json(path, root)
    if not isinstance(items, list):
        raise FixtureError(path, [f"(top level): expected a JSON array of {item_schema}"])
    seen: set[str] = set()
    for index, item in enumerate(items):
        schema = choose_schema(item) if choose_schema else item_schema
        item = items[index] = _with_rfc3339_timestamps(item, schema, spec)
        _check(path, item, schema, spec, where=(index,))
        if item["id"] in seen:
            raise FixtureError(path, [f"[{index}].id: duplicate id {item['id']!r}"])
        seen.add(item["id"])
    return items


def _subdirectories(path: Path, root: Path) -> list[Path]:
    children = sorted(child for child in path.iterdir() if child.is_dir())
    for child in children:
        _check_inside(child, root)
    return children


def _load_stage(
    project: str, pipeline: str, stage_dir: Path, root: Path, spec: Path, fields: ServedFields
) -> StageFixture:
    template_path = stage_dir / "template.json"
    if not template_path.is_file():
        raise FixtureError(template_path, ["missing: every release flow needs its template"])
    template = _read_json(template_path, root)
    _check(template_path, template, TEMPLATE_SCHEMA, spec)
    misplaced = fields.run_fields_in_template(template)
    if misplaced:
        raise FixtureError(
            template_path,
            [f"{name}: a field of a run ({RUN_SCHEMA}), not of a template" for name in misplaced],
        )

    def run_schema(run: Any) -> str:
        return DETAILS_SCHEMA if fields.is_details(run) else RUN_SCHEMA

    runs_path = stage_dir / "runs.json"
    runs = _read_array(runs_path, root, RUN_SCHEMA, spec, run_schema) if runs_path.exists() else []
    _reject_strays(stage_dir, {"template.json", "runs.json"})
    return StageFixture(project, pipeline, stage_dir.name, template, runs)


def _reject_strays(folder: Path, expected: set[str]) -> None:
    """A misspelt file would otherwise be ignored without a word."""
    for child in folder.iterdir():
        if child.name not in expected and not child.name.startswith("."):
            raise FixtureError(child, [f"unexpected entry; expected only {sorted(expected)}"])


def load_dataset(root: Path = DEFAULT_FIXTURES, spec: Path = SPEC_PATH) -> Dataset:
    """Read every fixture under `root` and check it against the spec at `spec`."""
    projects, teams = root / "projects", root / "teams"
    if not projects.is_dir() and not teams.is_dir():
        raise FixtureError(
            root,
            [
                "no projects/ folder (nor teams/<teamId>/projects/): see "
                "mock_server/storage/fixtures.py for the layout"
            ],
        )
    real = root.resolve()
    dataset = Dataset(fields=ServedFields.from_spec(spec))
    if projects.is_dir():
        _check_inside(projects, real)
        _load_team(dataset, DEFAULT_TEAM, projects, real, spec)
    if teams.is_dir():
        _check_inside(teams, real)
    for team_dir in _subdirectories(teams, real) if teams.is_dir() else []:
        _reject_strays(team_dir, {"projects"})
        team_projects = team_dir / "projects"
        dataset.team_ids.add(team_dir.name)
        if team_projects.is_dir():
            _check_inside(team_projects, real)
            _load_team(dataset, team_dir.name, team_projects, real, spec)
    if not dataset.stages and not dataset.jobs:
        raise FixtureError(root, ["no release flows and no jobs found"])
    return dataset


def _load_team(dataset: Dataset, team: str, projects: Path, real: Path, spec: Path) -> None:
    """The projects of one team: those in the folder `projects` (`real`: the fixture folder,
    resolved)."""
    dataset.team_ids.add(team)
    for project_dir in _subdirectories(projects, real):
        project = project_dir.name
        if project in dataset.teams:
            raise FixtureError(
                project_dir,
                [
                    f"project {project!r} is also in team {dataset.teams[project]!r}: a project "
                    "id names one project, whichever team it is in"
                ],
            )
        dataset.teams[project] = team
        _reject_strays(project_dir, {"pipelines", "jobs"})
        pipelines = project_dir / "pipelines"
        for pipeline_dir in _subdirectories(pipelines, real) if pipelines.is_dir() else []:
            _reject_strays(pipeline_dir, {"release-flows"})
            flows = pipeline_dir / "release-flows"
            for stage_dir in _subdirectories(flows, real) if flows.is_dir() else []:
                stage = _load_stage(
                    project, pipeline_dir.name, stage_dir, real, spec, dataset.fields
                )
                dataset.stages[(project, pipeline_dir.name, stage.stage)] = stage
        jobs = project_dir / "jobs"
        for job_dir in _subdirectories(jobs, real) if jobs.is_dir() else []:
            builds_path = job_dir / "builds.json"
            builds = (
                _read_array(builds_path, real, BUILD_SCHEMA, spec) if builds_path.exists() else []
            )
            _reject_strays(job_dir, {"builds.json"})
            dataset.jobs[(project, job_dir.name)] = JobFixture(project, job_dir.name, builds)


class FixtureFolder:
    """A fixture folder and the dataset last read from it. `reload()` reads it again when its
    files changed; a folder that no longer validates leaves the dataset as it was."""

    def __init__(self, root: Path = DEFAULT_FIXTURES, spec: Path = SPEC_PATH) -> None:
        self.root = root
        self.spec = spec
        self.version = folder_version(root)
        self.dataset = load_dataset(root, spec)

    def reload(self) -> bool:
        """Read the folder again if its files changed since the last read: True when they had.
        Raises FixtureError, keeping the current dataset, when the new files do not validate."""
        version = folder_version(self.root)  # before reading: an edit during the read shows next
        if version == self.version:
            return False
        self.dataset = load_dataset(self.root, self.spec)
        self.version = version
        return True


FIXTURE_TREES = ("projects", "teams")
"""The folders of a fixture folder that `load_dataset` reads; nothing else in it is a fixture."""


def folder_version(root: Path) -> str:
    """A digest of every file's name and content under `root`'s projects/ and teams/, the
    fixtures `load_dataset` reads: not the rest of the folder, which may be a home directory
    given by mistake (it is refused at once, not read first). Content, not modification times:
    two edits within the file system's timestamp granularity must still differ."""
    digest = hashlib.blake2b(digest_size=16)
    trees = [root / name for name in FIXTURE_TREES if (root / name).is_dir()]
    for path in sorted(path for tree in trees for path in tree.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            with path.open("rb") as file:
                while chunk := file.read(1 << 20):
                    digest.update(chunk)
            digest.update(b"\0")
    return digest.hexdigest()

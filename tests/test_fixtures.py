"""The default dataset: valid against the spec, deterministic, with the pages' examples verbatim."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mock_server.formats import is_date_time
from mock_server.spec import load_spec
from mock_server.storage.fixtures import DEFAULT_FIXTURES, FixtureError, load_dataset
from scripts import make_fixtures
from tests.readme_blocks import section

STAGES = ("development", "staging", "production")
STAGE_DIR = Path("projects/demo-project/pipelines/demo-pipeline/release-flows")
BUILDS = Path("projects/demo-project/jobs/demo-job/builds.json")


def example(name: str) -> Any:
    return load_spec()["components"]["examples"][name]["value"]


def test_default_dataset_validates_and_has_the_documented_ids() -> None:
    dataset = load_dataset()
    assert set(dataset.stages) == {("demo-project", "demo-pipeline", s) for s in STAGES}
    assert set(dataset.jobs) == {("demo-project", "demo-job")}


def test_enough_runs_and_builds_for_pagination_to_have_work() -> None:
    dataset = load_dataset()
    runs = [run for stage in dataset.stages.values() for run in stage.runs]
    assert len(runs) >= 120
    assert len({run["id"] for run in runs}) == len(runs)
    statuses = Counter(run["status"] for run in runs)
    assert {"success", "failure", "aborted", "running", "pending"} <= set(statuses)
    assert all(len(stage.runs) >= 30 for stage in dataset.stages.values())
    builds = dataset.jobs[("demo-project", "demo-job")].builds
    assert len(builds) >= 120
    assert len({b["status"] for b in builds}) >= 4


def test_concurrency_policies_differ_by_stage() -> None:
    dataset = load_dataset()
    policies = {
        key[2]: stage.template["options"]["concurrencyPolicy"]
        for key, stage in dataset.stages.items()
    }
    assert policies == {"development": "allow", "staging": "queue", "production": "forbid"}


def test_reference_examples_are_kept_verbatim() -> None:
    dataset = load_dataset()
    development = dataset.stages[("demo-project", "demo-pipeline", "development")]
    by_id = {run["id"]: run for run in development.runs}
    assert by_id["110ddb52-bdcd-482d-8ac2-05ba580afe2f"] == example("ReleaseFlowRunDetails")["data"]
    listed = example("ReleaseFlowRunList")["data"]["runs"][0]
    assert {k: by_id[listed["id"]][k] for k in listed} == listed
    builds = {b["id"]: b for b in dataset.jobs[("demo-project", "demo-job")].builds}
    assert builds["joyous-view-6290"] == example("JobBuildList")["data"]["builds"][0]


def test_readme_counts_the_default_dataset_as_it_is() -> None:
    """The README's table of the default dataset: runs per stage, newest first, with the
    reference run the oldest of `development`; builds, with the reference build the oldest."""
    table = section("The default dataset")
    runs = re.search(r"\| runs \| (\d+) \+ (\d+) \+ (\d+), newest first", table)
    builds = re.search(r"\| job \| `demo-job`, (\d+) builds", table)
    assert runs and builds, "the README's dataset table changed shape"
    dataset = load_dataset()
    stages = [dataset.stages[("demo-project", "demo-pipeline", stage)].runs for stage in STAGES]
    assert [str(len(stage)) for stage in stages] == list(runs.groups())
    for stage in stages:
        created = [run["createdAt"] for run in stage]
        assert created == sorted(created, reverse=True)
    assert stages[0][-1]["id"] == "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
    job = dataset.jobs[("demo-project", "demo-job")].builds
    assert str(len(job)) == builds.group(1) and job[-1]["id"] == "joyous-view-6290"


def test_committed_dataset_is_what_the_seeded_generator_writes(tmp_path: Path) -> None:
    make_fixtures.generate(tmp_path)
    comparison = filecmp.dircmp(DEFAULT_FIXTURES, tmp_path)
    files = [STAGE_DIR / s / n for s in STAGES for n in ("template.json", "runs.json")] + [BUILDS]
    match, mismatch, errors = filecmp.cmpfiles(DEFAULT_FIXTURES, tmp_path, files, shallow=False)
    assert (mismatch, errors) == ([], []), "run `make fixtures` and commit the result"
    assert len(match) == len(files)
    assert comparison.left_only == comparison.right_only == []


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    make_fixtures.generate(tmp_path, seed=1)
    assert (tmp_path / BUILDS).read_bytes() != (DEFAULT_FIXTURES / BUILDS).read_bytes()


@pytest.fixture
def dataset_copy(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_FIXTURES, tmp_path / "data")
    return tmp_path / "data"


def edit(path: Path, change: Any) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("file", "change", "field"),
    [
        (STAGE_DIR / "staging/runs.json", lambda d: d[3].pop("status"), "[3].status"),
        # A status the spec does not list is a string like any other; a number is not.
        (STAGE_DIR / "staging/runs.json", lambda d: d[0].update(status=5), "[0].status"),
        (
            STAGE_DIR / "staging/runs.json",
            lambda d: d[1].update(createdAt="yesterday"),
            "[1].createdAt",
        ),
        (STAGE_DIR / "staging/template.json", lambda d: d.pop("apiVersion"), "apiVersion"),
        (STAGE_DIR / "staging/template.json", lambda d: d["spec"].update(kind=7), "spec"),
        (BUILDS, lambda d: d[5].update(pullRequestId="seven"), "[5].pullRequestId"),
        (BUILDS, lambda d: d[2].update(id=d[1]["id"]), "[2].id"),
    ],
)
def test_a_fixture_that_does_not_match_the_spec_names_file_and_field(
    dataset_copy: Path, file: Path, change: Any, field: str
) -> None:
    edit(dataset_copy / file, change)
    with pytest.raises(FixtureError) as raised:
        load_dataset(dataset_copy)
    assert raised.value.path == dataset_copy / file
    assert any(problem.startswith(f"{field}:") for problem in raised.value.problems), raised.value


def test_a_misspelt_fixture_file_is_refused(dataset_copy: Path) -> None:
    (dataset_copy / STAGE_DIR / "staging/runs.json").rename(
        dataset_copy / STAGE_DIR / "staging/run.json"
    )
    with pytest.raises(FixtureError, match="unexpected entry"):
        load_dataset(dataset_copy)


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="no projects/ folder"):
        load_dataset(tmp_path)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2021-01-01 12:01:00.000Z", False),
        ("2021-07-28T15:55:38.296Z", True),
        ("2021-07-28T15:55:38+02:00", True),
        ("2021-01-01  12:01:00.000Z", False),
        ("2021-01-01 12:01:00", False),
        ("2021-13-01 12:01:00.000Z", False),
        ("2021-01-01_12:01:00.000Z", False),
        ("yesterday", False),
        ("", False),
    ],
)
def test_date_time_is_strict_rfc_3339(value: str, valid: bool) -> None:
    assert is_date_time(value) is valid


def test_space_separated_fixture_timestamps_load_as_rfc_3339(dataset_copy: Path) -> None:
    def reference_page_style(runs: Any) -> None:
        runs[0].update(createdAt="2021-01-01 12:00:00.000Z", updatedAt="2021-01-01 12:00:00.000Z")

    def build_style(builds: Any) -> None:
        builds[0]["createdAt"] = "2021-07-28 15:55:38.296Z"

    edit(dataset_copy / STAGE_DIR / "staging/runs.json", reference_page_style)
    edit(dataset_copy / BUILDS, build_style)
    dataset = load_dataset(dataset_copy)
    run = dataset.stages[("demo-project", "demo-pipeline", "staging")].runs[0]
    assert (run["createdAt"], run["updatedAt"]) == ("2021-01-01T12:00:00.000Z",) * 2
    build = dataset.jobs[("demo-project", "demo-job")].builds[0]
    assert build["createdAt"] == "2021-07-28T15:55:38.296Z"


def _pick(dataset: Any, what: str) -> Any:
    stage = dataset.stages[("demo-project", "demo-pipeline", "development")]
    if what == "run":
        return stage.runs[5]
    if what == "build":
        return dataset.jobs[("demo-project", "demo-job")].builds[3]
    if what == "template":
        return stage.template
    return next(r for r in stage.runs if "apiVersion" in r)


# (schema, which fixture document, change): the fast check must agree with the validator.
VARIANTS: list[tuple[str, str, dict[str, Any]]] = [
    ("ReleaseFlowRun", "run", {}),
    ("ReleaseFlowRun", "run", {"status": "exploded"}),
    ("ReleaseFlowRun", "run", {"createdAt": "2021-01-01 12:00:00.000Z"}),
    ("ReleaseFlowRun", "run", {"createdAt": "yesterday"}),
    ("ReleaseFlowRun", "run", {"concluded": "yes"}),
    ("ReleaseFlowRun", "run", {"id": None}),
    ("JobBuild", "build", {}),
    ("JobBuild", "build", {"pullRequestId": None, "message": None}),
    ("JobBuild", "build", {"pullRequestId": "seven"}),
    ("JobBuild", "build", {"sha": None}),
    ("JobBuild", "build", {"status": None}),
    ("ReleaseFlowTemplate", "template", {}),
    ("ReleaseFlowTemplate", "template", {"spec": {"kind": "Teleport"}}),
    ("ReleaseFlowTemplate", "template", {"spec": {"kind": 7}}),
    ("ReleaseFlowTemplate", "template", {"options": {"concurrencyPolicy": "sometimes"}}),
    ("ReleaseFlowRunDetails", "details", {}),
    (
        "ReleaseFlowRunDetails",
        "details",
        {"gitops": {"repoUrl": "not a url", "vcsService": "github", "branch": "main"}},
    ),
]


@pytest.mark.parametrize(("schema", "what", "change"), VARIANTS)
def test_the_fast_check_agrees_with_the_detailed_validator(
    schema: str, what: str, change: dict[str, Any]
) -> None:
    from mock_server.spec import component_validator, fast_component_check

    document = {**_pick(load_dataset(), what), **change}
    assert fast_component_check(schema)(document) == component_validator(schema).is_valid(document)

"""The fields the mock serves come from the spec it serves and the fixtures, not from lists in
code: a field added to a copy of the spec and to the fixtures is served by list and details; a
fixture that breaks the spec refuses to start, naming the file and the field."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from mock_server import Settings, create_app
from mock_server.domain.clock import ManualClock
from mock_server.spec import SPEC_PATH, ObjectFields, load_spec, object_fields
from mock_server.storage.fields import ServedFields
from mock_server.storage.fixtures import DEFAULT_FIXTURES, FixtureError, load_dataset
from mock_server.storage.store import CREATED_RUN_FIELDS, Store
from tests.conftest import BUILDS, EXAMPLE_RUN, RUNS, walk
from tests.mockproc import MockProcess, run_cli

STAGES = ("development", "staging", "production")
FLOWS = Path("projects/demo-project/pipelines/demo-pipeline/release-flows")
BUILDS_FILE = Path("projects/demo-project/jobs/demo-job/builds.json")
HEADERS = {"Authorization": "Bearer any-token"}


def edit_json(path: Path, change: Callable[[Any], None]) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document, indent=1))


def spec_copy(home: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    change(spec)
    path = home / "northflank.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def add_triggered_by(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    schemas["ReleaseFlowRun"]["properties"]["triggeredBy"] = {
        "type": "string",
        "description": "Who or what started the run.",
    }
    schemas["JobBuild"]["properties"]["durationSeconds"] = {
        "type": "number",
        "description": "How long the build took.",
    }


def who(run_id: str) -> str:
    return f"user-{run_id[:8]}"


def fixtures_copy(home: Path) -> Path:
    """The default dataset, with `triggeredBy` on every run and `durationSeconds` on every build."""
    root = home / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, root)

    def tag_runs(runs: list[dict[str, Any]]) -> None:
        for run in runs:
            run["triggeredBy"] = who(run["id"])

    def time_builds(builds: list[dict[str, Any]]) -> None:
        for index, build in enumerate(builds):
            build["durationSeconds"] = 60 + index

    for stage in STAGES:
        edit_json(root / FLOWS / stage / "runs.json", tag_runs)
    edit_json(root / BUILDS_FILE, time_builds)
    return root


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockProcess]:
    """The real mock, strict, on a copy of the spec with a new run field and a new build field,
    and the default fixtures carrying them."""
    home = tmp_path_factory.mktemp("changed-spec")
    spec = spec_copy(home, add_triggered_by)
    fixtures = fixtures_copy(home)
    with MockProcess("--spec", str(spec), "--fixtures", str(fixtures), "--strict") as process:
        yield process


def test_a_new_run_field_is_served_by_list_and_details(changed: MockProcess) -> None:
    with changed.http() as api:
        for stage in STAGES:
            runs = walk(api, RUNS.format(stage=stage), "runs", per_page=100)
            assert runs and all(run["triggeredBy"] == who(run["id"]) for run in runs), stage
        # A run written as full details in the fixtures, and one written list-shaped.
        listed = walk(api, RUNS.format(stage="development"), "runs", per_page=100)
        list_shaped = next(run["id"] for run in listed if run["id"] != EXAMPLE_RUN)
        for run_id in (EXAMPLE_RUN, list_shaped):
            response = api.get(f"{RUNS.format(stage='development')}/{run_id}")
            assert response.status_code == 200, response.text
            assert response.json()["data"]["triggeredBy"] == who(run_id)
        # The served spec is the copy: a client generated from /openapi.json knows the field.
        served = changed.control.get("/openapi.json").json()
        assert "triggeredBy" in served["components"]["schemas"]["ReleaseFlowRun"]["properties"]


def test_a_new_build_field_is_served(changed: MockProcess) -> None:
    with changed.http() as api:
        builds = walk(api, BUILDS, "builds", per_page=100)
    fixture = json.loads((DEFAULT_FIXTURES / BUILDS_FILE).read_text())
    assert len(builds) == len(fixture)
    assert all(isinstance(build["durationSeconds"], int) for build in builds)


def test_fields_the_schema_admits_are_served_as_given(tmp_path: Path) -> None:
    """The project's spec does not declare `triggeredBy`, but ReleaseFlowRun admits other fields
    (no additionalProperties: false): the fixtures' values are served as given."""
    app = create_app(Settings(fixtures=fixtures_copy(tmp_path), manual_clock=True))

    async def fetch() -> tuple[dict[str, Any], dict[str, Any]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://mock", headers=HEADERS
        ) as client:
            page = await client.get(
                RUNS.format(stage="development"), params={"per_page": 100, "page": 2}
            )
            details = await client.get(f"{RUNS.format(stage='development')}/{EXAMPLE_RUN}")
        return page.json(), details.json()

    page, details = asyncio.run(fetch())
    # The oldest run of the stage: the reference page's, written as full details.
    example = page["data"]["runs"][-1]
    assert example["id"] == EXAMPLE_RUN
    assert example["triggeredBy"] == who(EXAMPLE_RUN)
    # The run's list form still leaves out its template's fields.
    assert not {"apiVersion", "spec", "triggers", "options", "gitops"} & set(example)
    assert details["data"]["triggeredBy"] == who(EXAMPLE_RUN)


def test_a_fixture_field_that_breaks_the_spec_refuses_to_start(tmp_path: Path) -> None:
    spec = spec_copy(tmp_path, add_triggered_by)
    fixtures = fixtures_copy(tmp_path)
    runs = fixtures / FLOWS / "staging" / "runs.json"
    edit_json(runs, lambda items: items[3].update(triggeredBy=42))
    result = run_cli("--spec", str(spec), "--fixtures", str(fixtures))
    assert result.returncode != 0
    assert "refusing to start" in result.stderr
    assert str(runs) in result.stderr
    assert "[3].triggeredBy: 42 is not of type 'string'" in result.stderr


def test_a_build_field_that_breaks_the_spec_refuses_to_start(tmp_path: Path) -> None:
    spec = spec_copy(tmp_path, add_triggered_by)
    fixtures = fixtures_copy(tmp_path)
    edit_json(fixtures / BUILDS_FILE, lambda items: items[7].update(durationSeconds="slow"))
    with pytest.raises(FixtureError) as raised:
        load_dataset(fixtures, spec)
    assert raised.value.path == fixtures / BUILDS_FILE
    assert any(p.startswith("[7].durationSeconds:") for p in raised.value.problems)


def test_additional_properties_false_refuses_an_undeclared_field(tmp_path: Path) -> None:
    def close_builds(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["JobBuild"]["additionalProperties"] = False

    spec = spec_copy(tmp_path, close_builds)
    fixtures = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, fixtures)
    load_dataset(fixtures, spec)  # every build has only declared fields
    edit_json(fixtures / BUILDS_FILE, lambda items: items[0].update(flavour="vanilla"))
    with pytest.raises(FixtureError) as raised:
        load_dataset(fixtures, spec)
    assert raised.value.path == fixtures / BUILDS_FILE
    assert any("'flavour' was unexpected" in problem for problem in raised.value.problems)


def test_the_served_fields_are_the_schemas() -> None:
    served = ServedFields.from_spec()
    run = load_spec()["components"]["schemas"]["ReleaseFlowRun"]
    assert served.run.declared == tuple(run["properties"])
    assert served.run.required == frozenset(run["required"])
    assert served.run.open
    assert "spec" in served.template.declared and "id" not in served.template.declared
    details = object_fields("ReleaseFlowRunDetails")
    assert details.declared == served.template.declared + served.run.declared


def test_a_details_fixture_run_is_split_by_the_schemas() -> None:
    served = ServedFields.from_spec()
    run = {
        "apiVersion": "v1.2", "spec": {"kind": "Workflow"}, "options": {"paused": False},
        "extra": 1, "updatedAt": "u", "id": "r", "status": "success",
    }  # fmt: skip
    assert served.is_details(run)
    # Declared run fields in the spec's order, then what neither schema declares.
    assert list(served.list_fields(run)) == ["id", "status", "updatedAt", "extra"]
    closed = ServedFields(
        ObjectFields(served.run.declared, served.run.required, open=False), served.template
    )
    assert list(closed.list_fields(run)) == ["id", "status", "updatedAt"]
    listed = {"id": "r", "status": "x", "extra": 1}
    assert not served.is_details(listed)
    assert served.list_fields(listed) == listed


def test_the_details_show_every_template_field_but_the_tree_and_the_run_wins(
    tmp_path: Path,
) -> None:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, fixtures)
    stage = fixtures / FLOWS / "development"
    edit_json(stage / "template.json", lambda t: t.update(notes="template notes", refs={"a": 1}))

    def own_fields(runs: list[dict[str, Any]]) -> None:
        for run in runs:
            if "spec" not in run and run["status"] == "running":
                run.update(notes="run notes", arguments={"ARG": "run"})
                return
        raise AssertionError("no running list-shaped run in the fixtures")

    edit_json(stage / "runs.json", own_fields)
    runs = json.loads((stage / "runs.json").read_text())
    mine = next(run for run in runs if run.get("notes") == "run notes")
    other = next(run for run in runs if "notes" not in run and "spec" not in run)
    app = create_app(Settings(fixtures=fixtures, manual_clock=True, strict_responses=True))

    async def details(run_id: str) -> bytes:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://mock", headers=HEADERS
        ) as client:
            response = await client.get(f"{RUNS.format(stage='development')}/{run_id}")
        assert response.status_code == 200, response.text
        return response.content

    def no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    own = json.loads(asyncio.run(details(mine["id"])), object_pairs_hook=no_repeated_keys)["data"]
    assert own["notes"] == "run notes" and own["arguments"] == {"ARG": "run"}
    shared = json.loads(asyncio.run(details(other["id"])))["data"]
    assert shared["notes"] == "template notes" and shared["refs"] == {"a": 1}
    # Fields the template schema declares first, in its order; then the file's others.
    order = list(shared)
    assert order.index("apiVersion") < order.index("triggers") < order.index("options")
    assert order.index("options") < order.index("notes")


def test_a_template_with_a_run_field_is_refused(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, fixtures)
    template = fixtures / FLOWS / "staging" / "template.json"
    edit_json(template, lambda t: t.update(concludedAt="2021-01-01T12:00:00.000Z"))
    with pytest.raises(FixtureError) as raised:
        load_dataset(fixtures)
    assert raised.value.path == template
    assert raised.value.problems == [
        "concludedAt: a field of a run (ReleaseFlowRun), not of a template"
    ]


def test_created_runs_have_the_fields_the_store_promises() -> None:
    store = Store(load_dataset(), ManualClock(1_800_000_000), seed=1)
    flow = store.flow("demo-project", "demo-pipeline", "development")
    record = store.create_run(flow, {})
    assert set(record.current(store.clock.now())) >= CREATED_RUN_FIELDS
    assert store.required_fields_created_runs_lack() == []


def test_a_required_field_created_runs_lack_is_named_at_start_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def require_it(spec: dict[str, Any]) -> None:
        add_triggered_by(spec)
        spec["components"]["schemas"]["ReleaseFlowRun"]["required"].append("triggeredBy")

    spec = spec_copy(tmp_path, require_it)
    with caplog.at_level(logging.WARNING, logger="mock_server"):
        create_app(Settings(spec=spec, fixtures=fixtures_copy(tmp_path)))
    assert any(
        "requires triggeredBy of every run" in record.getMessage() for record in caplog.records
    )


def test_a_spec_that_cannot_be_read_refuses_to_start(tmp_path: Path) -> None:
    missing = run_cli("--spec", str(tmp_path / "nope.yaml"))
    assert missing.returncode != 0 and "cannot read the spec" in missing.stderr
    (tmp_path / "bad.yaml").write_text("paths: [")
    broken = run_cli("--spec", str(tmp_path / "bad.yaml"))
    assert broken.returncode != 0 and "is not YAML" in broken.stderr

    def bogus_type(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["JobBuild"]["type"] = "bogus"

    invalid = run_cli("--spec", str(spec_copy(tmp_path, bogus_type)))
    assert invalid.returncode != 0
    assert "refusing to start: the spec is not valid OpenAPI" in invalid.stderr
    assert "Traceback" not in invalid.stderr

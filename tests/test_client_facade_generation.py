"""The facade is generated from the spec: it follows a changed spec, team-scoped routes included."""

from __future__ import annotations

import ast
import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import client_facade
from scripts.generate_client import CONFIG, OUTPUT, PACKAGE, SPEC, GenerationError, generate

BIN = Path(sys.executable).parent
BUILDS = "/v1/projects/{projectId}/jobs/{jobId}/build"
TEAM_BUILDS = "/v1/teams/{teamId}/projects/{projectId}/jobs/{jobId}/build"


def without_team_routes(spec: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(spec)
    spec["paths"] = {k: v for k, v in spec["paths"].items() if not k.startswith("/v1/teams/")}
    return spec


def changed_spec() -> dict[str, Any]:
    """The spec with a query parameter more (on an operation and its team-scoped twin alike)
    and an operation more, which has no team-scoped twin."""
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text())
    for path in (BUILDS, TEAM_BUILDS):
        spec["paths"][path]["get"]["parameters"].append(
            {
                "name": "branch",
                "in": "query",
                "description": "Only builds of this branch.",
                "schema": {"type": "string"},
            }
        )
    spec["paths"]["/v1/projects/{projectId}/jobs/{jobId}/build/{buildId}"] = {
        "get": {
            "operationId": "getJobBuild",
            "tags": ["Jobs"],
            "summary": "Get a job build",
            "parameters": [
                {"$ref": "#/components/parameters/projectId"},
                {"$ref": "#/components/parameters/jobId"},
                {"name": "buildId", "in": "path", "required": True, "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {
                    "description": "The build.",
                    "content": {"application/json": {"schema": {
                        "type": "object", "required": ["data"],
                        "properties": {"data": {"$ref": "#/components/schemas/JobBuild"}},
                    }}},
                },
                "404": {"$ref": "#/components/responses/JobNotFound"},
            },
        }
    }  # fmt: skip
    return spec


def generated_from(spec: dict[str, Any], home: Path) -> Path:
    path = home / "northflank.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    generate(path, home / OUTPUT.name)
    return home / OUTPUT.name


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The client generated from the changed spec: its project folder."""
    return generated_from(changed_spec(), tmp_path_factory.mktemp("changed"))


@pytest.fixture(scope="module")
def without_teams(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The client generated from the spec without its team-scoped routes."""
    spec = without_team_routes(yaml.safe_load(SPEC.read_text()))
    return generated_from(spec, tmp_path_factory.mktemp("without-teams"))


def methods(project: Path) -> dict[str, dict[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    tree = ast.parse((project / PACKAGE / "facade.py").read_text())
    return {
        node.name: {
            f.name: f for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        for node in tree.body
        if isinstance(node, ast.ClassDef)
    }


def keywords(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [a.arg for a in function.args.kwonlyargs]


def test_the_facade_follows_a_changed_spec(regenerated: Path) -> None:
    now, before = methods(regenerated), methods(OUTPUT)
    assert "branch" in keywords(now["Jobs"]["list_job_builds"])
    assert "branch" not in keywords(before["Jobs"]["list_job_builds"])
    assert "branch" in keywords(now["AsyncJobs"]["iter_job_builds"])
    assert "get_job_build" in now["Jobs"] and "get_job_build" in now["AsyncJobs"]
    assert "get_job_build" not in before["Jobs"]
    assert ast.unparse(now["Jobs"]["get_job_build"].returns or ast.Constant(None)) == "JobBuild"
    # JobBuild's `concluded` is optional: nothing to wait for.
    assert "wait_for_job_build" not in now["Jobs"]


def test_team_scoped_variants_are_a_keyword_of_their_twins(
    regenerated: Path, without_teams: Path
) -> None:
    now, committed, plain = methods(regenerated), methods(OUTPUT), methods(without_teams)
    for resource in ("Pipelines", "AsyncPipelines", "Jobs", "AsyncJobs"):
        assert not [name for name in now[resource] if "team" in name]
        for name, function in plain[resource].items():
            if name != "__init__":
                # Every method, iter_* and wait_for_* included, takes the team the spec offers.
                assert "team_id" not in keywords(function), (resource, name)
                assert "team_id" in keywords(now[resource][name]), (resource, name)
                assert "team_id" in keywords(committed[resource][name]), (resource, name)
        # An operation without a team-scoped twin takes no team.
        assert "team_id" not in keywords(
            now[resource].get("get_job_build", now[resource]["__init__"])
        )
    assert "## Team-scoped routes" in (regenerated / "README.md").read_text()
    assert "## Team-scoped routes" in (OUTPUT / "README.md").read_text()
    assert "## Team-scoped routes" not in (without_teams / "README.md").read_text()
    for project in (regenerated, OUTPUT):
        api = project / PACKAGE / "api"
        assert (api / "pipelines" / "get_team_release_flow_run.py").is_file()
        assert (api / "jobs" / "list_team_job_builds.py").is_file()
    assert not (without_teams / PACKAGE / "api" / "jobs" / "list_team_job_builds.py").exists()


SCRIPT = """
import json, os, sys
import httpx
from northflank_release_client import Northflank
from northflank_release_client.api.pipelines import get_team_release_flow_run

details = json.loads(sys.argv[1])
page = {"data": {"runs": [], "builds": []}, "pagination": {"hasNextPage": False, "count": 0}}
seen = []

def handle(request):
    seen.append(request.method + " " + request.url.path)
    if request.method == "GET" and request.url.path.endswith(("/runs", "/build")):
        return httpx.Response(200, json=page)
    return httpx.Response(200, json=details)

def facade(**kwargs):
    return Northflank(api_token="t", base_url="http://stub.invalid", transport=httpx.MockTransport(handle), **kwargs)

with facade() as nf:
    nf.pipelines.get_release_flow_run("p", "pl", "s", "r")
    nf.pipelines.get_release_flow_run("p", "pl", "s", "r", team_id="t1")
    nf.pipelines.run_release_flow("p", "pl", "s", team_id="t1", arguments={"A": "1"})
    nf.pipelines.abort_release_flow_run("p", "pl", "s", "r", team_id="t1")
    list(nf.pipelines.iter_release_flow_runs("p", "pl", "s", team_id="t1"))
    nf.pipelines.wait_for_release_flow_run("p", "pl", "s", "r", team_id="t1", timeout=5)
    nf.jobs.list_job_builds("p", "j", team_id="t1", branch="main")
    get_team_release_flow_run.sync_detailed("t2", "p", "pl", "s", "r", client=nf.client)
os.environ["NORTHFLANK_TEAM_ID"] = "t3"
with facade() as nf:
    nf.pipelines.get_release_flow_run("p", "pl", "s", "r")
    nf.jobs.list_job_builds("p", "j", team_id="t4")
with facade(team_id="t5") as nf:
    nf.pipelines.get_release_flow_run("p", "pl", "s", "r")
print(json.dumps(seen))
"""


def test_team_routes_are_called(regenerated: Path) -> None:
    details = json.loads(
        json.dumps(
            yaml.safe_load(SPEC.read_text())["components"]["examples"]["ReleaseFlowRunDetails"][
                "value"
            ]
        )
    )
    env = {**os.environ, "PYTHONPATH": str(regenerated)}
    env.pop("NORTHFLANK_TEAM_ID", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(details)],
        env=env, capture_output=True, text=True, check=False, timeout=120, cwd="/",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "GET /v1/projects/p/pipelines/pl/release-flows/s/runs/r",
        "GET /v1/teams/t1/projects/p/pipelines/pl/release-flows/s/runs/r",
        "POST /v1/teams/t1/projects/p/pipelines/pl/release-flows/s/runs",
        "POST /v1/teams/t1/projects/p/pipelines/pl/release-flows/s/runs/r/abort",
        "GET /v1/teams/t1/projects/p/pipelines/pl/release-flows/s/runs",
        "GET /v1/teams/t1/projects/p/pipelines/pl/release-flows/s/runs/r",
        "GET /v1/teams/t1/projects/p/jobs/j/build",
        "GET /v1/teams/t2/projects/p/pipelines/pl/release-flows/s/runs/r",
        "GET /v1/teams/t3/projects/p/pipelines/pl/release-flows/s/runs/r",
        "GET /v1/teams/t4/projects/p/jobs/j/build",
        "GET /v1/teams/t5/projects/p/pipelines/pl/release-flows/s/runs/r",
    ]


def test_the_regenerated_package_type_checks_strictly(regenerated: Path) -> None:
    result = subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", PACKAGE],
        cwd=regenerated, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout


def plan_of(spec: dict[str, Any], tmp_path: Path) -> client_facade.Plan:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return client_facade.plan(*client_facade.load(path, CONFIG))


def test_a_twin_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    team = spec["paths"][TEAM_BUILDS]["get"]
    team["x-team-scoped-variant-of"] = "listJobBuildz"
    with pytest.raises(client_facade.FacadeError, match="listJobBuildz"):
        plan_of(spec, tmp_path)


def test_a_twin_with_other_parameters_is_refused(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    team = spec["paths"][TEAM_BUILDS]["get"]
    team["parameters"].append({"name": "extra", "in": "query", "schema": {"type": "string"}})
    with pytest.raises(client_facade.FacadeError, match=r"list_team_job_builds"):
        plan_of(spec, tmp_path)


def test_a_parameter_named_like_a_facade_keyword_is_refused(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    spec["paths"]["/v1/projects/{projectId}/jobs/{jobId}/build"]["get"]["parameters"].append(
        {"name": "timeout", "in": "query", "schema": {"type": "integer"}}
    )
    with pytest.raises(client_facade.FacadeError, match="timeout"):
        plan_of(spec, tmp_path)
    changed = tmp_path / "northflank.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    with pytest.raises(GenerationError, match="facade"):
        generate(changed, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_plan_of_the_real_spec() -> None:
    plan = client_facade.plan(*client_facade.load(SPEC, CONFIG))
    operations = {op.name: op for resource in plan.resources for op in resource.operations}
    assert sorted(operations) == [
        "abort_release_flow_run", "get_release_flow_run", "list_job_builds",
        "list_release_flow_runs", "run_release_flow",
    ]  # fmt: skip
    for name, operation in operations.items():
        assert operation.team is not None and operation.team_param == "team_id", name
        assert operation.team.module == name.replace("_release", "_team_release", 1).replace(
            "_job_builds", "_team_job_builds"
        )
        assert operation.team.path_params == ["team_id", *operation.call.path_params]
    assert operations["list_release_flow_runs"].iter_name == "iter_release_flow_runs"
    assert operations["get_release_flow_run"].wait_name == "wait_for_release_flow_run"
    assert operations["run_release_flow"].returns == "ReleaseFlowRunDetails"
    assert [p.name for p in operations["run_release_flow"].body_fields] == [
        "name", "description", "arguments", "overrides", "release_node_overrides",
    ]  # fmt: skip
    assert plan.base_url == "https://api.northflank.com"

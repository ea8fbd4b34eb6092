"""The spec lint (scripts/lint_spec.py, run by `make lint`) passes, and catches careless changes."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mock_server.spec import load_spec
from scripts.lint_spec import lint

ROOT = Path(__file__).resolve().parent.parent
RUNS = "/v1/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs"


def test_the_spec_has_no_lint_problems() -> None:
    assert lint(load_spec()) == []


def _drop(path: list[str]) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node = spec
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return change


def _set(path: list[str], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node = spec
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return change


def _break_example(spec: dict[str, Any]) -> None:
    spec["components"]["examples"]["JobBuildList"]["value"]["data"]["builds"][0]["status"] = 5


CARELESS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("operation without summary", _drop(["paths", RUNS, "get", "summary"]), f"GET {RUNS}: no summary"),
    ("operation without tags", _set(["paths", RUNS, "post", "tags"], []), f"POST {RUNS}: no tags"),
    ("operation without operationId", _drop(["paths", RUNS, "get", "operationId"]), f"GET {RUNS}: no operationId"),
    ("operation without a 4xx", _set(["paths", RUNS, "get", "responses"], {"200": {"description": "ok"}}), f"GET {RUNS}: no documented 4xx response"),
    ("property without description", _drop(["components", "schemas", "JobBuild", "properties", "sha", "description"]), "schema JobBuild.sha: no description"),
    ("property without type", _drop(["components", "schemas", "JobBuild", "properties", "branch", "type"]), "schema JobBuild.branch: no type"),
    ("example that does not validate", _break_example, "example 'reference': data/builds/0/status"),
    ("parameter without description", _drop(["components", "parameters", "cursor", "description"]), "parameter cursor: no description"),
    ("inline object without title", _drop(["components", "schemas", "JobBuild", "properties", "registry", "title"]), "schema JobBuild.registry: an inline schema that becomes a type has no title"),
    ("inline enum without title", _drop(["components", "schemas", "WorkflowSpec", "properties", "type", "title"]), "schema WorkflowSpec.type: an inline schema that becomes a type has no title"),
    ("title shared by two schemas", _set(["components", "schemas", "JobBuild", "properties", "registry", "title"], "NodeResponseError"), "title 'NodeResponseError' is also the title of"),
    ("title that is a component's name", _set(["components", "schemas", "JobBuild", "properties", "registry", "title"], "Pagination"), "title 'Pagination' is also a component's name"),
    ("operation without externalDocs", _drop(["paths", RUNS, "get", "externalDocs"]), f"GET {RUNS}: no externalDocs link to its reference page"),
    ("provenance in a description", _set(["components", "schemas", "BuildStatus", "description"], "Not on the reference page."), "spec.components.schemas.BuildStatus.description: provenance"),
    ("403 example naming another permission", _set(["paths", RUNS, "get", "responses", "403"], {"$ref": "#/components/responses/MissingPipelinesUpdate"}), f"GET {RUNS} 403: an example does not name the permission 'Project > Pipelines > General > Read'"),
    ("error example under another status", _set(["paths", RUNS, "get", "responses", "404"], {"$ref": "#/components/responses/RunConcluded"}), f"GET {RUNS} 404: an example has status 409"),
    ("error response without example", _set(["paths", RUNS, "get", "responses", "404"], {"description": "Not found"}), f"GET {RUNS} 404: no example"),
    ("info without license", _drop(["info", "license"]), "info: no license"),
    ("info without contact", _drop(["info", "contact"]), "info: no contact"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "change", "expected"), CARELESS, ids=[c[0] for c in CARELESS])
def test_a_careless_change_is_caught(
    label: str, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    spec = copy.deepcopy(load_spec())
    change(spec)
    problems = lint(spec)
    assert any(expected in problem for problem in problems), problems


def test_the_command_fails_the_build(tmp_path: Path) -> None:
    spec = copy.deepcopy(load_spec())
    del spec["paths"][RUNS]["get"]["summary"]
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(spec))
    result = subprocess.run(
        [sys.executable, "scripts/lint_spec.py", str(broken)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "no summary" in result.stdout

"""The spec is valid OpenAPI 3.0.3 and faithful to Northflank's reference pages."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from mock_server.spec import SPEC_PATH, load_spec, resolve, schema_validator
from scripts.lint_spec import iter_examples
from tests.spec_walk import known_part, schema_at

RUNS = "/v1/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs"
RUN = RUNS + "/{runId}"
PROJECT_OPERATIONS = {
    ("get", RUNS): ("listReleaseFlowRuns", "Pipelines"),
    ("post", RUNS): ("runReleaseFlow", "Pipelines"),
    ("get", RUN): ("getReleaseFlowRun", "Pipelines"),
    ("post", RUN + "/abort"): ("abortReleaseFlowRun", "Pipelines"),
    ("get", "/v1/projects/{projectId}/jobs/{jobId}/build"): ("listJobBuilds", "Jobs"),
}
TEAM_PREFIX = "/v1/teams/{teamId}"
# Each operation again under /v1/teams/{teamId}/..., as the live API serves it.
TEAM_OPERATIONS = {
    (method, TEAM_PREFIX + path.removeprefix("/v1")): (
        operation_id.replace("ReleaseFlow", "TeamReleaseFlow", 1).replace(
            "JobBuilds", "TeamJobBuilds"
        ),
        tag,
    )
    for (method, path), (operation_id, tag) in PROJECT_OPERATIONS.items()
}
OPERATIONS = {**PROJECT_OPERATIONS, **TEAM_OPERATIONS}

# The reference pages' patterns, character for character where every dialect reads them alike;
# tests/test_spec_patterns.py checks that the spec's spelling of the others means the same.
REPO_URL = (
    r"^(https:\/\/)?((www(\.[a-zA-Z0-9\-]{2,})+\.)?[a-zA-Z0-9\-]{2,})(\.([a-zA-Z0-9\-]{2,}))+"
    r"(\/([a-zA-Z0-9\-._]{2,}))+?$"
)
SELF_HOSTED = r"^([A-Za-z0-9-]+\/[A-Za-z0-9-]+)|([0-9a-f]{24})$"
RESTRICTION = r"^[a-zA-Z/*0-9%\-.#_!'();,&=+]*$"
FILE_PATH = r"^\/([a-zA-Z0-9-._]+\/)*[a-zA-Z0-9-._]+$"
# ECMAScript's `\s`, spelt out: Python's and Rust's `\s` each match a different set.
WHITESPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
RUN_NAME = rf"^[a-zA-Z]((-|[{WHITESPACE}])?[a-zA-Z0-9]+((-|[{WHITESPACE}])[a-zA-Z0-9]+)*)?$"
RUN_DESCRIPTION = rf"""^[a-zA-Z0-9.,?{WHITESPACE}\\/'"()\[\];`%^&*\-_:!]+$"""
VCS = {"bitbucket", "gitlab", "github", "self-hosted", "azure"}
LIST_STATUSES = {"pending", "running", "success", "failure", "aborted", "aborting"}
DETAIL_STATUSES = LIST_STATUSES | {"queued", "unknown", "skipped"}
BUILD_STATUSES = {
    "QUEUED", "PENDING", "STARTING", "CLONING", "BUILDING", "UPLOADING", "ABORTED", "FAILURE",
    "SUBMISSION_FAILURE", "SUCCESS", "CRASHED",
}  # fmt: skip

# (schema path, what the reference page says about it). `enum` lists the page's values, which
# the spec must all keep (it may add the live API's newer ones).
PAGE_FIELDS: list[tuple[str, dict[str, Any]]] = [
    ("ReleaseFlowRunListResponse.data", {"type": "object", "required": True}),
    ("ReleaseFlowRunListResponse.data.runs", {"type": "array", "required": False}),
    ("ReleaseFlowRunListResponse.pagination", {"type": "object", "required": True}),
    ("ReleaseFlowRun.id", {"type": "string", "required": True}),
    ("ReleaseFlowRun.name", {"type": "string", "required": False}),
    ("ReleaseFlowRun.description", {"type": "string", "required": False}),
    ("ReleaseFlowRun.status", {"type": "string", "required": True, "enum": LIST_STATUSES}),
    ("ReleaseFlowRun.startedAt", {"type": "string", "required": False}),
    ("ReleaseFlowRun.concluded", {"type": "boolean", "required": True}),
    ("ReleaseFlowRun.concludedAt", {"type": "string", "required": False}),
    ("ReleaseFlowRun.createdAt", {"type": "string", "required": True}),
    ("ReleaseFlowRun.updatedAt", {"type": "string", "required": True}),
    ("ReleaseFlowRunResponse.data", {"required": True}),
    ("ReleaseFlowRunDetails.apiVersion", {"type": "string", "required": True, "enum": {"v1.2"}}),
    ("ReleaseFlowRunDetails.arguments", {"type": "object", "required": False}),
    ("ReleaseFlowRunDetails.triggers", {"type": "array", "required": False}),
    ("ReleaseFlowRunDetails.triggers[].ref", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.triggers[].vcsService", {"type": "string", "required": True, "enum": VCS}),
    ("ReleaseFlowRunDetails.triggers[].selfHostedVcsId", {"type": "string", "pattern": SELF_HOSTED}),
    ("ReleaseFlowRunDetails.triggers[].accountLogin", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.triggers[].vcsLinkId", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.triggers[].repoUrl", {"type": "string", "required": True, "pattern": REPO_URL}),
    ("ReleaseFlowRunDetails.triggers[].branchRestrictions[]", {"type": "string", "pattern": RESTRICTION}),
    ("ReleaseFlowRunDetails.triggers[].prRestrictions[]", {"type": "string", "pattern": RESTRICTION}),
    ("ReleaseFlowRunDetails.triggers[].pathIgnoreRules[]", {"type": "string", "maxLength": 260}),
    ("ReleaseFlowRunDetails.triggers[].ciIgnoreFlags[]", {"type": "string", "maxLength": 72}),
    ("ReleaseFlowRunDetails.triggers[].ciIgnoreFlagsEnabled", {"type": "boolean"}),
    ("ReleaseFlowRunDetails.triggers[].isAllowList", {"type": "boolean"}),
    ("ReleaseFlowRunDetails.triggers[].ignoreDrafts", {"type": "boolean"}),
    ("ReleaseFlowRunDetails.options", {"type": "object", "required": False}),
    ("ReleaseFlowRunDetails.options.concurrencyPolicy", {"type": "string", "enum": {"allow", "queue", "forbid"}}),
    ("ReleaseFlowRunDetails.options.paused", {"type": "boolean"}),
    ("ReleaseFlowRunDetails.gitops", {"type": "object", "required": False}),
    ("ReleaseFlowRunDetails.gitops.vcsService", {"type": "string", "required": True, "enum": VCS}),
    ("ReleaseFlowRunDetails.gitops.selfHostedVcsId", {"type": "string", "pattern": SELF_HOSTED}),
    ("ReleaseFlowRunDetails.gitops.accountLogin", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.gitops.vcsLinkId", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.gitops.repoUrl", {"type": "string", "required": True, "pattern": REPO_URL}),
    ("ReleaseFlowRunDetails.gitops.branch", {"type": "string", "required": True}),
    # The page lists filePath as required but its own example omits it: optional (see the spec).
    ("ReleaseFlowRunDetails.gitops.filePath", {"type": "string", "required": False, "pattern": FILE_PATH}),
    ("ReleaseFlowRunDetails.$schema", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.spec", {"required": True}),
    ("ReleaseFlowRunDetails.refs", {"type": "object", "required": False}),
    ("ReleaseFlowRunDetails.id", {"type": "string", "required": True}),
    ("ReleaseFlowRunDetails.name", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.description", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.status", {"type": "string", "required": True, "enum": DETAIL_STATUSES}),
    ("ReleaseFlowRunDetails.startedAt", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.concluded", {"type": "boolean", "required": True}),
    ("ReleaseFlowRunDetails.concludedAt", {"type": "string", "required": False}),
    ("ReleaseFlowRunDetails.createdAt", {"type": "string", "required": True}),
    ("ReleaseFlowRunDetails.updatedAt", {"type": "string", "required": True}),
    ("RunReleaseFlowRequest.name", {"type": "string", "required": False, "minLength": 3, "maxLength": 39, "pattern": RUN_NAME}),
    ("RunReleaseFlowRequest.description", {"type": "string", "required": False, "maxLength": 200, "pattern": RUN_DESCRIPTION}),
    ("RunReleaseFlowRequest.arguments", {"type": "object", "required": False}),
    ("RunReleaseFlowRequest.overrides", {"type": "object", "required": False}),
    ("RunReleaseFlowRequest.releaseNodeOverrides", {"type": "object", "required": False}),
    ("JobBuildListResponse.data", {"type": "object", "required": True}),
    ("JobBuildListResponse.data.builds", {"type": "array", "required": True}),
    ("JobBuildListResponse.pagination", {"type": "object", "required": True}),
    ("JobBuild.id", {"type": "string", "required": True}),
    ("JobBuild.branch", {"type": "string", "required": False}),
    ("JobBuild.pullRequestId", {"type": "number", "required": False, "nullable": True}),
    ("JobBuild.status", {"type": "string", "required": False, "enum": BUILD_STATUSES}),
    ("JobBuild.sha", {"type": "string", "required": False}),
    ("JobBuild.concluded", {"type": "boolean", "required": False}),
    ("JobBuild.createdAt", {"type": "string", "required": False}),
    ("JobBuild.success", {"type": "boolean", "required": False}),
    ("JobBuild.message", {"type": "string", "required": False, "nullable": True}),
    ("JobBuild.buildConcludedAt", {"type": "number", "required": False}),
    ("JobBuild.registry.uri", {"type": "string", "required": False}),
    ("Pagination.hasNextPage", {"type": "boolean", "required": True}),
    ("Pagination.cursor", {"type": "string", "required": False}),
    ("Pagination.count", {"type": "number", "required": True}),
]  # fmt: skip


def test_spec_is_valid_openapi_3_0_3() -> None:
    spec_dict, base_uri = read_from_filename(str(SPEC_PATH))
    validate(spec_dict, base_uri=base_uri)
    assert spec_dict["openapi"] == "3.0.3"
    assert spec_dict["servers"] == [{"url": "https://api.northflank.com"}]


def test_operations_paths_ids_and_tags() -> None:
    spec = load_spec()
    found = {
        (method, path): (operation["operationId"], operation["tags"])
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    }
    assert found == {key: (op_id, [tag]) for key, (op_id, tag) in OPERATIONS.items()}


def test_team_operation_ids_follow_the_convention() -> None:
    assert sorted(op for op, _ in TEAM_OPERATIONS.values()) == [
        "abortTeamReleaseFlowRun", "getTeamReleaseFlowRun", "listTeamJobBuilds",
        "listTeamReleaseFlowRuns", "runTeamReleaseFlow",
    ]  # fmt: skip


@pytest.mark.parametrize(("method", "path"), list(PROJECT_OPERATIONS))
def test_every_operation_has_a_team_scoped_twin_that_mirrors_it(method: str, path: str) -> None:
    spec = load_spec()
    twin = spec["paths"][path][method]
    team = spec["paths"][TEAM_PREFIX + path.removeprefix("/v1")][method]
    assert team["x-team-scoped-variant-of"] == twin["operationId"]
    assert "x-team-scoped-variant-of" not in twin
    assert team["tags"] == twin["tags"]
    assert team["externalDocs"] == twin["externalDocs"]
    assert team["parameters"][0] == {"$ref": "#/components/parameters/teamId"}
    assert [resolve(p) for p in team["parameters"][1:]] == [resolve(p) for p in twin["parameters"]]
    assert team.get("requestBody") == twin.get("requestBody")
    assert set(team["responses"]) == set(twin["responses"])
    for status, response in twin["responses"].items():
        if status == "404":
            # The same answers, and the team's own: an unknown team, a project of another team.
            assert team["responses"]["404"]["$ref"].startswith("#/components/responses/Team")
        elif status == "200":
            assert team["responses"][status]["content"] == response["content"]
        else:
            assert team["responses"][status] == response, status
    # The description states the same permission.
    permission = [line for line in twin["description"].splitlines() if "permission" in line]
    assert permission and permission[0] in team["description"]


@pytest.mark.parametrize(("method", "path"), list(OPERATIONS))
def test_every_operation_needs_a_bearer_token_and_documents_errors(method: str, path: str) -> None:
    spec = load_spec()
    operation = spec["paths"][path][method]
    assert operation.get("security", spec["security"]) == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    responses = operation["responses"]
    expected = {"200", "400", "401", "403", "404", "429"}
    if method == "post":
        expected |= {"409", "413"}
    assert expected <= set(responses)
    for status, response in responses.items():
        content = resolve(response)["content"]["application/json"]["schema"]
        if status != "200":
            assert content == {"$ref": "#/components/schemas/Error"}
    assert set(responses["200"]["headers"]) == {
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
    }


def test_error_envelope_schema() -> None:
    error, _ = schema_at("Error.error")
    assert set(error["properties"]) == {"status", "message", "id", "details"}
    assert set(error["required"]) == {"status", "message"}
    assert schema_at("Error")[0]["required"] == ["error"]


@pytest.mark.parametrize(("path", "expected"), PAGE_FIELDS, ids=[p for p, _ in PAGE_FIELDS])
def test_field_is_as_the_reference_page_gives_it(path: str, expected: dict[str, Any]) -> None:
    schema, required = schema_at(path)
    schema = known_part(schema)
    for key, value in expected.items():
        if key == "required":
            assert required is value, f"{path}: required should be {value}"
        elif key == "enum":
            assert value <= set(schema["enum"]), f"{path}: page values missing from the enum"
        else:
            assert schema.get(key) == value, f"{path}: {key}"


def test_status_enums_follow_the_live_api() -> None:
    run_status = known_part(schema_at("ReleaseFlowRun.status")[0])
    assert set(run_status["enum"]) == DETAIL_STATUSES | {
        "waiting",
        "retrying",
        "async_wait",
        "approval_wait",
    }
    build_status = known_part(schema_at("JobBuild.status")[0])
    assert set(build_status["enum"]) == BUILD_STATUSES | {"UNSCHEDULABLE", "IN_PROGRESS"}
    policy = known_part(schema_at("ReleaseFlowOptions.concurrencyPolicy")[0])
    assert set(policy["enum"]) == {"allow", "queue", "forbid", "latest", "replace"}


def test_query_parameters() -> None:
    spec = load_spec()
    for path, method in ((RUNS, "get"), ("/v1/projects/{projectId}/jobs/{jobId}/build", "get")):
        params = {resolve(p)["name"]: resolve(p) for p in spec["paths"][path][method]["parameters"]}
        assert params["per_page"]["schema"] == {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "default": 50,
        }
        assert params["page"]["schema"] == {"type": "integer", "minimum": 1}
        assert params["cursor"]["schema"] == {"type": "string"}
    filters = {resolve(p)["name"]: resolve(p) for p in spec["paths"][RUNS]["get"]["parameters"]}
    # The filter takes only the statuses this document lists (a closed enum), while a run's
    # status may be any string: see docs/spec-decisions.md.
    assert filters["status"]["schema"] == {"$ref": "#/components/schemas/ReleaseFlowRunStatus"}
    assert "enum" in resolve(filters["status"]["schema"])
    assert filters["concluded"]["schema"] == {"type": "boolean"}


def test_every_node_kind_has_its_own_schema_with_a_single_value_kind() -> None:
    kinds = [
        "Workflow", "Build", "Release", "Condition", "Approval", "JobRun", "Action", "Message",
        "RunTemplate", "AddonBackup", "AddonImport", "LoopWorkflow", "LoopData", "RolloutStrategy",
        "SecretInheritance",
    ]  # fmt: skip
    node = load_spec()["components"]["schemas"]["Node"]
    options = [ref["$ref"].rsplit("/", 1)[1] for ref in node["oneOf"]]
    assert options == [f"{kind}Node" for kind in kinds] + ["UnknownNode"]
    for kind in kinds:
        schema, required = schema_at(f"{kind}Node.kind")
        assert required and schema["enum"] == [kind]
        for field in ("ref", "settings", "skipNodeExecution", "spec", "response"):
            schema_at(f"{kind}Node.{field}")
    steps, _ = schema_at("WorkflowNode.spec.steps[]")
    assert steps == {"$ref": "#/components/schemas/Node"} or "oneOf" in steps
    response_status = known_part(schema_at("NodeCommon.response.status")[0])
    assert set(response_status["enum"]) == {
        "waiting", "invalid", "failure", "retrying", "success", "aborted", "aborting", "skipped",
        "async_wait", "approval_wait", "unknown",
    }  # fmt: skip


def test_an_unknown_node_kind_matches_only_the_fallback() -> None:
    validator = schema_validator("#/components/schemas/Node")
    assert validator.is_valid({"kind": "Workflow", "spec": {"steps": [{"kind": "Teleport"}]}})
    assert validator.is_valid({"kind": "Teleport"})
    assert not validator.is_valid({"kind": "Workflow", "spec": {"steps": "not a list"}})
    assert not validator.is_valid({"spec": {}})


EXAMPLES = list(iter_examples(load_spec()))


@pytest.mark.parametrize(("where", "ref", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_validates(where: str, ref: str, value: Any) -> None:
    errors = [error.message for error in schema_validator(ref).iter_errors(value)]
    assert errors == [], where


def test_every_operation_has_examples() -> None:
    described = {tuple(where.split(" ")[:2]) for where, _, _ in EXAMPLES}
    assert described == {(method.upper(), path) for method, path in OPERATIONS}

"""The spec's portable shapes: growing enums that any validator reads as "a known value or any
other string", a node union with a catch-all for kinds not listed, titles that name inline
schemas as this project's client names them; and the adaptation the client's generator gets."""

from __future__ import annotations

import copy
from typing import Any

import northflank_release_client.models as client_models
import pytest

from mock_server.spec import load_spec, schema_validator
from scripts.generate_client import _is_growing_enum, _schemas, for_this_client
from scripts.lint_spec import _inline_schemas
from tests.spec_walk import known_part, schema_at

# (field, its known values' class in this project's client)
GROWING = [
    ("ReleaseFlowRun.status", "ReleaseFlowRunStatus"),
    ("JobBuild.status", "BuildStatus"),
    ("NodeResponse.status", "NodeStatus"),
    ("ReleaseFlowOptions.concurrencyPolicy", "ReleaseFlowOptionsConcurrencyPolicy"),
    ("ReleaseFlowTrigger.vcsService", "ReleaseFlowTriggerVcsService"),
    ("GitOps.vcsService", "GitOpsVcsService"),
]


@pytest.mark.parametrize(("field", "known_class"), GROWING, ids=[g[0] for g in GROWING])
def test_growing_enums_take_any_string(field: str, known_class: str) -> None:
    schema, _ = schema_at(field)
    assert _is_growing_enum(schema, load_spec())
    known = known_part(schema)
    component, prop = field.split(".")
    validator = schema_validator(f"#/components/schemas/{component}")
    base: dict[str, Any] = {"id": "x", "concluded": True, "createdAt": "2021-01-01T00:00:00Z"}
    base |= {"updatedAt": "2021-01-01T00:00:00Z", "repoUrl": "github.com/a-b/c-d"}
    base |= {"branch": "main", "vcsService": "github", "status": "success"}
    for value in [*known["enum"], "added_by_northflank_later"]:
        assert validator.is_valid({**base, prop: value}), value
    assert not validator.is_valid({**base, prop: 7})
    # This project's client keeps a typed member for each known value.
    members = {member.value for member in getattr(client_models, known_class)}
    assert members == set(known["enum"])


def test_enums_that_do_not_grow_stay_closed() -> None:
    """The list filter and the single-value node kinds are contracts, not observations."""
    for path in ("WorkflowNode.kind", "BuildNode.kind", "WorkflowSpec.type"):
        assert "enum" in schema_at(path)[0], path
    status_filter = next(
        p
        for p in load_spec()["paths"][
            "/v1/projects/{projectId}/pipelines/{pipelineId}/release-flows/{stage}/runs"
        ]["get"]["parameters"]
        if p.get("name") == "status"
    )
    assert status_filter["schema"] == {"$ref": "#/components/schemas/ReleaseFlowRunStatus"}


def test_a_node_of_a_kind_not_listed_matches_only_the_catch_all() -> None:
    node = schema_validator("#/components/schemas/Node")
    unknown = schema_validator("#/components/schemas/UnknownNode")
    assert node.is_valid({"kind": "Teleport", "ref": "t", "spec": {"to": "mars"}})
    assert unknown.is_valid({"kind": "Teleport"})
    for known in ("Workflow", "Build", "SecretInheritance"):
        assert not unknown.is_valid({"kind": known})
    assert not node.is_valid({"kind": 7})
    assert not node.is_valid({"kind": "Teleport", "ref": 7})


def test_every_inline_title_is_the_name_of_the_clients_class_for_it() -> None:
    titles = [
        inline["title"]
        for name, schema in load_spec()["components"]["schemas"].items()
        for _, inline in _inline_schemas(schema, name)
        if "title" in inline
    ]
    assert len(titles) >= 30
    missing = [title for title in titles if not hasattr(client_models, title)]
    assert missing == []


def test_the_client_generator_sees_typed_enums_no_inline_titles_and_a_declared_kind() -> None:
    spec = load_spec()
    original = copy.deepcopy(spec)
    adapted = for_this_client(spec)
    assert spec == original, "the adaptation must not change the loaded spec"
    assert not [s for s in _schemas(adapted) if _is_growing_enum(s, adapted)]
    schemas = adapted["components"]["schemas"]
    for name, schema in schemas.items():
        assert not [t for t in _schemas(schema)[1:] if "title" in t], name
    assert schemas["ReleaseFlowRun"]["properties"]["status"] == {
        "$ref": "#/components/schemas/ReleaseFlowRunStatus"
    }
    policy = schemas["ReleaseFlowOptions"]["properties"]["concurrencyPolicy"]
    assert policy["enum"] == ["allow", "queue", "forbid", "latest", "replace"]
    assert "description" in policy
    kind = schemas["UnknownNode"]["allOf"][2]["properties"]["kind"]
    assert kind["type"] == "string"

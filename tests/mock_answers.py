"""A sample of the mock's real answers, one of each 200 the spec documents, and copies of them
carrying values the spec does not list yet (as the API will send the day Northflank adds them).

Used by the spec's strict-format tests and by the interoperability checks (interop/), which hand
the same answers to code that other generators made from the spec.
"""

from __future__ import annotations

import copy
from typing import Any

from mock_server import NorthflankMock

PROJECT = "/v1/projects/demo-project"
RUNS = f"{PROJECT}/pipelines/demo-pipeline/release-flows/development/runs"
REFERENCE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
# The arguments a strict mock needs to answer the same bytes on every run of the tests.
MOCK_ARGS = ("--strict", "--manual-clock", "--seed", "7")

Answers = dict[str, tuple[str, Any]]  # name -> (response schema name, body)
NEW_NODE_KIND = "running run details, node kind not listed"


def collect(mock: NorthflankMock) -> Answers:
    """One real answer of each kind, from a mock started with MOCK_ARGS."""
    with mock.http() as api:
        return _collect(mock, api)


def _collect(mock: NorthflankMock, api: Any) -> Answers:

    def body(response: Any) -> Any:
        assert response.status_code == 200, response.text
        return response.json()

    answers: Answers = {
        "list runs": ("ReleaseFlowRunListResponse", body(api.get(RUNS, params={"per_page": 5}))),
        "list concluded runs": (
            "ReleaseFlowRunListResponse",
            body(api.get(RUNS, params={"per_page": 3, "concluded": "true", "status": "success"})),
        ),
        "run details": ("ReleaseFlowRunResponse", body(api.get(f"{RUNS}/{REFERENCE_RUN}"))),
        "list builds": (
            "JobBuildListResponse",
            body(api.get(f"{PROJECT}/jobs/demo-job/build", params={"per_page": 5})),
        ),
    }
    created = body(api.post(RUNS, json={"name": "Interop check", "arguments": {"A": "1"}}))
    answers["run release flow"] = ("ReleaseFlowRunResponse", created)
    mock.advance(3)  # past the pending phase: the run is running
    run_id = created["data"]["id"]
    answers["running run details"] = ("ReleaseFlowRunResponse", body(api.get(f"{RUNS}/{run_id}")))
    answers["abort"] = ("ReleaseFlowRunResponse", body(api.post(f"{RUNS}/{run_id}/abort")))
    return answers


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node]
    for step in node.get("spec", {}).get("steps", []) if node.get("kind") == "Workflow" else []:
        found += _nodes(step)
    return found


def with_values_not_listed(answers: Answers) -> Answers:
    """Copies of real answers with values the spec does not list: statuses, a concurrency policy,
    a VCS service and a node kind Northflank may add."""
    runs = copy.deepcopy(answers["list runs"][1])
    runs["data"]["runs"][0]["status"] = "paused_for_review"
    builds = copy.deepcopy(answers["list builds"][1])
    builds["data"]["builds"][0]["status"] = "TELEPORTING"
    details = copy.deepcopy(answers["run details"][1])
    run = details["data"]
    run["status"] = "paused_for_review"
    run["options"]["concurrencyPolicy"] = "debounce"
    run["triggers"][0]["vcsService"] = "forgejo"
    run["gitops"]["vcsService"] = "forgejo"
    for node in _nodes(run["spec"]):
        node.setdefault("response", {})["status"] = "beaming"
    with_new_kind = copy.deepcopy(answers["running run details"][1])
    with_new_kind["data"]["spec"].setdefault("spec", {}).setdefault("steps", []).append(
        {"kind": "Teleport", "ref": "teleport-app", "spec": {"to": "mars"}, "response": {}}
    )
    return {
        "list runs, status not listed": ("ReleaseFlowRunListResponse", runs),
        "list builds, status not listed": ("JobBuildListResponse", builds),
        "run details, values not listed": ("ReleaseFlowRunResponse", details),
        NEW_NODE_KIND: ("ReleaseFlowRunResponse", with_new_kind),
    }

"""The mock over HTTP: the real server (uvicorn on a free loopback port), every operation."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from mock_server import NorthflankMock
from mock_server.spec import load_spec, schema_validator
from mock_server.storage.fixtures import load_dataset
from tests.conftest import BUILDS, EXAMPLE_RUN, RUNS, walk

DEV = RUNS.format(stage="development")
STAGING = RUNS.format(stage="staging")


def conforms(body: Any, schema: str) -> None:
    errors = [
        e.message for e in schema_validator(f"#/components/schemas/{schema}").iter_errors(body)
    ]
    assert errors == []


def example(name: str) -> Any:
    return load_spec()["components"]["examples"][name]["value"]


def fixture_runs(stage: str) -> list[dict[str, Any]]:
    return load_dataset().stages[("demo-project", "demo-pipeline", stage)].runs


# The five operations.


def test_list_runs_newest_first_default_page_of_50(api: httpx.Client) -> None:
    response = api.get(DEV)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    conforms(body, "ReleaseFlowRunListResponse")
    runs = body["data"]["runs"]
    assert len(runs) == body["pagination"]["count"] == 50
    assert body["pagination"]["hasNextPage"] is True
    stamps = [run["createdAt"] for run in runs]
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ({"status": "success"}, lambda run: run["status"] == "success"),
        ({"status": "failure"}, lambda run: run["status"] == "failure"),
        ({"concluded": "false"}, lambda run: run["concluded"] is False),
        ({"concluded": "true", "status": "aborted"}, lambda run: run["status"] == "aborted"),
    ],
)
def test_list_runs_filters(api: httpx.Client, query: dict[str, str], check: Any) -> None:
    runs = walk(api, DEV, "runs", per_page=100, **query)
    expected = [r for r in fixture_runs("development") if check(r)]
    if "concluded" in query:
        expected = [r for r in expected if r["concluded"] == (query["concluded"] == "true")]
    assert runs and all(check(run) for run in runs)
    assert {run["id"] for run in runs} == {run["id"] for run in expected}


def test_get_run_details_of_the_reference_example(api: httpx.Client) -> None:
    response = api.get(f"{DEV}/{EXAMPLE_RUN}")
    assert response.status_code == 200
    assert response.json() == example("ReleaseFlowRunDetails")


def test_get_run_details_derived_from_the_stage_template(api: httpx.Client) -> None:
    run = fixture_runs("production")[3]
    body = api.get(f"{RUNS.format(stage='production')}/{run['id']}").json()
    conforms(body, "ReleaseFlowRunResponse")
    details = body["data"]
    assert {key: details[key] for key in run} == run
    assert details["gitops"]["filePath"] == "/.northflank/release-production.json"
    steps = details["spec"]["spec"]["steps"]
    assert [step["kind"] for step in steps] == ["Approval", "Release", "Message"]
    assert all("status" in step["response"] for step in steps)


def test_run_release_flow_creates_a_pending_run_that_list_and_get_return(api: httpx.Client) -> None:
    request = example("RunReleaseFlowRequest")
    response = api.post(DEV, json=request)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    created = response.json()["data"]
    conforms(response.json(), "ReleaseFlowRunResponse")
    assert created["status"] == "pending" and created["concluded"] is False
    assert created["name"] == request["name"]
    assert created["description"] == request["description"]
    assert created["arguments"]["ARG_1"] == "value"
    assert created["id"] not in {run["id"] for run in fixture_runs("development")}
    listed = api.get(DEV, params={"per_page": 1}).json()["data"]["runs"][0]
    assert listed["id"] == created["id"]
    assert api.get(f"{DEV}/{created['id']}").json()["data"] == created


def test_two_runs_get_two_ids(api: httpx.Client) -> None:
    first = api.post(DEV, json={}).json()["data"]["id"]
    second = api.post(DEV, json={}).json()["data"]["id"]
    assert first != second


def test_abort_moves_a_run_through_aborting_to_aborted(
    fresh: NorthflankMock, api: httpx.Client
) -> None:
    created = api.post(STAGING, json={"name": "To abort"}).json()["data"]
    response = api.post(f"{STAGING}/{created['id']}/abort")
    assert response.status_code == 200
    conforms(response.json(), "ReleaseFlowRunResponse")
    assert response.json()["data"]["status"] == "aborting"
    assert response.json()["data"]["concluded"] is False
    fresh.advance(5)
    run = api.get(f"{STAGING}/{created['id']}").json()["data"]
    assert run["status"] == "aborted" and run["concluded"] is True
    assert "concludedAt" in run
    conflict = api.post(f"{STAGING}/{created['id']}/abort")
    assert conflict.status_code == 409
    assert conflict.json()["error"]["status"] == 409


def test_abort_of_a_fixture_run_in_progress(fresh: NorthflankMock, api: httpx.Client) -> None:
    running = next(r for r in fixture_runs("development") if r["status"] == "running")
    response = api.post(f"{DEV}/{running['id']}/abort")
    assert response.json()["data"]["status"] == "aborting"
    assert response.json()["data"]["startedAt"] == running["startedAt"]
    fresh.advance(5)
    assert api.get(f"{DEV}/{running['id']}").json()["data"]["status"] == "aborted"


def test_abort_of_a_concluded_run_is_a_conflict_and_changes_nothing(api: httpx.Client) -> None:
    before = api.get(f"{DEV}/{EXAMPLE_RUN}").json()
    response = api.post(f"{DEV}/{EXAMPLE_RUN}/abort")
    assert response.status_code == 409
    assert "already concluded" in response.json()["error"]["message"]
    assert api.get(f"{DEV}/{EXAMPLE_RUN}").json() == before


def test_list_builds(api: httpx.Client) -> None:
    body = api.get(BUILDS, params={"per_page": 100}).json()
    conforms(body, "JobBuildListResponse")
    assert body["pagination"]["count"] == 100
    builds = walk(api, BUILDS, "builds", per_page=100)
    assert builds[-1] == example("JobBuildList")["data"]["builds"][0]
    fixture = load_dataset().jobs[("demo-project", "demo-job")].builds
    assert sorted(b["id"] for b in builds) == sorted(b["id"] for b in fixture)


# Pagination.


@pytest.mark.parametrize("per_page", [1, 7, 50, 100])
def test_cursor_walk_returns_every_run_exactly_once(api: httpx.Client, per_page: int) -> None:
    runs = walk(api, DEV, "runs", per_page=per_page)
    ids = [run["id"] for run in runs]
    assert len(ids) == len(set(ids)) == len(fixture_runs("development"))


def test_page_numbers_give_the_same_order_as_cursors(api: httpx.Client) -> None:
    by_cursor = [run["id"] for run in walk(api, DEV, "runs", per_page=40)]
    by_page: list[str] = []
    for page in range(1, 10):
        body = api.get(DEV, params={"per_page": 40, "page": page}).json()
        by_page += [run["id"] for run in body["data"]["runs"]]
        if not body["pagination"]["hasNextPage"]:
            assert "cursor" not in body["pagination"]
            break
    assert by_page == by_cursor
    beyond = api.get(DEV, params={"per_page": 40, "page": 99}).json()
    assert beyond["data"]["runs"] == [] and beyond["pagination"] == {
        "hasNextPage": False,
        "count": 0,
    }


def test_walk_while_runs_are_created_neither_repeats_nor_skips(api: httpx.Client) -> None:
    existing = {run["id"] for run in fixture_runs("development")}
    seen: list[str] = []
    cursor = None
    while True:
        api.post(DEV, json={"name": "During walk"})
        body = api.get(
            DEV, params={"per_page": 30, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [run["id"] for run in body["data"]["runs"]]
        if not body["pagination"]["hasNextPage"]:
            break
        cursor = body["pagination"]["cursor"]
    assert len(seen) == len(set(seen))
    assert existing <= set(seen)


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "", "a.b", "eyJsIjoiYSIsImEiOjF9.AAAAAAAAAAAAAAAA", "%00", "." * 5000],
)
def test_a_malformed_cursor_is_a_400(api: httpx.Client, cursor: str) -> None:
    response = api.get(DEV, params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["details"]["errors"][0]["path"] == "cursor"


def test_a_cursor_from_another_list_is_a_400(api: httpx.Client) -> None:
    cursor = api.get(STAGING, params={"per_page": 1}).json()["pagination"]["cursor"]
    response = api.get(DEV, params={"cursor": cursor})
    assert response.status_code == 400
    assert "another list" in response.text
    truncated = api.get(STAGING, params={"cursor": cursor[:-3]})
    assert truncated.status_code == 400


# Errors, in Northflank's envelope.


def assert_envelope(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    conforms(body, "Error")
    error: dict[str, Any] = body["error"]
    assert error["status"] == status and error["message"] and error["id"]
    return error


def test_validation_lists_every_violation(api: httpx.Client) -> None:
    error = assert_envelope(api.get(DEV, params={"per_page": 0, "page": "abc", "bogus": 1}), 400)
    paths = {(v["location"], v["path"]) for v in error["details"]["errors"]}
    assert paths == {("query", "per_page"), ("query", "page"), ("query", "bogus")}
    body = {"name": "x", "description": "bad\u0000", "arguments": [], "extra": True}
    error = assert_envelope(api.post(DEV, json=body), 400)
    paths = {v["path"] for v in error["details"]["errors"]}
    assert {"name", "description", "arguments", ""} <= paths


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic dTpw"},
        {"Authorization": "token abc"},
    ],
)
def test_missing_or_malformed_token_is_a_401(
    fresh: NorthflankMock, headers: dict[str, str]
) -> None:
    assert_envelope(fresh.control.get(DEV, headers=headers), 401)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/projects/nope/pipelines/demo-pipeline/release-flows/development/runs",
        "/v1/projects/demo-project/pipelines/nope/release-flows/development/runs",
        "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/nope/runs",
        f"{DEV}/nope",
        f"{DEV}/{'x' * 10000}",
        "/v1/projects/demo-project/jobs/nope/build",
        "/v1/projects/nope/jobs/demo-job/build",
        "/v1/unknown",
    ],
)
def test_unknown_things_are_a_404(api: httpx.Client, path: str) -> None:
    error = assert_envelope(api.get(path), 404)
    assert len(error["message"]) < 300


def test_wrong_method_is_a_405(api: httpx.Client) -> None:
    assert_envelope(api.delete(DEV), 405)
    assert_envelope(api.get(f"{DEV}/{EXAMPLE_RUN}/abort"), 405)


def test_oversized_body_is_a_413_and_creates_nothing(api: httpx.Client) -> None:
    before = api.get(DEV, params={"per_page": 1}).json()
    big = json.dumps({"arguments": {"blob": "x" * (2 * 1024 * 1024)}})
    assert_envelope(api.post(DEV, content=big, headers={"Content-Type": "application/json"}), 413)
    assert api.get(DEV, params={"per_page": 1}).json() == before


def test_wrong_content_type_is_a_415(api: httpx.Client) -> None:
    assert_envelope(api.post(DEV, content=b"name=x", headers={"Content-Type": "text/plain"}), 415)


def test_rejected_requests_change_no_state(api: httpx.Client) -> None:
    before = walk(api, DEV, "runs", per_page=100)
    api.post(DEV, content=b"{not json", headers={"Content-Type": "application/json"})
    api.post(DEV, json=["a"])
    api.post(DEV, json={"name": "!"})
    api.post(f"{DEV}/{EXAMPLE_RUN}/abort")
    api.post(DEV, json={}, headers={"Authorization": "Basic x"})
    assert walk(api, DEV, "runs", per_page=100) == before


# Compatibility with Northflank's official clients.


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (None, {}),
        (b"", {"Content-Type": "application/json"}),
        (b"{}", {"Content-Type": "application/json"}),
    ],
    ids=["no body no content type", "empty JSON body", "empty object"],
)
def test_abort_accepts_what_official_clients_send(
    api: httpx.Client, content: bytes | None, headers: dict[str, str]
) -> None:
    run = api.post(DEV, json={}).json()["data"]
    response = api.post(f"{DEV}/{run['id']}/abort", content=content, headers=headers)
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "aborting"


def test_get_with_a_json_content_type_is_accepted(api: httpx.Client) -> None:
    response = api.get(DEV, headers={"Content-Type": "application/json"})
    assert response.status_code == 200


def test_run_with_no_body_is_accepted(api: httpx.Client) -> None:
    for headers in ({}, {"Content-Type": "application/json"}):
        response = api.post(DEV, headers=headers)
        assert response.status_code == 200
        assert response.json()["data"]["status"] == "pending"


# Headers, control endpoints, documentation.


def test_rate_limit_and_request_id_headers(fresh: NorthflankMock) -> None:
    with fresh.http("token-a") as a, fresh.http("token-b") as b:
        first, second, other = a.get(DEV), a.get(f"{DEV}/nope"), b.get(DEV)
    remaining = [int(r.headers["x-ratelimit-remaining"]) for r in (first, second, other)]
    assert remaining == [999, 998, 999]
    assert all(r.headers["x-ratelimit-limit"] == "1000" for r in (first, second, other))
    assert 0 < int(first.headers["x-ratelimit-reset"]) <= 3600
    ids = {r.headers["x-request-id"] for r in (first, second, other)}
    assert len(ids) == 3
    assert fresh.control.get("/_mock/health").headers["x-request-id"]
    assert fresh.control.get("/nothing").headers["x-request-id"]


def test_control_endpoints(fresh: NorthflankMock, api: httpx.Client) -> None:
    health = fresh.control.get("/_mock/health").json()
    dataset = load_dataset()
    assert health["status"] == "ok"
    assert health["runs"] == sum(len(stage.runs) for stage in dataset.stages.values())
    assert health["builds"] == sum(len(job.builds) for job in dataset.jobs.values())
    created = api.post(DEV, json={"name": "Recorded run", "arguments": {"K": "v"}}).json()["data"]
    api.get(DEV, params={"per_page": 3, "status": "success"})
    records = fresh.requests()
    assert [(r.method, r.path) for r in records] == [("POST", DEV), ("GET", DEV)]
    assert records[0].body == {"name": "Recorded run", "arguments": {"K": "v"}}
    assert records[0].status == 200
    assert records[1].query == "per_page=3&status=success"
    assert records[1].headers["authorization"] == "Bearer <redacted>"
    assert "test-token" not in repr(records)
    fresh.reset()
    assert api.get(f"{DEV}/{created['id']}").status_code == 404
    assert len(fresh.requests()) == 1
    fresh.control.delete("/_mock/requests")
    assert fresh.requests() == []
    assert_envelope(fresh.control.get("/_mock/nothing"), 404)
    assert_envelope(fresh.control.delete("/_mock/health"), 405)


def test_swagger_ui_and_raw_spec(fresh: NorthflankMock) -> None:
    ui = fresh.control.get("/ui/")
    assert ui.status_code == 200 and "swagger" in ui.text.lower()
    assert "/openapi.json" in ui.text
    spec = fresh.control.get("/openapi.json")
    served = spec.json()
    # The mock lists itself first (tests/test_served_spec.py); the rest is the spec file.
    assert spec.status_code == 200 and served["servers"][0]["url"] == fresh.url
    assert {**served, "servers": served["servers"][1:]} == load_spec()
    assert fresh.control.get("/openapi.yaml").status_code == 200


# Paths are routed as sent: an encoded slash belongs to its segment.


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/projects/demo-project%2Fjobs/demo-job/build"),
        ("GET", "/v1/projects/demo-project/jobs/demo-job%2fbuild/build"),
        (
            "POST",
            DEV.replace("/pipelines/demo-pipeline", "/pipelines/demo-pipeline%2Frelease-flows%2Fx"),
        ),
    ],
)
def test_an_encoded_slash_is_not_a_separator(
    northflank_mock: NorthflankMock, method: str, path: str
) -> None:
    before = northflank_mock.health()
    with northflank_mock.http() as api:
        answer = api.request(method, path, json={} if method == "POST" else None)
    assert answer.status_code == 404, answer.text
    error = answer.json()["error"]
    assert error["status"] == 404 and "%2F" in error["message"].upper()
    assert northflank_mock.health()["runs"] == before["runs"]
    (recorded,) = northflank_mock.requests()
    assert recorded.operation_id is None and recorded.status == 404

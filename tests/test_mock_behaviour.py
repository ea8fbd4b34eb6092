"""The mock over time: lifecycle, outcomes, concurrency policies, faults, rate limits, state."""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_server import NorthflankMock
from tests.conftest import BUILDS, RUNS, walk
from tests.mockproc import MockProcess

DEV = RUNS.format(stage="development")
STAGING = RUNS.format(stage="staging")  # concurrency policy `queue`
PRODUCTION = RUNS.format(stage="production")  # concurrency policy `forbid`


def create(api: httpx.Client, path: str = DEV, **body: Any) -> dict[str, Any]:
    response = api.post(path, json=body)
    assert response.status_code == 200, response.text
    run: dict[str, Any] = response.json()["data"]
    return run


def get(api: httpx.Client, path: str, run_id: str) -> dict[str, Any]:
    run: dict[str, Any] = api.get(f"{path}/{run_id}").json()["data"]
    return run


def node_statuses(run: dict[str, Any]) -> list[str]:
    return [step["response"]["status"] for step in run["spec"]["spec"]["steps"]]


# Lifecycle, on the manual clock (defaults: 2 s pending, 10 s running, 1 s aborting).


def test_a_run_goes_pending_running_success(fresh: NorthflankMock, api: httpx.Client) -> None:
    created = create(api)
    assert created["status"] == "pending" and "startedAt" not in created
    assert node_statuses(created) == ["waiting", "waiting", "waiting"]
    fresh.advance(2)
    running = get(api, DEV, created["id"])
    assert running["status"] == "running" and running["concluded"] is False
    assert running["startedAt"] == running["updatedAt"] != created["createdAt"]
    assert node_statuses(running) == ["async_wait", "waiting", "waiting"]
    fresh.advance(5)
    halfway = get(api, DEV, created["id"])
    assert node_statuses(halfway) == ["success", "async_wait", "waiting"]
    assert halfway["updatedAt"] == running["updatedAt"]
    fresh.advance(5)
    done = get(api, DEV, created["id"])
    assert done["status"] == "success" and done["concluded"] is True
    assert done["concludedAt"] == done["updatedAt"] > done["startedAt"] > done["createdAt"]
    assert node_statuses(done) == ["success", "success", "success"]
    assert done["spec"]["response"]["status"] == "success"
    listed = api.get(DEV, params={"per_page": 1}).json()["data"]["runs"][0]
    assert {k: done[k] for k in listed} == listed


def test_the_next_run_fails_then_runs_succeed_again(
    fresh: NorthflankMock, api: httpx.Client
) -> None:
    choice = fresh.control.post("/_mock/outcomes", json={"outcome": "failure", "count": 1})
    assert choice.status_code == 200
    failing, passing = create(api), create(api)
    fresh.advance(12)
    failed = get(api, DEV, failing["id"])
    assert failed["status"] == "failure" and failed["concluded"] is True
    statuses = node_statuses(failed)
    assert "failure" in statuses and statuses[-1] == "skipped"
    assert get(api, DEV, passing["id"])["status"] == "success"


def test_every_next_run_in_one_stage_can_be_made_to_fail(
    fresh: NorthflankMock, api: httpx.Client
) -> None:
    where = {"projectId": "demo-project", "pipelineId": "demo-pipeline", "stage": "development"}
    fresh.control.post("/_mock/outcomes", json={"outcome": "failure", **where})
    runs = [create(api) for _ in range(3)]
    other = create(api, PRODUCTION)
    fresh.advance(12)
    assert [get(api, DEV, run["id"])["status"] for run in runs] == ["failure"] * 3
    assert get(api, PRODUCTION, other["id"])["status"] == "success"
    fresh.control.delete("/_mock/outcomes")
    later = create(api)
    fresh.advance(12)
    assert get(api, DEV, later["id"])["status"] == "success"


def test_one_run_can_be_held_running_until_aborted(
    fresh: NorthflankMock, api: httpx.Client
) -> None:
    run = create(api)
    held = fresh.control.post(f"/_mock/runs/{run['id']}/outcome", json={"outcome": "hold"})
    assert held.status_code == 200
    fresh.advance(3600)
    assert get(api, DEV, run["id"])["status"] == "running"
    assert api.post(f"{DEV}/{run['id']}/abort").json()["data"]["status"] == "aborting"
    fresh.advance(1)
    aborted = get(api, DEV, run["id"])
    assert aborted["status"] == "aborted" and aborted["concluded"] is True
    assert "aborted" in node_statuses(aborted)


def test_a_running_run_can_be_switched_to_fail(fresh: NorthflankMock, api: httpx.Client) -> None:
    run = create(api)
    fresh.advance(4)
    fresh.control.post(f"/_mock/runs/{run['id']}/outcome", json={"outcome": "failure"})
    fresh.advance(8)
    assert get(api, DEV, run["id"])["status"] == "failure"


@pytest.mark.parametrize(("wait", "state"), [(0, "pending"), (3, "running")])
def test_abort_in_each_state(
    fresh: NorthflankMock, api: httpx.Client, wait: float, state: str
) -> None:
    run = create(api)
    fresh.advance(wait)
    assert get(api, DEV, run["id"])["status"] == state
    aborting = api.post(f"{DEV}/{run['id']}/abort").json()["data"]
    assert aborting["status"] == "aborting" and not aborting["concluded"]
    again = api.post(f"{DEV}/{run['id']}/abort")
    assert again.status_code == 200 and again.json()["data"]["status"] == "aborting"
    fresh.advance(1)
    assert get(api, DEV, run["id"])["status"] == "aborted"
    assert api.post(f"{DEV}/{run['id']}/abort").status_code == 409


def test_bad_outcome_requests_are_400s(fresh: NorthflankMock) -> None:
    for body in (
        {"outcome": "explode"},
        {"outcome": "failure", "count": 0},
        {"outcome": "failure", "stage": "x"},
        {"outcome": "failure", "extra": 1},
    ):
        response = fresh.control.post("/_mock/outcomes", json=body)
        assert response.status_code == 400, body
        assert response.json()["error"]["status"] == 400
    assert (
        fresh.control.post("/_mock/runs/nope/outcome", json={"outcome": "hold"}).status_code == 404
    )


# Concurrency policies (the stage template's options.concurrencyPolicy).


def test_allow_runs_in_parallel(fresh: NorthflankMock, api: httpx.Client) -> None:
    first, second = create(api), create(api)
    fresh.advance(2)
    assert [get(api, DEV, r["id"])["status"] for r in (first, second)] == ["running", "running"]


def test_queue_waits_for_the_active_run(fresh: NorthflankMock, api: httpx.Client) -> None:
    first = create(api, STAGING)
    second = create(api, STAGING)
    assert second["status"] == "queued"
    fresh.advance(11)
    assert get(api, STAGING, first["id"])["status"] == "running"
    assert get(api, STAGING, second["id"])["status"] == "queued"
    fresh.advance(1)  # first concludes at 12 s; second starts then
    assert get(api, STAGING, first["id"])["status"] == "success"
    assert get(api, STAGING, second["id"])["status"] == "pending"
    fresh.advance(2)
    started = get(api, STAGING, second["id"])
    assert started["status"] == "running"
    fresh.advance(10)
    assert get(api, STAGING, second["id"])["status"] == "success"


def test_an_abort_releases_the_queue(fresh: NorthflankMock, api: httpx.Client) -> None:
    first = create(api, STAGING)
    queued = create(api, STAGING)
    aborting = api.post(f"{STAGING}/{queued['id']}/abort").json()["data"]
    assert aborting["status"] == "aborting"
    third = create(api, STAGING)
    assert third["status"] == "queued"
    api.post(f"{STAGING}/{first['id']}/abort")
    fresh.advance(1)
    assert get(api, STAGING, queued["id"])["status"] == "aborted"
    assert get(api, STAGING, third["id"])["status"] == "pending"


def test_forbid_refuses_a_second_active_run(fresh: NorthflankMock, api: httpx.Client) -> None:
    first = create(api, PRODUCTION)
    refused = api.post(PRODUCTION, json={"name": "Second"})
    assert refused.status_code == 409
    assert "forbid" in refused.json()["error"]["message"]
    assert len(api.get(PRODUCTION, params={"concluded": "false"}).json()["data"]["runs"]) == 1
    fresh.advance(12)
    assert get(api, PRODUCTION, first["id"])["status"] == "success"
    assert api.post(PRODUCTION, json={}).status_code == 200


def test_replace_and_latest_policies(
    tmp_path: Path, northflank_mock_factory: Callable[..., NorthflankMock]
) -> None:
    import json
    import shutil

    from mock_server.storage.fixtures import DEFAULT_FIXTURES

    shutil.copytree(DEFAULT_FIXTURES, tmp_path / "data")
    flows = tmp_path / "data/projects/demo-project/pipelines/demo-pipeline/release-flows"
    for stage, policy in (("staging", "replace"), ("production", "latest")):
        template = json.loads((flows / stage / "template.json").read_text())
        template["options"]["concurrencyPolicy"] = policy
        (flows / stage / "template.json").write_text(json.dumps(template))
    with (
        northflank_mock_factory("--fixtures", str(tmp_path / "data")) as mock,
        mock.http() as api,
    ):
        old = create(api, STAGING)
        new = create(api, STAGING)
        assert get(api, STAGING, old["id"])["status"] == "aborting"
        assert new["status"] == "pending"
        active = create(api, PRODUCTION)
        skipped = create(api, PRODUCTION)
        latest = create(api, PRODUCTION)
        assert skipped["status"] == latest["status"] == "queued"
        assert get(api, PRODUCTION, skipped["id"])["status"] == "skipped"
        mock.advance(12)
        assert get(api, PRODUCTION, active["id"])["status"] == "success"
        assert get(api, PRODUCTION, latest["id"])["status"] == "pending"


# Faults, with a Prism-style Prefer header and without headers.


def test_prefer_code_example_and_delay(api: httpx.Client) -> None:
    limited = api.get(DEV, headers={"Prefer": "code=429"})
    assert limited.status_code == 429 and limited.json()["error"]["status"] == 429
    # As the spec declares for every 429, and as an injected 429 says it: when to come back.
    assert limited.headers["retry-after"] == "1"
    assert limited.headers.get_list("x-ratelimit-remaining") == ["0"]
    example = api.get(DEV, headers={"Prefer": "example=reference"})
    assert example.status_code == 200
    assert example.json()["data"]["runs"][0]["id"] == "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
    created = api.post(DEV, json={}, headers={"Prefer": "code=200, example=created"})
    assert created.json()["data"]["status"] == "pending"
    bad = api.get(DEV, headers={"Prefer": "example=nope"})
    assert bad.status_code == 400 and "reference" in bad.json()["error"]["message"]
    started = time.monotonic()
    delayed = api.get(f"{BUILDS}?per_page=1", headers={"Prefer": "delay=300"})
    assert delayed.status_code == 200 and time.monotonic() - started >= 0.3


def test_fault_rules_answer_a_status_for_the_next_calls(
    fresh: NorthflankMock, api: httpx.Client
) -> None:
    rule = fresh.control.post(
        "/_mock/faults", json={"operationId": "listReleaseFlowRuns", "status": 503, "count": 2}
    )
    assert rule.status_code == 201 and rule.json()["remaining"] == 2
    statuses = [api.get(DEV).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert api.get(BUILDS).status_code == 200
    assert fresh.control.get("/_mock/faults").json()["rules"] == []


def test_a_429_fault_says_when_to_retry(fresh: NorthflankMock, api: httpx.Client) -> None:
    fresh.control.post(
        "/_mock/faults", json={"operationId": "*", "status": 429, "count": 3, "retryAfter": 7}
    )
    responses = [api.get(DEV), api.post(DEV, json={}), api.get(BUILDS)]
    for response in responses:
        assert response.status_code == 429
        assert response.headers["Retry-After"] == "7"
        assert response.headers["x-ratelimit-remaining"] == "0"
        assert response.headers["x-ratelimit-reset"] == "7"
    assert api.get(DEV, params={"per_page": 1}).json()["pagination"]["count"] == 1
    assert (
        api.get(DEV, params={"concluded": "false"}).json()["pagination"]["count"] == 2
    )  # no run created


def test_delay_fault_and_clearing(fresh: NorthflankMock, api: httpx.Client) -> None:
    fresh.control.post("/_mock/faults", json={"operationId": "getReleaseFlowRun", "delayMs": 300})
    started = time.monotonic()
    assert api.get(f"{DEV}/110ddb52-bdcd-482d-8ac2-05ba580afe2f").status_code == 200
    assert time.monotonic() - started >= 0.3
    assert fresh.control.delete("/_mock/faults").json() == {"rules": []}
    fresh.control.post("/_mock/faults", json={"status": 500})
    assert api.get(DEV).status_code == 500
    fresh.reset()
    assert api.get(DEV).status_code == 200


def test_probability_faults_replay_with_the_same_seed(
    northflank_mock_factory: Callable[..., NorthflankMock],
) -> None:
    outcomes = []
    for _ in range(2):
        with northflank_mock_factory("--seed", "3") as mock, mock.http() as api:
            mock.control.post("/_mock/faults", json={"status": 502, "probability": 0.5})
            outcomes.append(
                [api.get(BUILDS, params={"per_page": 1}).status_code for _ in range(20)]
            )
    assert outcomes[0] == outcomes[1]
    assert 502 in outcomes[0] and 200 in outcomes[0]


@pytest.mark.parametrize(
    "body",
    [
        {"status": 200},
        {"operationId": "nope", "status": 500},
        {},
        {"status": 500, "count": 0},
        {"status": 500, "probability": 2},
        {"delayMs": -1},
        {"status": 500, "colour": "red"},
    ],
)
def test_bad_fault_rules_are_400s(fresh: NorthflankMock, body: dict[str, Any]) -> None:
    response = fresh.control.post("/_mock/faults", json=body)
    assert response.status_code == 400
    assert fresh.control.get("/_mock/faults").json()["rules"] == []


# Rate limits.


def test_rate_limit_answers_429_past_the_limit_per_token(
    northflank_mock_factory: Callable[..., NorthflankMock],
) -> None:
    with (
        northflank_mock_factory("--rate-limit", "3") as mock,
        mock.http("a") as a,
        mock.http("b") as b,
    ):
        answers = [a.get(BUILDS) for _ in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        assert [r.headers["x-ratelimit-remaining"] for r in answers] == ["2", "1", "0", "0"]
        limited = answers[-1]
        assert limited.json()["error"]["status"] == 429
        assert limited.headers["Retry-After"] == limited.headers["x-ratelimit-reset"] == "3600"
        assert b.get(BUILDS).status_code == 200
        mock.advance(3600)
        assert a.get(BUILDS).status_code == 200


# State that survives.


def test_state_survives_a_restart_and_a_kill(tmp_path: Path) -> None:
    state = str(tmp_path / "state.sqlite")
    with MockProcess("--state", state, "--manual-clock") as mock, mock.http() as api:
        kept = create(api, name="Survives restart")
        mock.advance(100)
    with MockProcess("--state", state, "--manual-clock") as mock, mock.http() as api:
        assert get(api, DEV, kept["id"])["status"] == "success"
        killed = create(api, name="Survives kill")
        aborted = create(api)
        api.post(f"{DEV}/{aborted['id']}/abort")
        mock.kill()
    with MockProcess("--state", state, "--manual-clock") as mock, mock.http() as api:
        assert get(api, DEV, killed["id"])["name"] == "Survives kill"
        assert get(api, DEV, aborted["id"])["status"] in ("aborting", "aborted")
        ids = [r["id"] for r in api.get(DEV, params={"per_page": 3}).json()["data"]["runs"]]
        assert ids == [aborted["id"], killed["id"], kept["id"]]
        mock.reset()
        assert api.get(f"{DEV}/{kept['id']}").status_code == 404


def test_two_workers_share_state_and_lose_no_concurrent_run(tmp_path: Path) -> None:
    with MockProcess("--state", str(tmp_path / "state.sqlite"), "--workers", "2") as mock:

        def post(index: int) -> tuple[int, str]:
            with mock.http() as api:
                response = api.post(DEV, json={"name": f"Parallel {index}"})
                return response.status_code, response.json()["data"]["id"]

        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(post, range(200)))
        assert {status for status, _ in results} == {200}
        created = {run_id for _, run_id in results}
        assert len(created) == 200
        with mock.http() as api:
            listed = [run["id"] for run in walk(api, DEV, "runs", per_page=100)]
        assert len(listed) == len(set(listed)) == 200 + 150
        assert created <= set(listed)


def test_a_rule_is_shown_in_the_words_it_was_given_in(fresh: NorthflankMock) -> None:
    given = {
        "operationId": "listReleaseFlowRuns",
        "status": 429,
        "delayMs": 20,
        "count": 2,
        "retryAfter": 5,
    }
    added = fresh.control.post("/_mock/faults", json=given).json()
    (listed,) = fresh.control.get("/_mock/faults").json()["rules"]
    assert listed == added
    assert set(listed) == {"id", *given, "probability"} - {"count"} | {"remaining"}
    assert listed["remaining"] == 2 and listed["probability"] is None
    assert {name: listed[name] for name in given if name != "count"} == {
        name: value for name, value in given.items() if name != "count"
    }
    # What the list shows, posted back (without its id and count left), is accepted as it is.
    again = {name: value for name, value in listed.items() if name not in ("id", "remaining")}
    assert fresh.control.post("/_mock/faults", json=again).status_code == 201

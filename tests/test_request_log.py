"""GET /_mock/requests: every record names its operation, and filters pick records with counts."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mock_server import NorthflankMock
from mock_server.storage.requestlog import RequestFilter
from tests.conftest import BUILDS, EXAMPLE_RUN, RUNS

DEV = RUNS.format(stage="development")


def journal(mock: NorthflankMock, **params: Any) -> dict[str, Any]:
    response = mock.control.get("/_mock/requests", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def traffic(fresh: NorthflankMock, api: httpx.Client) -> NorthflankMock:
    """Seven requests: three lists, a details, a created run, a 404 route and a 400."""
    for stage in ("development", "staging"):
        api.get(RUNS.format(stage=stage), params={"per_page": 1})
    api.get(BUILDS)
    api.get(f"{DEV}/{EXAMPLE_RUN}")
    fresh.advance(60)
    api.post(DEV, json={"name": "late"})
    api.get("/v1/nothing/here")
    api.get(DEV, params={"per_page": "many"})
    return fresh


def test_every_record_names_its_operation(traffic: NorthflankMock) -> None:
    body = journal(traffic)
    assert [r["operationId"] for r in body["requests"]] == [
        "listReleaseFlowRuns", "listReleaseFlowRuns", "listJobBuilds", "getReleaseFlowRun",
        "runReleaseFlow", None, "listReleaseFlowRuns",
    ]  # fmt: skip
    assert body["count"] == 7
    assert body["byOperationId"] == {
        "listReleaseFlowRuns": 3, "listJobBuilds": 1, "getReleaseFlowRun": 1, "runReleaseFlow": 1,
    }  # fmt: skip


def test_filters_by_method_operation_path_status_and_time(traffic: NorthflankMock) -> None:
    def ids(**params: Any) -> list[tuple[str, str | None, int]]:
        body = journal(traffic, **params)
        assert body["count"] == len(body["requests"])
        return [(r["method"], r["operationId"], r["status"]) for r in body["requests"]]

    assert ids(method="post") == [("POST", "runReleaseFlow", 200)]
    assert ids(operationId="listReleaseFlowRuns", status="200") == [
        ("GET", "listReleaseFlowRuns", 200), ("GET", "listReleaseFlowRuns", 200),
    ]  # fmt: skip
    assert ids(status="4xx") == [("GET", None, 404), ("GET", "listReleaseFlowRuns", 400)]
    assert ids(path=DEV) == [
        ("GET", "listReleaseFlowRuns", 200), ("POST", "runReleaseFlow", 200), ("GET", "listReleaseFlowRuns", 400),
    ]  # fmt: skip
    assert ids(path="/v1/projects/demo-project/jobs/*") == [("GET", "listJobBuilds", 200)]
    assert ids(path="*/runs/*") == [("GET", "getReleaseFlowRun", 200)]
    now = traffic.now()
    assert [r[1] for r in ids(since=now - 1)] == ["runReleaseFlow", None, "listReleaseFlowRuns"]
    # Several values of one filter: any of them.
    assert len(ids(operationId=["listJobBuilds", "getReleaseFlowRun"])) == 2
    assert ids(method="GET", status="201") == []


def test_since_takes_a_timestamp(traffic: NorthflankMock) -> None:
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(traffic.now() - 1, UTC).isoformat().replace("+00:00", "Z")
    assert journal(traffic, since=stamp)["count"] == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"verb": "GET"}, "unknown filter `verb`"),
        ({"status": "abc"}, "`status` must be a status"),
        ({"status": "600"}, "`status` must be a status"),
        ({"since": "yesterday"}, "`since` must be seconds"),
        ({"since": "2026-01-01T00:00:00"}, "with a time zone"),
        ({"since": "nan"}, "finite"),
        ({"path": "v1/projects"}, "`path` must start with / or *"),
    ],
)
def test_bad_filters_are_400s(fresh: NorthflankMock, params: dict[str, str], message: str) -> None:
    response = fresh.control.get("/_mock/requests", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_delete_clears_the_whole_log_and_refuses_filters(traffic: NorthflankMock) -> None:
    refused = traffic.control.delete("/_mock/requests", params={"method": "GET"})
    assert refused.status_code == 400 and "filters apply to GET only" in refused.text
    assert journal(traffic)["count"] == 7
    cleared = traffic.control.delete("/_mock/requests")
    assert cleared.json() == {"count": 0, "byOperationId": {}, "requests": []}


def test_an_empty_filter_matches_everything() -> None:
    assert not RequestFilter.parse([])
    assert RequestFilter.parse([("since", "0")])
    record = {"method": "GET", "path": "/x", "time": 5.0, "status": None, "operationId": None}
    assert RequestFilter.parse([]).matches(record)
    # A request still in flight has no status yet: no status filter matches it.
    assert not RequestFilter.parse([("status", "2xx")]).matches(record)


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("/v1/a", "/v1/a", True),
        ("/v1/a", "/v1/ab", False),
        ("/v1/*", "/v1/", True),
        ("*/runs", "/v1/x/runs", True),
        ("/v1/*/runs", "/v1/runs", False),  # the parts may not overlap
        ("/a*a", "/a", False),
        ("/a*a", "/aa", True),
        ("/p/*/r/*", "/p/1/r/2", True),
        ("/p/*/r/*", "/p/1/q/2", False),
        ("*a*b*", "/xbxa", False),  # in order
        ("*" * 3, "/anything", True),
    ],
)
def test_path_globs_match_by_their_parts_in_order(glob: str, path: str, matches: bool) -> None:
    assert RequestFilter.parse([("path", glob)]).matches(_record(path)) is matches


def test_a_glob_of_many_stars_is_answered(fresh: NorthflankMock) -> None:
    """As a regular expression, `*a*a...*b` against long paths backtracks for a time that grows
    with the power of its stars: the filter comes from whoever calls the mock."""
    with fresh.http() as api:
        api.get("/v1/" + "a" * 3000)
    glob = "*a" * 400 + "*b"
    assert fresh.count(path=glob) == 0
    assert fresh.count(path="*a" * 400 + "*") == 1
    response = fresh.control.get("/_mock/requests", params={"since": "9" * 5000})
    assert response.status_code == 400 and len(response.text) < 600


def _record(path: str) -> dict[str, Any]:
    return {"method": "GET", "path": path, "time": 0.0, "status": 200, "operationId": None}

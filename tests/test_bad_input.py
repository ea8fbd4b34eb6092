"""Bad input, item by item: each answered with a documented 4xx in the error envelope, and no
state change. One line per case: adding a case is adding a line."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from mock_server import NorthflankMock
from mock_server.spec import schema_validator
from tests.conftest import BUILDS, EXAMPLE_RUN, RUNS
from tests.mockproc import TOKEN

DEV = RUNS.format(stage="development")
RUN = f"{DEV}/{EXAMPLE_RUN}"
JSON = {"Content-Type": "application/json"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LONG_ID = "r" * 10_000

# (label, method, path, request keyword arguments, expected status)
BAD_INPUT: list[tuple[str, str, str, dict[str, Any], int]] = [
    ("invalid JSON", "POST", DEV, {"content": b'{"name": "Abc",', "headers": JSON}, 400),
    ("JSON array for an object", "POST", DEV, {"content": b'["Abc"]', "headers": JSON}, 400),
    ("JSON string for an object", "POST", DEV, {"content": b'"Abc"', "headers": JSON}, 400),
    ("JSON null for an object", "POST", DEV, {"content": b"null", "headers": JSON}, 400),
    ("not UTF-8", "POST", DEV, {"content": b'{"name": "\xff\xfe"}', "headers": JSON}, 400),
    ("text/plain body", "POST", DEV, {"content": b"name=Abc", "headers": {"Content-Type": "text/plain"}}, 415),
    ("form body", "POST", DEV, {"data": {"name": "Abc"}}, 415),
    ("body over the limit", "POST", DEV, {"json": {"arguments": {"x": "y" * 1_100_000}}}, 413),
    ("abort body over the limit", "POST", f"{RUN}/abort", {"content": b"{" + b" " * 1_100_000 + b"}", "headers": JSON}, 413),
    ("unknown body field", "POST", DEV, {"json": {"nmae": "Typo"}}, 400),
    ("name below minLength", "POST", DEV, {"json": {"name": "Ab"}}, 400),
    ("name above maxLength", "POST", DEV, {"json": {"name": "A" * 40}}, 400),
    ("name empty", "POST", DEV, {"json": {"name": ""}}, 400),
    ("name starts with a digit", "POST", DEV, {"json": {"name": "1st release"}}, 400),
    ("name starts with a dash", "POST", DEV, {"json": {"name": "-release"}}, 400),
    ("name with two spaces", "POST", DEV, {"json": {"name": "Release  two"}}, 400),
    ("name with a trailing dash", "POST", DEV, {"json": {"name": "Release-"}}, 400),
    ("name not ASCII", "POST", DEV, {"json": {"name": "Relëase"}}, 400),
    ("name with NUL", "POST", DEV, {"json": {"name": "Rel\u0000ease"}}, 400),
    ("name a number", "POST", DEV, {"json": {"name": 12345}}, 400),
    ("description above maxLength", "POST", DEV, {"json": {"description": "d" * 201}}, 400),
    ("description empty", "POST", DEV, {"json": {"description": ""}}, 400),
    ("description with <>", "POST", DEV, {"json": {"description": "<script>alert(1)</script>"}}, 400),
    ("description not ASCII", "POST", DEV, {"json": {"description": "café release"}}, 400),
    ("description with a control character", "POST", DEV, {"json": {"description": "bell \u0007"}}, 400),
    ("arguments a list", "POST", DEV, {"json": {"arguments": ["A=1"]}}, 400),
    ("overrides a string", "POST", DEV, {"json": {"overrides": "example-ref"}}, 400),
    ("releaseNodeOverrides a number", "POST", DEV, {"json": {"releaseNodeOverrides": 1}}, 400),
    ("run id with ../", "GET", f"{DEV}/..%2F..%2Fjobs", {}, 404),
    ("run id %2e%2e%2f", "GET", f"{DEV}/%2e%2e%2f", {}, 404),
    ("trailing slash", "GET", f"{DEV}/", {}, 404),
    ("run id with NUL", "GET", f"{DEV}/run%00id", {}, 404),
    ("run id of 10,000 characters", "GET", f"{DEV}/{LONG_ID}", {}, 404),
    ("abort of a 10,000 character id", "POST", f"{DEV}/{LONG_ID}/abort", {}, 404),
    ("project id with ../", "GET", "/v1/projects/..%2Fdemo-project/jobs/demo-job/build", {}, 404),
    ("per_page 0", "GET", DEV, {"params": {"per_page": "0"}}, 400),
    ("per_page 101", "GET", DEV, {"params": {"per_page": "101"}}, 400),
    ("per_page -1", "GET", DEV, {"params": {"per_page": "-1"}}, 400),
    ("per_page abc", "GET", DEV, {"params": {"per_page": "abc"}}, 400),
    ("per_page 1.5", "GET", DEV, {"params": {"per_page": "1.5"}}, 400),
    ("per_page empty", "GET", DEV, {"params": {"per_page": ""}}, 400),
    ("builds per_page 101", "GET", BUILDS, {"params": {"per_page": "101"}}, 400),
    ("page 0", "GET", DEV, {"params": {"page": "0"}}, 400),
    ("page -3", "GET", DEV, {"params": {"page": "-3"}}, 400),
    ("page abc", "GET", BUILDS, {"params": {"page": "abc"}}, 400),
    ("status not a run status", "GET", DEV, {"params": {"status": "done"}}, 400),
    ("concluded not a boolean", "GET", DEV, {"params": {"concluded": "yes"}}, 400),
    ("tampered cursor", "GET", DEV, {"params": {"cursor": "TAMPERED"}}, 400),
    ("truncated cursor", "GET", DEV, {"params": {"cursor": "TRUNCATED"}}, 400),
    ("cursor of another list", "GET", BUILDS, {"params": {"cursor": "FOREIGN"}}, 400),
    ("cursor of garbage", "GET", DEV, {"params": {"cursor": "%%%"}}, 400),
    ("repeated per_page", "GET", DEV, {"params": [("per_page", "1"), ("per_page", "2")]}, 400),
    ("repeated status", "GET", DEV, {"params": [("status", "success"), ("status", "failure")]}, 400),
    ("unknown query parameter", "GET", DEV, {"params": {"perpage": "10"}}, 400),
    ("no Authorization", "GET", DEV, {"headers": {"Authorization": None}}, 401),
    ("empty Authorization", "GET", DEV, {"headers": {"Authorization": ""}}, 401),
    ("Bearer without a token", "GET", DEV, {"headers": {"Authorization": "Bearer"}}, 401),
    ("malformed Authorization", "GET", BUILDS, {"headers": {"Authorization": "Bearertoken"}}, 401),
    ("Basic scheme", "POST", DEV, {"headers": {"Authorization": "Basic dXNlcjpwYXNz"}, "json": {}}, 401),
    ("Token scheme", "POST", f"{RUN}/abort", {"headers": {"Authorization": "Token abc"}}, 401),
    ("wrong method", "PUT", DEV, {"json": {}}, 405),
    ("wrong method on a run", "DELETE", RUN, {}, 405),
]  # fmt: skip


def fingerprint(mock: NorthflankMock) -> dict[str, Any]:
    """What a rejected request must not change: counts and the newest runs of every list."""
    with mock.http() as api:
        health = mock.control.get("/_mock/health").json()
        heads = {
            stage: api.get(RUNS.format(stage=stage), params={"per_page": 5}).json()
            for stage in ("development", "staging", "production")
        }
        runs = {stage: head["data"]["runs"] for stage, head in heads.items()}
        example = api.get(RUN).json()
    return {"runs": health["runs"], "heads": runs, "example": example}


def real_cursor(api: httpx.Client, path: str) -> str:
    cursor: str = api.get(path, params={"per_page": 1}).json()["pagination"]["cursor"]
    return cursor


@pytest.mark.parametrize(
    ("label", "method", "path", "kwargs", "status"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_is_a_documented_4xx_and_changes_nothing(
    fresh: NorthflankMock, label: str, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    before = fingerprint(fresh)
    kwargs = json.loads(json.dumps(kwargs)) if "content" not in kwargs else dict(kwargs)
    headers = {**AUTH, **kwargs.pop("headers", {})}
    headers = {name: value for name, value in headers.items() if value is not None}
    with fresh.http() as api:
        params = kwargs.get("params")
        if isinstance(params, dict) and params.get("cursor") in (
            "TAMPERED",
            "TRUNCATED",
            "FOREIGN",
        ):
            cursor = real_cursor(api, DEV)
            params["cursor"] = {
                "TAMPERED": cursor[:-1] + ("A" if cursor[-1] != "A" else "B"),
                "TRUNCATED": cursor[: len(cursor) // 2],
                "FOREIGN": cursor,
            }[params["cursor"]]
        url = f"{fresh.url}{path}"
        response = httpx.request(method, url, headers=headers, timeout=30, **kwargs)
    assert response.status_code == status, response.text[:500]
    body = response.json()
    assert schema_validator("#/components/schemas/Error").is_valid(body)
    assert body["error"]["status"] == status and body["error"]["message"] and body["error"]["id"]
    if status == 400:
        assert body["error"]["details"]["errors"], "a 400 lists its violations"
    assert fingerprint(fresh) == before


# The other side of each limit: values right at it are accepted.

AT_THE_LIMIT: list[tuple[str, dict[str, Any]]] = [
    ("name of 3", {"name": "Abc"}),
    ("name of 39", {"name": "A" + "b" * 38}),
    ("name with dashes and spaces", {"name": "Hotfix-2 for api v3"}),
    ("description of 200", {"description": "d" * 200}),
    ("description with every allowed symbol", {"description": "Plain. Words, ok? back\\slash /path 'q' \"dq\" (p) [b]; `t` 100% ^&*-_:!"}),
    ("every field", {"name": "Everything", "description": "All.", "arguments": {"A": "1"}, "overrides": {"r": {"branch": "x"}}, "releaseNodeOverrides": {"s": {"type": "registry"}}}),
    ("arguments with non-ASCII values", {"arguments": {"GREETING": "grüß dich ✓"}}),
]  # fmt: skip


@pytest.mark.parametrize(("label", "body"), AT_THE_LIMIT, ids=[c[0] for c in AT_THE_LIMIT])
def test_values_at_the_limit_are_accepted(
    api: httpx.Client, label: str, body: dict[str, Any]
) -> None:
    response = api.post(DEV, json=body)
    assert response.status_code == 200, response.text
    run = response.json()["data"]
    for field in ("name", "description"):
        if field in body:
            assert run[field] == body[field]
    for name, value in body.get("arguments", {}).items():
        assert run["arguments"][name] == value


@pytest.mark.parametrize(
    ("name", "values"), [("per_page", ["1", "100"]), ("page", ["1", "999999999999"])]
)
def test_query_values_at_the_limit_are_accepted(
    api: httpx.Client, name: str, values: list[str]
) -> None:
    for value in values:
        assert api.get(DEV, params={name: value}).status_code == 200

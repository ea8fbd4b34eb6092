"""Hostile and careless input, for every operation of the route table and every control endpoint:
each is answered with a 4xx in the error envelope, and changes nothing.

The tables are built from the route table and the control app's routes, so an operation or a
control endpoint added later is covered without a line here. Each class of input is one entry of
API_CASES or CONTROL_CASES: adding a class is adding an entry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from mock_server import Settings, create_app
from mock_server.domain import pagination
from mock_server.http.routes import Route, RouteTable
from mock_server.spec import load_spec, schema_validator
from tests.conftest import EXAMPLE_RUN, RUNS
from tests.mockproc import TOKEN, MockProcess

ROUTES = RouteTable.from_spec(load_spec()).routes
# Values for path parameters: the default dataset's, and a stand-in for any other.
SAMPLE_IDS = {
    "teamId": "demo-team",
    "projectId": "demo-project",
    "pipelineId": "demo-pipeline",
    "stage": "development",
    "runId": EXAMPLE_RUN,
    "jobId": "demo-job",
}
JSON = "application/json"
EVIL_HOST = "attacker.example:4010"
DEEP = b"[" * 20_000 + b"]" * 20_000
HUGE_INTEGER = b'{"x": ' + b"9" * 5000 + b"}"
ENVELOPE = schema_validator("#/components/schemas/Error")


@dataclass(frozen=True)
class Case:
    label: str
    status: int
    headers: dict[str, str | bytes] = field(default_factory=dict)
    body: bytes | None = None
    query: str = ""
    path: Callable[[str], str] | None = None  # changes the request's path
    applies: Callable[[str, str], bool] = lambda method, path: True


def _body(content: bytes, content_type: str = JSON, status: int = 400) -> dict[str, Any]:
    return {"body": content, "headers": {"Content-Type": content_type}, "status": status}


def _forged_cursor(payload: bytes) -> str:
    """A cursor that carries a valid signature (the key is in the source) over any payload."""
    mac = hmac.new(pagination._KEY, payload, hashlib.sha256).digest()[:12]

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    return f"{b64(payload)}.{b64(mac)}"


def _takes_cursor(route: Route) -> bool:
    parameters = load_spec()["paths"][route.template][route.method.lower()].get("parameters", [])
    return any(p.get("name") == "cursor" or "cursor" in p.get("$ref", "") for p in parameters)


def _long_id(length: int) -> Callable[[str], str]:
    """The path with its first id (the project's) `length` characters long."""
    return lambda path: path.replace("demo-project", "i" * length, 1)


# Every class of bad input an API operation can get. A body goes to every operation: those the
# spec gives none refuse any body that is not empty, as the others refuse bad ones.
API_CASES = [
    Case("Host the mock does not serve", 421, headers={"Host": EVIL_HOST}),
    Case("Host of a rebinding page, no port", 421, headers={"Host": "attacker.example"}),
    Case("JSON nested 20,000 deep", **_body(DEEP)),
    Case("integer of 5,000 digits", **_body(HUGE_INTEGER)),
    Case("number beyond a float64", **_body(b'{"arguments": {"A": 1e400}}')),
    Case("NaN", **_body(b'{"arguments": {"A": NaN}}')),
    Case("Infinity", **_body(b'{"arguments": {"A": [-Infinity]}}')),
    Case("lone surrogate in a string", **_body(b'{"name": "Rel\\ud800ease"}')),
    Case("lone surrogate in a key", **_body(b'{"arguments": {"\\udc00": "x"}}')),
    Case("not UTF-8", **_body(b'{"name": "\xff"}')),
    Case("not JSON", **_body(b"{'name': 'x'}")),
    Case("run name ending in a newline", **_body(b'{"name": "Example\\n"}')),
    Case("header of 64 KiB", 431, headers={"X-Padding": "p" * 65536}),
    Case("Prefer delay of 5,000 digits", 400, headers={"Prefer": "delay=" + "9" * 5000}),
    Case("Prefer delay in superscript digits", 400, headers={"Prefer": b"delay=\xb2"}),
    Case("Prefer code in superscript digits", 400, headers={"Prefer": b"code=\xb2\xb2\xb2"}),
    Case("id of 40,000 characters", 431, path=_long_id(40_000)),
    Case("id of 10,000 characters", 404, path=_long_id(10_000)),
    Case("query integer of 5,000 digits", 400, query="per_page=" + "9" * 5000,
         applies=lambda method, path: method == "GET" and not path.endswith("}")),
]  # fmt: skip
for _label, _payload in [
    ("signed cursor that is not JSON", b"\xff\xfe"),
    ("signed cursor of a list", b"[1, 2]"),
    ("signed cursor of a string", b'"runs"'),
    ("signed cursor with a string position", b'{"l": "%s", "a": "7"}'),
    ("signed cursor with a boolean position", b'{"l": "%s", "a": true}'),
    ("signed cursor nested deep", b"[" * 5000 + b"]" * 5000),
    ("signed cursor with NaN", b'{"l": "%s", "a": NaN}'),
]:
    API_CASES.append(Case(_label, 400, query="cursor=CURSOR:" + _payload.decode("latin-1")))


def _api_cases() -> list[tuple[Route, Case]]:
    cases = []
    for route in ROUTES:
        for case in API_CASES:
            if case.query.startswith("cursor=") and not _takes_cursor(route):
                continue
            if case.applies(route.method, route.template):
                cases.append((route, case))
    return cases


def _path(template: str) -> str:
    return re.sub(
        r"\{(\w+)\}", lambda m: SAMPLE_IDS.get(m.group(1), "demo-" + m.group(1)), template
    )


def _query(case: Case, path: str) -> str:
    if not case.query.startswith("cursor=CURSOR:"):
        return case.query
    payload = case.query.removeprefix("cursor=CURSOR:").encode("latin-1")
    scope = "runs:" + "/".join(path.split("/")[3:8:2]) if "/runs" in path else "builds:x"
    if b"%s" in payload:
        payload = payload.replace(b"%s", scope.encode())
    return "cursor=" + _forged_cursor(payload)


def state_of(mock: MockProcess) -> dict[str, Any]:
    """What no refused request may change: runs, clock, fault rules, outcome choices."""
    with mock.http() as api:
        heads = {
            stage: api.get(RUNS.format(stage=stage), params={"per_page": 3}).json()
            for stage in ("development", "staging", "production")
        }
        example = api.get(f"{RUNS.format(stage='development')}/{EXAMPLE_RUN}").json()
    control = mock.control
    health = control.get("/_mock/health").json()
    return {
        "heads": heads,
        "example": example,
        "runs": health["runs"],
        "clock": control.get("/_mock/clock").json(),
        "faults": control.get("/_mock/faults").json(),
        "outcomes": control.get("/_mock/outcomes").json(),
    }


def assert_envelope(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert ENVELOPE.is_valid(body), body
    assert body["error"]["status"] == status and body["error"]["message"] and body["error"]["id"]


def send(
    mock: MockProcess, method: str, path: str, case: Case, token: str = TOKEN
) -> httpx.Response:
    given = {"Authorization": f"Bearer {token}", **case.headers}
    headers = {
        name.encode(): value if isinstance(value, bytes) else value.encode()
        for name, value in given.items()
    }
    url = f"{mock.url}{case.path(path) if case.path else path}"
    query = _query(case, path)
    if query:
        url += "?" + query
    with httpx.Client(timeout=30) as client:
        return client.request(method, url, headers=headers, content=case.body)


@pytest.mark.parametrize(
    ("route", "case"),
    _api_cases(),
    ids=[f"{route.operation_id}: {case.label}" for route, case in _api_cases()],
)
def test_every_operation_refuses_bad_input_and_changes_nothing(
    fresh: MockProcess, route: Route, case: Case
) -> None:
    before = state_of(fresh)
    response = send(fresh, route.method, _path(route.template), case)
    assert_envelope(response, case.status)
    assert state_of(fresh) == before


# The control plane: every endpoint, as the control app routes them.

CONTROL_ROUTES = sorted(
    (method, route.path)
    for route in create_app(Settings()).control.routes  # type: ignore[attr-defined]
    for method in route.methods or ()
    if method != "HEAD"
)


def _writes(method: str, path: str) -> bool:
    return method != "GET"


CONTROL_CASES = [
    Case("Host the mock does not serve", 421, headers={"Host": EVIL_HOST}),
    Case("a page of another origin", 403, headers={"Origin": "http://attacker.example"}),
    Case("a page of the same site, another port", 403,
         headers={"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"}),
    Case("a sandboxed page (Origin null)", 403, headers={"Origin": "null"}),
    Case("a cross-site fetch without Origin", 403, headers={"Sec-Fetch-Site": "cross-site"}),
    Case("text/plain body, as a page can send without asking", 415, body=b'{"advance": 1}',
         headers={"Content-Type": "text/plain"}, applies=_writes),
    Case("form body", 415, body=b"outcome=failure",
         headers={"Content-Type": "application/x-www-form-urlencoded"}, applies=_writes),
    Case("JSON body without a content type", 415, body=b"{}", applies=_writes),
    Case("JSON nested 20,000 deep", **_body(DEEP), applies=_writes),
    Case("integer of 5,000 digits", **_body(HUGE_INTEGER), applies=_writes),
    Case("NaN", **_body(b'{"advance": NaN, "count": NaN, "status": NaN}'), applies=_writes),
    Case("Infinity", **_body(b'{"advance": Infinity, "probability": Infinity}'), applies=_writes),
    Case("lone surrogate", **_body(b'{"outcome": "\\ud800"}'), applies=_writes),
    Case("not JSON", **_body(b"reset please"), applies=_writes),
    Case("a JSON array", **_body(b"[1]"), applies=_writes),
    Case("body over the limit", **_body(b'{"x": "' + b"y" * 1_100_000 + b'"}', status=413),
         applies=_writes),
    Case("header of 64 KiB", 431, headers={"X-Padding": "p" * 65536}),
]  # fmt: skip


def _control_path(path: str) -> str:
    return path.replace("{run_id}", EXAMPLE_RUN).replace("{rule_id}", "1")


@pytest.mark.parametrize(
    ("method", "path", "case"),
    [(m, p, c) for m, p in CONTROL_ROUTES for c in CONTROL_CASES if c.applies(m, p)],
    ids=[
        f"{m} {p}: {c.label}" for m, p in CONTROL_ROUTES for c in CONTROL_CASES if c.applies(m, p)
    ],
)
def test_every_control_endpoint_refuses_bad_input_and_changes_nothing(
    fresh: MockProcess, method: str, path: str, case: Case
) -> None:
    before = state_of(fresh)
    response = send(fresh, method, _control_path(path), case)
    assert_envelope(response, case.status)
    assert state_of(fresh) == before


# Fields of the control bodies: wrong types, non-finite and absurd values, each named.

FIELD_CASES: list[tuple[str, dict[str, Any] | str, str]] = [
    ("/_mock/clock", {"advance": "5"}, "advance"),
    ("/_mock/clock", {"advance": True}, "advance"),
    ("/_mock/clock", {"advance": -1}, "advance"),
    ("/_mock/clock", {"advance": 1e300}, "advance"),
    ("/_mock/clock", {"advance": 10**18}, "advance"),
    ("/_mock/clock", {"advance": None}, "advance"),
    ("/_mock/clock", {"advance": 1, "by": 2}, "by"),
    ("/_mock/faults", {"operationId": ["listReleaseFlowRuns"], "status": 500}, "operationId"),
    ("/_mock/faults", {"operationId": {"a": 1}, "status": 500}, "operationId"),
    ("/_mock/faults", {"status": "500"}, "status"),
    ("/_mock/faults", {"status": 500.5}, "status"),
    ("/_mock/faults", {"status": 500, "count": 10**30}, "count"),
    ("/_mock/faults", {"status": 500, "probability": "half"}, "probability"),
    ("/_mock/faults", {"delayMs": 10**12}, "delayMs"),
    ("/_mock/faults", {"status": 429, "retryAfter": -1}, "retryAfter"),
    ("/_mock/outcomes", {"outcome": ["failure"]}, "outcome"),
    ("/_mock/outcomes", {"outcome": {"failure": 1}}, "outcome"),
    ("/_mock/outcomes", {"outcome": "failure", "count": True}, "count"),
    ("/_mock/outcomes", {"outcome": "failure", "count": 2.5}, "count"),
    ("/_mock/outcomes", {"outcome": "failure", "projectId": 1, "pipelineId": "p", "stage": "s"}, "projectId"),
    ("/_mock/outcomes", {"outcome": "failure", "projectId": "x" * 5000, "pipelineId": "p", "stage": "s"}, "projectId"),
    ("/_mock/outcomes", {"outcome": "failure", "stage": "staging"}, "projectId"),
    (f"/_mock/runs/{EXAMPLE_RUN}/outcome", {"outcome": 7}, "outcome"),
    (f"/_mock/runs/{EXAMPLE_RUN}/outcome", {"outcome": "hold", "why": "x"}, "why"),
    ("/_mock/reset", {"everything": True}, ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "body", "field_name"),
    FIELD_CASES,
    ids=[f"{p} {json.dumps(b)[:60]}" for p, b, _ in FIELD_CASES],
)
def test_control_fields_are_checked_and_named(
    fresh: MockProcess, path: str, body: dict[str, Any], field_name: str
) -> None:
    before = state_of(fresh)
    response = fresh.control.post(path, json=body)
    assert_envelope(response, 400)
    errors = response.json()["error"]["details"]["errors"]
    assert [error["path"] for error in errors][:1] == [field_name], errors
    assert state_of(fresh) == before


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("DELETE", "/_mock/faults/" + "9" * 5000, 404),
        ("DELETE", "/_mock/faults/-1", 404),
        ("DELETE", "/_mock/faults/1e3", 404),
        ("DELETE", "/_mock/faults/\u00b2", 404),
        ("POST", f"/_mock/runs/{'r' * 10_000}/outcome", 404),
        ("POST", f"/_mock/runs/{'r' * 40_000}/outcome", 431),
    ],
)
def test_absurd_control_ids_are_4xx_envelopes(
    fresh: MockProcess, method: str, path: str, status: int
) -> None:
    before = state_of(fresh)
    body = {"outcome": "hold"} if method == "POST" else None
    # Over the socket: the control helpers of an embedded mock skip it, and with it the
    # server's limit on request heads.
    with httpx.Client(base_url=fresh.url, timeout=30) as client:
        response = client.request(method, path, json=body)
    assert_envelope(response, status)
    assert state_of(fresh) == before


@pytest.fixture(scope="module")
def guarded_control() -> Any:
    with MockProcess("--control-token", "s3cret", "--manual-clock") as mock:
        yield mock


@pytest.mark.parametrize(("method", "path"), CONTROL_ROUTES)
def test_the_control_token_guards_every_control_endpoint_but_health(
    guarded_control: MockProcess, method: str, path: str
) -> None:
    url = f"{guarded_control.url}{_control_path(path)}"
    with httpx.Client(timeout=30) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
            response = client.request(method, url, headers=headers)
            if path == "/_mock/health":
                assert response.status_code == 200
            else:
                assert_envelope(response, 401)
                assert response.headers["www-authenticate"].startswith("Bearer")
        good = client.request(method, url, headers={"Authorization": "Bearer s3cret"})
    assert good.status_code not in (401, 403, 415), good.text

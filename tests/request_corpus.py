"""A corpus of requests generated from the spec, valid and invalid, for the differential test.

Two sources, both deterministic:

- schemathesis draws requests for every operation from the spec, in positive mode (what the
  spec allows) and negative mode (what it does not: wrong types, values out of range, unknown
  parameters, bodies of the wrong shape). Path ids are swapped for the default dataset's most
  of the time, so that requests get past 404 to the logic behind.
- A table built from the route table adds what schemathesis leaves out: every other method on
  each path, HEAD, trailing slashes and unknown paths, every kind of Authorization header, bad
  JSON, content types, empty and oversized bodies, and Prefer headers.

`for_tokens` then gives the requests the bearer tokens of one configuration of the mock.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

from mock_server.http.routes import RouteTable
from mock_server.spec import load_spec
from tests.conftest import EXAMPLE_RUN

DATASET = {
    "teamId": ["demo-team"],
    "projectId": ["demo-project"],
    "pipelineId": ["demo-pipeline"],
    "stage": ["development", "staging", "production"],
    "runId": [
        EXAMPLE_RUN,
        "7e6ddce7-a7ac-4732-b6fa-dfa7e5c15b62",  # development, running
        "0787c0de-2f96-4063-bc67-ba94637d6efa",  # development, pending
        "c5f3f3e9-186f-4a08-992b-2ef53c816302",  # staging, failed
        "35a0c4bf-1386-4684-9ab1-84040024a78c",  # production
    ],
    "jobId": ["demo-job"],
}
AUTH_PLACEHOLDER = b"{token}"


@dataclass(frozen=True)
class Request:
    method: str
    raw_path: bytes  # percent-encoded, as on the wire
    query: bytes = b""
    headers: tuple[tuple[bytes, bytes], ...] = ()
    body: bytes = b""
    source: str = ""

    def scope(self) -> dict[str, Any]:
        """The ASGI scope uvicorn would build for it."""
        return {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": self.method, "scheme": "http",
            "path": unquote(self.raw_path.decode("ascii")), "raw_path": self.raw_path,
            "query_string": self.query, "root_path": "",
            "headers": [(b"host", b"testserver"), *self.headers],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
        }  # fmt: skip

    def label(self) -> str:
        return f"{self.method} {self.raw_path.decode()}?{self.query.decode()} [{self.source}]"


def corpus(per_operation: int, seed: int = 7) -> list[Request]:
    """Every request of the corpus; `per_operation` schemathesis draws per operation and mode."""
    rng = random.Random(seed)
    spec = load_spec()
    requests = [*from_schemathesis(spec, per_operation, rng), *from_route_table(spec)]
    rng.shuffle(requests)  # creations, aborts and reads interleave
    return requests


def for_tokens(requests: list[Request], tokens: list[str], seed: int) -> list[Request]:
    """The requests with `{token}` placeholders filled in, each with one of `tokens`."""
    rng = random.Random(seed)
    filled = []
    for request in requests:
        token = rng.choice(tokens).encode()
        headers = tuple(
            (name, value.replace(AUTH_PLACEHOLDER, token)) for name, value in request.headers
        )
        filled.append(replace(request, headers=headers))
    return filled


def from_schemathesis(
    spec: dict[str, Any], per_operation: int, rng: random.Random
) -> list[Request]:
    schema = schemathesis.openapi.from_dict(copy.deepcopy(spec))
    requests: list[Request] = []
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            raise AssertionError(f"schemathesis cannot read an operation: {result.err()}")
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            label = f"schemathesis {mode.value} {operation.label}"
            for case in _draw(operation.as_strategy(generation_mode=mode), per_operation):
                requests.append(_from_case(case, operation.path, rng, label))
    return requests


def _draw(strategy: Any, count: int) -> list[Any]:
    """`count` examples of a hypothesis strategy, the same ones on every run."""
    drawn: list[Any] = []

    @given(case=strategy)
    @settings(
        max_examples=count, derandomize=True, database=None, deadline=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    def collect(case: Any) -> None:
        drawn.append(case)

    collect()
    return drawn


def _from_case(case: Any, template: str, rng: random.Random, label: str) -> Request:
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    path = urlsplit(kwargs["url"]).path
    if rng.random() < 0.75:  # mostly ids the dataset has, so that requests reach the logic
        values = dict(case.path_parameters or {})
        for name in values:
            if name in DATASET and rng.random() < 0.9:
                values[name] = rng.choice(DATASET[name])
        path = template.format(**values)
    headers: list[tuple[bytes, bytes]] = []
    ours = rng.random() < 0.8  # a token of the configuration, most of the time
    for name, value in kwargs["headers"].items():
        if name.lower() in ("user-agent", "x-schemathesis-testcaseid", "connection"):
            continue
        if name.lower() == "authorization" and ours:
            continue
        headers.append((name.lower().encode("latin-1"), str(value).encode("utf-8")))
    if ours:
        headers.append(BEARER)
    body = b""
    if "json" in kwargs:
        body = json.dumps(kwargs["json"]).encode()
    elif kwargs.get("data") is not None:
        data = kwargs["data"]
        body = data if isinstance(data, bytes) else str(data).encode("utf-8")
    if body and case.media_type and not any(n == b"content-type" for n, _ in headers):
        headers.append((b"content-type", case.media_type.encode("latin-1")))
    if body:
        headers.append((b"content-length", str(len(body)).encode()))
    query = urlencode(kwargs.get("params") or {}, doseq=True).encode("ascii")
    return Request(case.method, path.encode("ascii"), query, tuple(headers), body, label)


BEARER = (b"authorization", b"Bearer {token}")
JSON = (b"content-type", b"application/json")
AUTHORIZATIONS: list[tuple[tuple[bytes, bytes], ...]] = [
    (),
    ((b"authorization", b""),),
    ((b"authorization", b"Bearer"),),
    ((b"authorization", b"Bearer "),),
    ((b"authorization", b"bearer {token}"),),
    ((b"authorization", b"BEARER   {token}"),),
    ((b"authorization", b"Basic dXNlcjpwYXNz"),),
    ((b"authorization", b"Token {token}"),),
    ((b"authorization", b"Bearer no-such-token"),),
    ((b"authorization", b"Bearer {token}"), (b"authorization", b"Bearer other")),
    ((b"Authorization", b"Bearer {token}"),),
]
BODIES: list[tuple[tuple[bytes, bytes] | None, bytes]] = [
    (JSON, b'{"name": "Run one", "arguments": {"A": "1"}}'),
    (JSON, b'{"description": "From the corpus", "overrides": {"r": {"branch": "x"}}}'),
    (JSON, b"{}"),
    (JSON, b""),
    (JSON, b"   "),
    (JSON, b"{not json"),
    (JSON, b"[]"),
    (JSON, b"null"),
    (JSON, b'"text"'),
    (JSON, b'{"name": "x"}'),
    (JSON, b'{"name": 5, "extra": true, "arguments": []}'),
    (JSON, b'{"arguments": {"A": 1}}'),
    (JSON, '{"name": "R\u00e9sum\u00e9 run"}'.encode()),
    (JSON, b'{"name": "\xff\xfe"}'),
    ((b"content-type", b"application/json; charset=utf-8"), b'{"name": "Charset run"}'),
    ((b"content-type", b"application/json; charset=latin-1"), b'{"name": "Latin run"}'),
    ((b"content-type", b"application/json; charset=nope"), b'{"name": "Nope run"}'),
    ((b"content-type", b"Application/JSON"), b"{}"),
    ((b"content-type", b"application/merge-patch+json"), b"{}"),
    ((b"content-type", b"text/plain"), b"hello"),
    ((b"content-type", b"multipart/form-data; boundary=x"), b"--x--"),
    ((b"content-type", b""), b"{}"),
    (None, b"{}"),
    (None, b""),
]


def from_route_table(spec: dict[str, Any]) -> list[Request]:
    """The structural cases: methods, paths, credentials, content types and bodies."""
    routes = RouteTable.from_spec(spec)
    requests: list[Request] = []
    for route in routes.routes:
        path = route.template.format(**{name: DATASET[name][0] for name in route.path_params})
        stages = DATASET["stage"] if "stage" in route.path_params else ["development"]
        for stage in stages:
            staged = path.replace("/development/", f"/{stage}/")
            requests.append(_request(route.method, staged, route.operation_id))
        for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
            requests.append(_request(method, path, f"{route.operation_id} by {method}"))
        requests.append(_request(route.method, path + "/", "trailing slash"))
        requests.append(_request(route.method, path.replace("/v1/", "/v2/"), "unknown path"))
        requests.append(_request(route.method, path.replace("demo-", "no-such-"), "not found"))
        requests.append(_request(route.method, path + "/%E2%9C%93%20x", "deeper path"))
        for authorization in AUTHORIZATIONS:
            requests.append(_request(route.method, path, "authorization", headers=authorization))
        for prefer in (b"code=429", b"example=reference", b"code=200", b"code=700", b"x=1"):
            requests.append(
                _request(route.method, path, "prefer", headers=(BEARER, (b"prefer", prefer)))
            )
        if route.method == "POST":
            for content_type, body in BODIES:
                headers = (BEARER, content_type) if content_type else (BEARER,)
                requests.append(_request("POST", path, "body", headers=headers, body=body))
        # Several faults at once: which check runs first decides the answer.
        for authorization in ((), ((b"authorization", b"Basic eDp5"),), (BEARER,)):
            for query in (b"", b"unknown=1", b"per_page=x"):
                for media_type, payload in ((b"text/plain", b"x"), (JSON[1], b"{")):
                    headers = (*authorization, (b"content-type", media_type))
                    combined = _request(
                        route.method, path, "combined", headers=headers, body=payload
                    )
                    requests.append(replace(combined, query=query))
        if route.method == "GET":
            for query in _queries(spec, route.operation_id):
                requests.append(_request("GET", path, "query", query=query))
    for path in ("/", "/v1", "/v1/projects", "/favicon.ico", "/ui/", "/ui", "/ui/index.html",
                 "/ui/swagger-ui.css", "/ui/no-such-file.js", "/openapi.json", "/openapi.yaml",
                 "/uix", "/v1/projects/demo-project/pipelines//release-flows/x/runs"):  # fmt: skip
        requests.append(_request("GET", path, "other path"))
    return requests


def _queries(spec: dict[str, Any], operation_id: str) -> list[bytes]:
    queries = [b"per_page=1", b"per_page=100", b"per_page=0", b"per_page=101", b"per_page=x"]
    queries += [b"per_page=2&page=3", b"page=0", b"page=-1", b"page=1.5", b"per_page=+5"]
    queries += [b"per_page=05", b"per_page=%201", b"per_page=", b"per_page=1&per_page=2"]
    queries += [b"cursor=not-a-cursor", b"cursor=", b"unknown=1", b"per_page=3&PER_PAGE=3"]
    queries += [b"per_page=99999999999999999999999", b"%ff=1", b"per_page=1&;=2"]
    if operation_id == "listReleaseFlowRuns":
        queries += [b"status=success", b"status=nope", b"concluded=true", b"concluded=false"]
        queries += [b"concluded=True", b"concluded=1", b"status=running&concluded=false"]
    return queries


def _request(
    method: str,
    path: str,
    source: str,
    *,
    headers: tuple[tuple[bytes, bytes], ...] = (BEARER,),
    body: bytes = b"",
    query: bytes = b"",
) -> Request:
    raw = quote(path, safe="/%").encode("ascii")
    if body:
        headers = (*headers, (b"content-length", str(len(body)).encode()))
    return Request(method, raw, query, headers, body, source)

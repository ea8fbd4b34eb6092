"""One error family: every answer and every failure to get one comes back as a NorthflankError."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from northflank_release_client import (
    APIConnectionError,
    ApiError,
    APIStatusError,
    APITimeoutError,
    AuthenticatedClient,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    Northflank,
    NorthflankConfigError,
    NorthflankError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    UnexpectedStatusError,
    unwrap,
)
from northflank_release_client.api.pipelines import get_release_flow_run, list_release_flow_runs
from northflank_release_client.errors import EXCERPT_CHARS
from northflank_release_client.models import ReleaseFlowRunListResponse, ReleaseFlowRunResponse

from tests.client_stubs import (
    PL,
    ST,
    P,
    answer,
    async_stub,
    example,
    quick_retry,
    refused_url,
    stub,
)

ENVELOPE = {"error": {"status": 0, "message": "it went wrong", "id": "err-1", "details": {"a": 1}}}


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (520, InternalServerError),
        (599, InternalServerError),
        (302, UnexpectedStatusError),
        (418, UnexpectedStatusError),
        (499, UnexpectedStatusError),
        (600, UnexpectedStatusError),
        (999, UnexpectedStatusError),
    ],
)
def test_each_status_has_its_error(status: int, kind: type[APIStatusError]) -> None:
    handler = answer(status, ENVELOPE, **{"x-request-id": "req-7"})
    with stub(handler) as nf, pytest.raises(kind) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    error = raised.value
    assert (
        type(error) is kind and isinstance(error, ApiError) and isinstance(error, NorthflankError)
    )
    assert error.status_code == status
    assert (error.message, error.error_id, error.details) == ("it went wrong", "err-1", {"a": 1})
    assert error.request_id == "req-7" and "req-7" in str(error) and "err-1" in str(error)


def test_a_status_python_does_not_know_reaches_the_caller_as_a_number() -> None:
    with stub(answer(520, b"<html>origin error</html>")) as nf:
        response = get_release_flow_run.sync_detailed(P, PL, ST, "r", client=nf.client)
    assert response.status_code == 520 and response.parsed is None
    with pytest.raises(InternalServerError) as raised:
        unwrap(response, ReleaseFlowRunResponse)
    assert "origin error" in raised.value.message


def test_an_error_status_with_an_html_body_keeps_its_status_class() -> None:
    with stub(answer(404, b"<html>Not here</html>")) as nf, pytest.raises(NotFoundError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    assert raised.value.message == "Not Found: <html>Not here</html>"
    assert raised.value.error_id is None


@pytest.mark.parametrize(
    ("headers", "retry_after"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
        ({"x-ratelimit-reset": "42"}, 42.0),
        ({"Retry-After": "soon", "x-ratelimit-reset": "42"}, 42.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_rate_limit_error_carries_the_retry_time(
    headers: dict[str, str], retry_after: float | None
) -> None:
    with (
        stub(answer(429, ENVELOPE, **headers), retry=None) as nf,
        pytest.raises(RateLimitError) as raised,
    ):
        nf.jobs.list_job_builds(P, "demo-job")
    assert raised.value.retry_after == retry_after


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json at all",
        b'{"data": ',
        b"[]",
        b"null",
        b"{}",
        b'{"data": []}',
        b'{"data": {"id": "r"}}',
        b"[" * 100_000,
        json.dumps({"data": {**example("ReleaseFlowRunDetails")["data"], "status": 7}}).encode(),
        json.dumps(
            {"data": {**example("ReleaseFlowRunDetails")["data"], "createdAt": "yesterday"}}
        ).encode(),
        json.dumps(
            {
                "data": {
                    **example("ReleaseFlowRunDetails")["data"],
                    "spec": {"kind": "Workflow", "spec": {"steps": 3}},
                }
            }
        ).encode(),
    ],
)
def test_a_success_status_with_a_body_that_does_not_parse(body: bytes) -> None:
    with stub(answer(200, body, **{"x-request-id": "req-9"})) as nf:
        with pytest.raises(ResponseShapeError) as raised:
            nf.pipelines.get_release_flow_run(P, PL, ST, "r")
        response = get_release_flow_run.sync_detailed(P, PL, ST, "r", client=nf.client)
    error = raised.value
    assert error.status_code == 200 and error.request_id == "req-9"
    assert error.expected == "ReleaseFlowRunResponse"
    assert error.excerpt == body[:EXCERPT_CHARS].decode() + (
        "…" if len(body) > EXCERPT_CHARS else ""
    )
    assert response.parsed is None and response.parse_error is not None


def test_the_excerpt_is_bounded_for_a_huge_body() -> None:
    body = b'{"data": "' + b"x" * 5_000_000 + b'"}'
    with stub(answer(200, body)) as nf, pytest.raises(ResponseShapeError) as raised:
        nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert len(raised.value.excerpt) == EXCERPT_CHARS + 1 and len(str(raised.value)) < 2000


def test_an_undocumented_success_status_is_a_shape_error() -> None:
    with stub(answer(204, b"")) as nf, pytest.raises(ResponseShapeError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    assert raised.value.status_code == 204


def test_a_refused_connection_is_a_connection_error() -> None:
    nf = Northflank(api_token="t", base_url=refused_url(), retry=quick_retry())
    with nf, pytest.raises(APIConnectionError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    error = raised.value
    assert not isinstance(error, APITimeoutError)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert isinstance(error, httpx.TransportError)  # code written against httpx still catches it
    assert "GET" in str(error) and "/runs/r" in str(error)


@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        (httpx.ConnectError, APIConnectionError),
        (httpx.RemoteProtocolError, APIConnectionError),
        (httpx.ReadError, APIConnectionError),
        (httpx.UnsupportedProtocol, APIConnectionError),
        (httpx.DecodingError, APIConnectionError),
        (httpx.ReadTimeout, APITimeoutError),
        (httpx.ConnectTimeout, APITimeoutError),
        (httpx.PoolTimeout, APITimeoutError),
    ],
)
def test_transport_failures_are_wrapped(failure: type[Exception], kind: type[Exception]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure("scripted", request=request)  # type: ignore[call-arg]

    with stub(handler) as nf, pytest.raises(kind) as raised:
        nf.pipelines.run_release_flow(P, PL, ST)
    assert isinstance(raised.value.__cause__, failure)
    if kind is APITimeoutError:
        assert isinstance(raised.value, httpx.TimeoutException)


def test_an_unusable_base_url_is_refused_when_the_client_is_built() -> None:
    with pytest.raises(NorthflankConfigError, match="'ftp'"):
        AuthenticatedClient(base_url="ftp://example.invalid", token="t")


def test_async_calls_raise_the_same_family() -> None:
    async def scenario() -> list[type[Exception]]:
        raised: list[type[Exception]] = []
        for handler in (answer(404, ENVELOPE), answer(200, b"nope"), answer(529, b"")):
            async with async_stub(handler) as nf:
                try:
                    await nf.pipelines.get_release_flow_run(P, PL, ST, "r")
                except NorthflankError as error:
                    raised.append(type(error))
        return raised

    assert asyncio.run(scenario()) == [NotFoundError, ResponseShapeError, InternalServerError]


def test_unwrap_of_a_generated_call_raises_the_family() -> None:
    page: dict[str, Any] = {"data": {"runs": [{"id": 5}]}, "pagination": {"hasNextPage": False}}
    with stub(answer(200, page)) as nf:
        response = list_release_flow_runs.sync_detailed(P, PL, ST, client=nf.client)
    with pytest.raises(ResponseShapeError) as raised:
        unwrap(response, ReleaseFlowRunListResponse)
    assert "KeyError" in str(raised.value) or "TypeError" in str(raised.value)


def test_api_error_keeps_its_old_constructor() -> None:
    error = ApiError(502, "Bad Gateway", content=b"x")
    assert error.status_code == 502 and error.error_id is None and error.details == {}
    built = ApiError.from_response(409, json.dumps(ENVELOPE).encode())
    assert isinstance(built, ConflictError) and built.message == "it went wrong"

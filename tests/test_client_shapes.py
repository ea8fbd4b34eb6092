"""What a response may hold: primitive fields of the wrong JSON type are a ResponseShapeError (a
wait never ends on a `"concluded": "false"`), timestamps are always aware, numbers are floats,
and a body past the size limit is refused without being held in memory."""

from __future__ import annotations

import asyncio
import copy
import datetime
import json
import time
import zlib
from typing import Any

import httpx
import pytest
from northflank_release_client import (
    DEFAULT_MAX_RESPONSE_BYTES,
    APIConnectionError,
    Northflank,
    ResponseShapeError,
)
from northflank_release_client.models import (
    ErrorEnvelope,
    JobBuildListResponse,
    ReleaseFlowRunListResponse,
    ReleaseFlowRunResponse,
)

from tests.client_stubs import (
    PL,
    ST,
    P,
    answer,
    async_stub,
    canned,
    endless,
    example,
    raw_server,
    stub,
)

RUN_LIST = example("ReleaseFlowRunList")
DETAILS = example("ReleaseFlowRunDetails")
BUILDS = example("JobBuildList")


def changed(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    document = copy.deepcopy(document)
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("document", "path", "value", "said"),
    [
        (
            RUN_LIST,
            ("data", "runs", 0, "concluded"),
            "false",
            "ReleaseFlowRun.concluded: expected a boolean, got a string 'false'",
        ),
        (
            RUN_LIST,
            ("data", "runs", 0, "id"),
            123,
            "ReleaseFlowRun.id: expected a string, got an integer 123",
        ),
        (
            RUN_LIST,
            ("data", "runs", 0, "name"),
            ["x"],
            "ReleaseFlowRun.name: expected a string, got an array",
        ),
        (
            RUN_LIST,
            ("pagination", "hasNextPage"),
            "yes",
            "Pagination.hasNextPage: expected a boolean",
        ),
        (
            RUN_LIST,
            ("pagination", "count"),
            "1",
            "Pagination.count: expected a number, got a string '1'",
        ),
        (
            RUN_LIST,
            ("pagination", "count"),
            True,
            "Pagination.count: expected a number, got a boolean",
        ),
        (RUN_LIST, ("data", "runs"), "x", "runs: expected an array, got a string 'x'"),
        (RUN_LIST, ("data",), None, "ReleaseFlowRunListResponseData: expected an object, got null"),
        (
            DETAILS,
            ("data", "concluded"),
            0,
            "ReleaseFlowRunDetails.concluded: expected a boolean, got an integer",
        ),
        (
            DETAILS,
            ("data", "triggers", 0, "branchRestrictions"),
            "main",
            "branchRestrictions: expected an array",
        ),
        (
            DETAILS,
            ("data", "triggers", 0, "branchRestrictions"),
            [1],
            "branchRestrictions[]: expected a string, got an integer",
        ),
        (
            BUILDS,
            ("data", "builds", 0, "pullRequestId"),
            "320",
            "pullRequestId: expected a number or null, got a string",
        ),
        (BUILDS, ("data", "builds", 0, "success"), "true", "JobBuild.success: expected a boolean"),
        (
            BUILDS,
            ("data", "builds", 0, "message"),
            5,
            "message: expected a string or null, got an integer",
        ),
    ],
)
def test_a_field_of_the_wrong_type_is_a_shape_error(
    document: Any, path: tuple[Any, ...], value: Any, said: str
) -> None:
    body = changed(document, path, value)
    with (
        stub(answer(200, body, **{"x-request-id": "req-3"})) as nf,
        pytest.raises(ResponseShapeError) as raised,
    ):
        if document is BUILDS:
            nf.jobs.list_job_builds(P, "demo-job")
        elif document is DETAILS:
            nf.pipelines.get_release_flow_run(P, PL, ST, "r")
        else:
            nf.pipelines.list_release_flow_runs(P, PL, ST)
    assert said in str(raised.value) and raised.value.request_id == "req-3"


def test_the_valid_examples_still_parse() -> None:
    assert ReleaseFlowRunListResponse.from_dict(RUN_LIST).data.runs
    assert ReleaseFlowRunResponse.from_dict(DETAILS).data.concluded is True
    assert JobBuildListResponse.from_dict(BUILDS).data.builds


@pytest.mark.parametrize("number", [320, 320.5, None])
def test_a_number_may_be_an_int_or_a_float(number: float | None) -> None:
    body = changed(BUILDS, ("data", "builds", 0, "pullRequestId"), number)
    assert JobBuildListResponse.from_dict(body).data.builds[0].pull_request_id == number


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2021-01-01T12:01:00", datetime.datetime(2021, 1, 1, 12, 1, tzinfo=datetime.UTC)),
        ("2021-01-01 12:01:00.000", datetime.datetime(2021, 1, 1, 12, 1, tzinfo=datetime.UTC)),
        ("2021-01-01T12:01:00.000Z", datetime.datetime(2021, 1, 1, 12, 1, tzinfo=datetime.UTC)),
        ("2021-01-01T14:01:00+02:00", datetime.datetime(2021, 1, 1, 12, 1, tzinfo=datetime.UTC)),
    ],
)
def test_timestamps_without_a_zone_are_utc(stamp: str, expected: datetime.datetime) -> None:
    body = changed(RUN_LIST, ("data", "runs", 0, "createdAt"), stamp)
    body = changed(body, ("data", "runs", 0, "startedAt"), stamp)
    runs = ReleaseFlowRunListResponse.from_dict(body).data.runs
    assert isinstance(runs, list)
    run = runs[0]
    for value in (run.created_at, run.started_at):
        assert isinstance(value, datetime.datetime)
        assert value.tzinfo is not None and value == expected
        assert value < datetime.datetime.now(datetime.UTC)  # comparable with aware datetimes


def lying_run() -> Any:
    return changed(changed(DETAILS, ("data", "status"), "running"), ("data", "concluded"), "false")


def test_a_wait_never_ends_on_a_string_concluded() -> None:
    with stub(answer(200, lying_run())) as nf, pytest.raises(ResponseShapeError, match="concluded"):
        nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=5)


def test_an_async_wait_never_ends_on_a_string_concluded() -> None:
    async def scenario() -> None:
        async with async_stub(answer(200, lying_run())) as nf:
            await nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=5)

    with pytest.raises(ResponseShapeError, match="concluded"):
        asyncio.run(scenario())


# The size limit.


def test_a_body_without_end_stops_at_the_limit() -> None:
    limit = 1 << 20
    with raw_server(endless()) as server:
        nf = Northflank(api_token="t", base_url=server.url, max_response_bytes=limit)
        started = time.monotonic()
        with nf, pytest.raises(ResponseShapeError, match="max_response_bytes of 1048576") as raised:
            nf.pipelines.list_release_flow_runs(P, PL, ST)
        assert time.monotonic() - started < 5
    assert raised.value.status_code == 200
    # What reached this process is the limit and a little more, plus what the sockets buffer.
    assert server.sent < limit + (16 << 20)


class _Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self, chunks: Any) -> None:
        self.chunks = chunks
        self.read = 0

    def __iter__(self) -> Any:
        for chunk in self.chunks:
            self.read += len(chunk)
            yield chunk

    async def __aiter__(self) -> Any:
        for chunk in self.chunks:
            self.read += len(chunk)
            yield chunk


def test_a_declared_length_past_the_limit_is_refused_before_reading() -> None:
    stream = _Chunks(b" " * 65536 for _ in range(100))

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-length": str(100 * 65536)}, stream=stream)

    with stub(handle, max_response_bytes=65536) as nf, pytest.raises(ResponseShapeError):
        nf.jobs.list_job_builds(P, "demo-job")
    assert stream.read == 0


def test_the_async_client_has_the_limit_too() -> None:
    stream = _Chunks(b" " * 65536 for _ in range(100))

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=stream)

    async def scenario() -> None:
        async with async_stub(handle, max_response_bytes=100_000) as nf:
            await nf.jobs.list_job_builds(P, "demo-job")

    with pytest.raises(ResponseShapeError, match="past the client's max_response_bytes"):
        asyncio.run(scenario())
    assert stream.read < 4 * 65536


def test_the_default_limit_leaves_real_answers_alone() -> None:
    assert DEFAULT_MAX_RESPONSE_BYTES == 64 * 1024 * 1024
    body = json.dumps(RUN_LIST).encode()
    with stub(answer(200, body)) as nf:
        assert nf.pipelines.list_release_flow_runs(P, PL, ST).pagination.count == 1


@pytest.mark.parametrize("status", ["500", 500.0, True])
def test_an_integer_field_takes_only_integers(status: object) -> None:
    with pytest.raises(TypeError, match=r"ErrorBody\.status: expected an integer"):
        ErrorEnvelope.from_dict({"error": {"status": status, "message": "it broke"}})
    assert (
        ErrorEnvelope.from_dict({"error": {"status": 500, "message": "it broke"}}).error.status
        == 500
    )


def _gzip_bomb(size: int) -> bytes:
    """`size` bytes of spaces, gzipped: about a thousandth of that on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b" " * (1 << 20)
    parts = [compressor.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + compressor.flush()


def test_a_compressed_body_is_limited_as_decoded() -> None:
    # 64 KiB on the wire that inflate to 64 MiB: the limit is on what the client would hold.
    bomb = _gzip_bomb(64 << 20)
    assert len(bomb) < 100_000
    limit = 1 << 20
    with raw_server(
        canned(200, bomb, **{"Content-Type": "application/json", "Content-Encoding": "gzip"})
    ) as server:
        nf = Northflank(api_token="t", base_url=server.url, max_response_bytes=limit)
        with nf, pytest.raises(ResponseShapeError, match="max_response_bytes of 1048576") as raised:
            nf.jobs.list_job_builds(P, "demo-job")
    assert raised.value.status_code == 200
    assert raised.value.reason.startswith("the body is ")


@pytest.mark.parametrize("coding", ["gzip", "deflate", "x-gzip", "gzip, gzip"])
def test_a_compressed_answer_under_the_limit_parses(coding: str) -> None:
    body = json.dumps(BUILDS).encode()
    for one in reversed(_codings_list(coding)):
        wbits = zlib.MAX_WBITS | 16 if one != "deflate" else zlib.MAX_WBITS
        compressor = zlib.compressobj(6, zlib.DEFLATED, wbits)
        body = compressor.compress(body) + compressor.flush()
    headers = {"Content-Type": "application/json", "Content-Encoding": coding}
    with (
        raw_server(canned(200, body, **headers)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
    ):
        page = nf.jobs.list_job_builds(P, "demo-job")
    assert page.data.builds[0].id == BUILDS["data"]["builds"][0]["id"]


def _codings_list(header: str) -> list[str]:
    return [part.strip() for part in header.split(",")]


def test_the_client_asks_only_for_codings_it_decodes_with_a_limit() -> None:
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("accept-encoding", ""))
        return httpx.Response(200, json=BUILDS)

    with stub(handle, headers={"Accept-Encoding": "br, gzip;q=0.9, zstd, deflate"}) as nf:
        nf.jobs.list_job_builds(P, "demo-job")
    with stub(handle) as nf:
        nf.jobs.list_job_builds(P, "demo-job")
    assert seen == ["gzip, deflate", "gzip, deflate"]


@pytest.mark.parametrize("coding", ["br", "zstd", "gzip, br"])
def test_a_coding_the_client_did_not_ask_for_is_refused(coding: str) -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": coding}
    with (
        raw_server(canned(200, b"\x00" * 64, **headers)) as server,
        Northflank(api_token="t", base_url=server.url) as nf,
        pytest.raises(ResponseShapeError, match="did not ask for"),
    ):
        nf.jobs.list_job_builds(P, "demo-job")


def test_a_corrupt_gzip_body_is_a_connection_error_as_before() -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    with (
        raw_server(canned(200, b'{"data": {}}', **headers)) as server,
        Northflank(api_token="t", base_url=server.url, max_retries=0) as nf,
        pytest.raises(APIConnectionError, match="DecodingError"),
    ):
        nf.jobs.list_job_builds(P, "demo-job")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_number_json_has_no_form_for_is_a_shape_error(number: str) -> None:
    body = json.dumps(BUILDS).replace('"count": 1', f'"count": {number}', 1)
    assert number in body
    with (
        stub(answer(200, body.encode())) as nf,
        pytest.raises(ResponseShapeError, match=r"not a JSON value|beyond a float's range"),
    ):
        nf.jobs.list_job_builds(P, "demo-job")

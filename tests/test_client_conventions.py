"""What users of SDKs like openai's expect: with_options, max_retries, read-only settings, a
User-Agent, errors that carry the response and pickle, one name per error, UNSET at the top,
enum parameters mypy checks, and messages that read well."""

from __future__ import annotations

import copy
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import northflank_release_client as package
import pytest
from northflank_release_client import (
    UNSET,
    USER_AGENT,
    VERSION,
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticatedClient,
    ClientStateError,
    InternalServerError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    Northflank,
    NorthflankConfigError,
    NorthflankError,
    NotFoundError,
    PaginationError,
    RateLimitError,
    ResponseShapeError,
    RunWaitTimeout,
    UnexpectedStatusError,
    UnprocessableEntityError,
    Unset,
)
from northflank_release_client.api.pipelines import get_release_flow_run

from scripts.generate_client import OUTPUT
from tests.client_stubs import PL, ST, P, answer, example, stub

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the retry layer's sleeps instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr("northflank_release_client.retry.time.sleep", recorded.append)
    return recorded


def unavailable() -> tuple[list[httpx.Request], Any]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, json={"error": {"status": 503, "message": "down"}})

    return seen, handle


# with_options, max_retries, settings.


def test_with_options_gives_a_configured_copy(sleeps: list[float]) -> None:
    seen, handler = unavailable()
    nf = Northflank(
        api_token="t", base_url="http://stub.invalid", transport=httpx.MockTransport(handler)
    )
    once = nf.with_options(max_retries=0, timeout=7, team_id="team-1")
    assert (once.max_retries, once.timeout, once.team_id) == (0, 7, "team-1")
    assert (nf.max_retries, nf.timeout, nf.team_id) == (3, 300, None)
    assert once.client is nf.client and once.pipelines is not nf.pipelines
    with pytest.raises(InternalServerError):
        once.pipelines.get_release_flow_run(P, PL, ST, "r")
    assert len(seen) == 1
    with pytest.raises(InternalServerError):
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    assert len(seen) == 1 + 4
    with pytest.raises(InvalidArgumentError):
        nf.with_options(timeout=-1)
    nf.close()


def test_max_retries_on_the_client_and_per_call(sleeps: list[float]) -> None:
    seen, handler = unavailable()
    with stub(handler, retry=package.NOT_GIVEN, max_retries=1) as nf:
        with pytest.raises(InternalServerError):
            nf.jobs.list_job_builds(P, "demo-job")
        assert len(seen) == 2 and nf.max_retries == 1
        with pytest.raises(InternalServerError):
            nf.jobs.list_job_builds(P, "demo-job", max_retries=4)
        assert len(seen) == 2 + 5
        with pytest.raises(InternalServerError):
            nf.jobs.list_job_builds(P, "demo-job", max_retries=0)
        assert len(seen) == 2 + 5 + 1


def test_settings_are_public_and_read_only() -> None:
    nf = Northflank(
        api_token="t", base_url="http://stub.invalid/", timeout=9, request_timeout=2, max_retries=5
    )
    assert nf.base_url == "http://stub.invalid"
    assert (nf.timeout, nf.request_timeout, nf.max_retries) == (9, httpx.Timeout(2), 5)
    for name in ("base_url", "timeout", "request_timeout", "max_retries"):
        with pytest.raises(AttributeError):
            setattr(nf, name, 1)


def test_the_user_agent_names_the_package() -> None:
    agents: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        return httpx.Response(200, json=example("JobBuildList"))

    with stub(handle) as nf:
        nf.jobs.list_job_builds(P, "demo-job")
    with stub(handle, headers={"user-agent": "release-bot/2"}) as nf:
        nf.jobs.list_job_builds(P, "demo-job")
    assert agents[0] == USER_AGENT and agents[0].startswith(f"northflank-release-client/{VERSION} ")
    assert agents[1] == "release-bot/2"
    assert package.__version__ == VERSION


# Errors.


def test_a_status_error_carries_the_response_the_request_and_the_body() -> None:
    body = {"error": {"status": 404, "message": "no such run", "id": "e-1"}}
    with stub(answer(404, body)) as nf, pytest.raises(NotFoundError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    error = raised.value
    assert isinstance(error.response, httpx.Response) and error.response.status_code == 404
    assert error.request is not None and error.request.method == "GET"
    assert error.request.url.path.endswith("/runs/r")
    assert error.body == body


def test_422_has_its_class() -> None:
    nf = stub(answer(422, {"error": {"status": 422, "message": "cannot"}}))
    with nf, pytest.raises(UnprocessableEntityError, match="cannot"):
        nf.pipelines.run_release_flow(P, PL, ST)


FAMILY: list[Exception] = [
    APIStatusError.from_response(
        429,
        b'{"error": {"message": "slow", "id": "e-2"}}',
        {"retry-after": "7", "x-request-id": "q"},
    ),
    APIStatusError(502, "Bad Gateway", content=b"x"),
    APIConnectionError("refused", request=httpx.Request("GET", "http://stub.invalid/x")),
    APITimeoutError("slow"),
    ResponseShapeError(200, b"{}", "ReleaseFlowRunResponse", "KeyError: 'data'", request_id="q"),
    RunWaitTimeout("r", 3.0, "running"),
    PaginationError("cursor 'c' twice"),
    InvalidArgumentError("per_page must be from 1 to 100, not 0"),
    InvalidArgumentTypeError("status must be a string"),
    NorthflankConfigError("api_token is empty"),
    ClientStateError("closed"),
]


@pytest.mark.parametrize("error", FAMILY, ids=lambda error: type(error).__name__)
def test_every_error_pickles(error: Exception) -> None:
    copied = pickle.loads(pickle.dumps(error))
    assert type(copied) is type(error) and str(copied) == str(error)
    kept = {
        k: v
        for k, v in vars(error).items()
        if k not in ("request", "response", "_request", "headers")
    }
    assert {k: v for k, v in vars(copied).items() if k in kept} == kept
    if isinstance(error, RateLimitError):
        assert isinstance(copied, RateLimitError) and copied.retry_after == 7.0
        assert copied.request is None and copied.headers["x-request-id"] == "q"


def test_one_name_per_error() -> None:
    for gone in ("UnexpectedStatus", "InvalidResponseError"):
        assert not hasattr(package, gone) and not hasattr(package.errors, gone)
    assert package.ApiError is APIStatusError  # the name the README promised, kept


def test_raise_on_unexpected_status_raises_the_family() -> None:
    client = AuthenticatedClient(
        base_url="http://stub.invalid",
        token="t",
        raise_on_unexpected_status=True,
        httpx_args={"transport": httpx.MockTransport(answer(418, b"teapot"))},
    )
    with client, pytest.raises(UnexpectedStatusError) as raised:
        get_release_flow_run.sync_detailed(P, PL, ST, "r", client=client)
    assert raised.value.status_code == 418 and isinstance(raised.value, NorthflankError)


# UNSET and typing.


def test_unset_is_exported_and_reads_well() -> None:
    assert isinstance(UNSET, Unset) and repr(UNSET) == "UNSET" and not UNSET
    assert pickle.loads(pickle.dumps(UNSET)) is UNSET
    assert copy.deepcopy(UNSET) is UNSET and copy.copy(UNSET) is UNSET


TYPED = """
from northflank_release_client import UNSET, Northflank, Unset
from northflank_release_client.models import ReleaseFlowRunStatus, ReleaseFlowRunStatusValue

def runs(nf: Northflank, status: ReleaseFlowRunStatusValue | None, per_page: int | None) -> int:
    page = nf.pipelines.list_release_flow_runs("p", "pl", "s", status=status, per_page=per_page)
    nf.pipelines.list_release_flow_runs("p", "pl", "s", status=ReleaseFlowRunStatus.SUCCESS)
    nf.pipelines.list_release_flow_runs("p", "pl", "s", status="success", cursor=UNSET)
    cursor: str | Unset = page.pagination.cursor
    return 0 if isinstance(cursor, Unset) else len(cursor)
"""


def mypy(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "snippet.py"
    path.write_text(code)
    return subprocess.run(
        [str(BIN / "mypy"), "--strict", "--no-incremental", str(path)],
        capture_output=True, text=True, check=False, cwd="/",
        env={**os.environ, "MYPYPATH": str(OUTPUT)},
    )  # fmt: skip


def test_enum_parameters_catch_typos_under_mypy(tmp_path: Path) -> None:
    fine = mypy(TYPED, tmp_path)
    assert fine.returncode == 0, fine.stdout
    typo = mypy(TYPED.replace('status="success"', 'status="sucess"'), tmp_path)
    assert typo.returncode == 1 and "Literal['sucess']" in typo.stdout
    assert "snippet.py:8: error" in typo.stdout


# Messages.


def test_a_retry_after_that_cannot_be_read_falls_back_to_backoff_quietly(
    sleeps: list[float], capfd: pytest.CaptureFixture[str]
) -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        headers = {"Retry-After": ["soon", "-1", "1.5"][len(seen) - 1]} if len(seen) <= 3 else {}
        return httpx.Response(
            429 if len(seen) <= 3 else 200, headers=headers, json=example("JobBuildList")
        )

    with stub(handle, retry=package.default_retry(backoff_factor=0.1)) as nf:
        nf.jobs.list_job_builds(P, "demo-job")
    assert len(seen) == 4
    assert sleeps[0] <= 0.2 and sleeps[1] <= 0.4  # backoff, not a wait asked for
    assert sleeps[2] == 1.5  # a decimal number of seconds is read
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


@pytest.mark.parametrize(
    ("retry_after", "said"),
    [
        ("9" * 400, "retry after more than a year"),
        ("999999999", "retry after more than a year"),
        ("259200", "retry after 3 days"),
        ("59", "retry after 59s"),
    ],
)
def test_a_wait_asked_for_reads_well(retry_after: str, said: str) -> None:
    error = APIStatusError.from_response(429, b"", {"Retry-After": retry_after})
    assert str(error).endswith(said) and "inf" not in str(error)


def test_an_envelope_without_a_usable_message_keeps_what_it_said() -> None:
    body = {"error": {"status": 500, "message": 42, "id": 7, "details": [1]}}
    error = APIStatusError.from_response(500, json.dumps(body).encode())
    assert isinstance(error, InternalServerError)
    assert '"details": [1]' in error.message and '"message": 42' in error.message
    assert error.error_id == "7" and error.body == body

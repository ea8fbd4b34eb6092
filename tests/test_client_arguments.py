"""Bad arguments and settings are refused before anything is sent, as errors of the family that
are also the builtin a Python programmer expects (ValueError, or TypeError for a wrong type)."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from northflank_release_client import (
    AsyncNorthflank,
    AuthenticatedClient,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    Northflank,
    NorthflankConfigError,
    NorthflankError,
)
from northflank_release_client.models import ReleaseFlowRunStatus

from tests.client_stubs import PL, ST, P, example

Call = Callable[[Northflank], object]


@pytest.fixture
def sent() -> list[httpx.Request]:
    return []


@pytest.fixture
def nf(sent: list[httpx.Request]) -> Northflank:
    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path.endswith("/runs") and request.method == "GET":
            return httpx.Response(200, json=example("ReleaseFlowRunList"))
        if request.url.path.endswith("/build"):
            return httpx.Response(200, json=example("JobBuildList"))
        return httpx.Response(200, json=example("ReleaseFlowRunDetails"))

    return Northflank(
        api_token="t", base_url="http://stub.invalid", transport=httpx.MockTransport(handle)
    )


def selfish() -> dict[str, Any]:
    looped: dict[str, Any] = {}
    looped["me"] = looped
    return looped


WRONG_TYPE: list[Any] = [
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(None, PL, ST), "project_id", id="path None"
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(123, PL, ST), "project_id", id="path int"
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, status=5),
        "status",
        id="status int",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, per_page="10"),
        "per_page",
        id="per_page str",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, per_page=1.5),
        "per_page",
        id="per_page float",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, per_page=True),
        "per_page",
        id="per_page bool",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, concluded="yes"),
        "concluded",
        id="concluded str",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, cursor=123),
        "cursor",
        id="cursor int",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout="5"),
        "timeout",
        id="timeout str",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=True),
        "timeout",
        id="timeout bool",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, request_timeout="5"),
        "request_timeout",
        id="request_timeout str",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, max_retries="3"),
        "max_retries",
        id="max_retries str",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments=["A"]),
        "arguments",
        id="arguments list",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments="A=1"),
        "arguments",
        id="arguments str",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments={1: "x"}),
        "arguments has a key of type int",
        id="arguments int key",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments={"A": object()}),
        "arguments['A']",
        id="arguments object",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments={"A": {1.5}}),
        "arguments['A']",
        id="arguments set",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, overrides={"r": [b"x"]}),
        "overrides['r'][0]",
        id="overrides bytes",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, name=123), "name", id="name int"
    ),
    pytest.param(
        lambda nf: nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=httpx.Timeout(5)),
        "timeout",
        id="wait timeout httpx",
    ),
    pytest.param(
        lambda nf: nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", interval="1"),
        "interval",
        id="wait interval str",
    ),
    pytest.param(
        lambda nf: nf.jobs.iter_job_builds(P, "demo-job", per_page="5"),
        "per_page",
        id="iter, before the first page",
    ),
]


@pytest.mark.parametrize(("call", "named"), WRONG_TYPE)
def test_a_wrong_type_is_a_type_error_before_sending(
    nf: Northflank, sent: list[httpx.Request], call: Call, named: str
) -> None:
    with pytest.raises(InvalidArgumentTypeError) as raised:
        call(nf)
    error = raised.value
    assert isinstance(error, TypeError) and isinstance(error, ValueError)
    assert isinstance(error, InvalidArgumentError) and isinstance(error, NorthflankError)
    assert named in str(error) and sent == []


WRONG_VALUE: list[Any] = [
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs("", PL, ST), "project_id", id="path empty"
    ),
    pytest.param(
        lambda nf: nf.pipelines.get_release_flow_run(P, PL, "..", "r"), "stage", id="path dot-dot"
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, status="bogus"),
        "status='bogus' is not one of",
        id="status unknown",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, status="SUCCESS"),
        "status='SUCCESS'",
        id="status case",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, per_page=0),
        "per_page must be from 1 to 100",
        id="per_page 0",
    ),
    pytest.param(
        lambda nf: nf.jobs.list_job_builds(P, "demo-job", per_page=101),
        "per_page must be from 1 to 100",
        id="per_page 101",
    ),
    pytest.param(
        lambda nf: nf.jobs.list_job_builds(P, "demo-job", page=0),
        "page must be from 1",
        id="page 0",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=-1),
        "timeout",
        id="timeout negative",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, timeout=math.nan),
        "timeout",
        id="timeout NaN",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, request_timeout=-1),
        "request_timeout",
        id="request_timeout negative",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(
            P, PL, ST, request_timeout=httpx.Timeout(5, read=-1)
        ),
        "request_timeout.read",
        id="request_timeout phase",
    ),
    pytest.param(
        lambda nf: nf.pipelines.list_release_flow_runs(P, PL, ST, max_retries=-1),
        "max_retries",
        id="max_retries negative",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments={"A": math.nan}),
        "arguments['A'] is nan",
        id="arguments NaN",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, arguments={"A": [math.inf]}),
        "arguments['A'][0] is inf",
        id="arguments infinity",
    ),
    pytest.param(
        lambda nf: nf.pipelines.run_release_flow(P, PL, ST, overrides=selfish()),
        "nests deeper",
        id="overrides cycle",
    ),
    pytest.param(
        lambda nf: nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", timeout=-1),
        "timeout",
        id="wait timeout negative",
    ),
    pytest.param(
        lambda nf: nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", interval=0),
        "interval",
        id="wait interval 0",
    ),
    pytest.param(
        lambda nf: nf.pipelines.wait_for_release_flow_run(P, PL, ST, "r", multiplier=0.5),
        "multiplier",
        id="wait multiplier",
    ),
    pytest.param(
        lambda nf: nf.pipelines.iter_release_flow_runs(P, PL, ST, status="bogus"),
        "status",
        id="iter, before the first page",
    ),
]


@pytest.mark.parametrize(("call", "named"), WRONG_VALUE)
def test_a_wrong_value_is_a_value_error_before_sending(
    nf: Northflank, sent: list[httpx.Request], call: Call, named: str
) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        call(nf)
    assert isinstance(raised.value, ValueError) and not isinstance(raised.value, TypeError)
    assert named in str(raised.value) and sent == []


def test_none_leaves_an_optional_argument_out(nf: Northflank, sent: list[httpx.Request]) -> None:
    nf.pipelines.list_release_flow_runs(
        P, PL, ST, per_page=None, status=None, cursor=None, concluded=None
    )
    nf.pipelines.run_release_flow(P, PL, ST, name=None, arguments=None, overrides=None)
    assert sent[0].url.query == b"" and sent[1].content == b"{}"


def test_enum_values_go_as_strings_or_members(nf: Northflank, sent: list[httpx.Request]) -> None:
    nf.pipelines.list_release_flow_runs(P, PL, ST, status="success")
    nf.pipelines.list_release_flow_runs(P, PL, ST, status=ReleaseFlowRunStatus.FAILURE)
    # A member made for a value this client does not know passes: the API may know it.
    nf.pipelines.list_release_flow_runs(P, PL, ST, status=ReleaseFlowRunStatus("canary_wait"))
    assert [r.url.params["status"] for r in sent] == ["success", "failure", "canary_wait"]


def test_json_arguments_pass_as_given(nf: Northflank, sent: list[httpx.Request]) -> None:
    arguments = {"A": "1", "B": 2, "C": 2.5, "D": None, "E": [True, {"F": ("x",)}]}
    nf.pipelines.run_release_flow(P, PL, ST, arguments=arguments)
    assert json.loads(sent[0].content) == {
        "arguments": {"A": "1", "B": 2, "C": 2.5, "D": None, "E": [True, {"F": ["x"]}]}
    }


def test_the_async_client_checks_the_same(sent: list[httpx.Request]) -> None:
    async def scenario() -> None:
        async with AsyncNorthflank(
            api_token="t",
            base_url="http://stub.invalid",
            transport=httpx.MockTransport(lambda r: httpx.Response(500)),
        ) as nf:
            await nf.pipelines.list_release_flow_runs(P, PL, ST, status="bogus")  # type: ignore[arg-type]

    with pytest.raises(InvalidArgumentError, match="status"):
        asyncio.run(scenario())


# Settings of the client.

BASE_URLS: list[Any] = [
    pytest.param("127.0.0.1:4010", "has no scheme", id="no scheme, host:port"),
    pytest.param("api.northflank.com", "has no scheme", id="no scheme, host"),
    pytest.param("ftp://example.com", "'ftp'", id="ftp"),
    pytest.param("http://", "has no host", id="no host"),
    pytest.param("https://api.northflank.com?x=1", "must not have a query", id="query"),
    pytest.param("https://api.northflank.com/?", "must not have a query", id="empty query"),
    pytest.param("https://api.northflank.com#top", "must not have a fragment", id="fragment"),
    pytest.param("https://user:pw@api.northflank.com", "credentials", id="credentials"),
    pytest.param("https://api.northflank.com/v1", "ends in /v1", id="v1"),
    pytest.param(" https://api.northflank.com", "spaces around it", id="space"),
    pytest.param("", "is empty", id="empty"),
    pytest.param("http://[::1", "is not a URL", id="broken IPv6"),
    pytest.param("http://127.0.0.1:99999", "is not a URL", id="port out of range"),
]


@pytest.mark.parametrize(("url", "said"), BASE_URLS)
def test_a_base_url_that_cannot_work_is_refused_when_the_client_is_built(
    url: str, said: str
) -> None:
    with pytest.raises(NorthflankConfigError) as raised:
        Northflank(api_token="t", base_url=url)
    assert said in str(raised.value) and "base_url" in str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert "pw" not in str(raised.value)
    with pytest.raises(NorthflankConfigError):
        AuthenticatedClient(base_url=url, token="t")


def test_base_url_of_the_wrong_type() -> None:
    with pytest.raises(InvalidArgumentTypeError):
        Northflank(api_token="t", base_url=123)  # type: ignore[arg-type]


def test_an_empty_base_url_variable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORTHFLANK_BASE_URL", "")
    with pytest.raises(NorthflankConfigError, match="NORTHFLANK_BASE_URL is empty"):
        Northflank(api_token="t")


def test_trailing_slashes_and_a_path_prefix_are_kept_apart() -> None:
    assert Northflank(api_token="t", base_url="http://proxy.invalid/northflank//").base_url == (
        "http://proxy.invalid/northflank"
    )


@pytest.mark.parametrize(
    ("settings", "kind"),
    [
        ({"timeout": -1}, InvalidArgumentError),
        ({"timeout": "60"}, InvalidArgumentTypeError),
        ({"request_timeout": -5}, InvalidArgumentError),
        ({"max_retries": -1}, InvalidArgumentError),
        ({"max_retries": 2, "retry": None}, InvalidArgumentError),
        ({"retry": 3}, InvalidArgumentTypeError),
        ({"max_response_bytes": 0}, InvalidArgumentError),
        ({"team_id": ""}, InvalidArgumentError),
        ({"httpx_args": ["verify"]}, InvalidArgumentTypeError),
    ],
)
def test_client_settings_are_checked(settings: dict[str, Any], kind: type[Exception]) -> None:
    with pytest.raises(kind):
        Northflank(api_token="t", **settings)

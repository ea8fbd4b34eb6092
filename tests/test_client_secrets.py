"""The token never shows: a token httpx could not send is refused when the client is built, with
an error that does not quote it, and no message, repr, log, exception chain or pickle holds it."""

from __future__ import annotations

import logging
import pickle
import traceback

import httpx
import pytest
from northflank_release_client import (
    APIConnectionError,
    AsyncNorthflank,
    AuthenticatedClient,
    InvalidArgumentTypeError,
    Northflank,
    NorthflankConfigError,
    NorthflankError,
    NotFoundError,
)

from tests.client_stubs import PL, ST, P, answer, stub

SECRET = "nf-SECRET-abcdef123456"

BAD_TOKENS = [
    pytest.param(SECRET + "\n", "a line break", id="trailing newline"),
    pytest.param(SECRET + "\r\nX-Evil: 1", "a line break", id="header injection"),
    pytest.param(" " + SECRET, "whitespace", id="leading space"),
    pytest.param(SECRET + "\t", "whitespace", id="trailing tab"),
    pytest.param("Bearer " + SECRET, "without the 'Bearer ' prefix", id="double prefix"),
    pytest.param(SECRET + "é", "not printable ASCII", id="non-ASCII"),
    pytest.param(SECRET + "\x00", "not printable ASCII", id="control character"),
    pytest.param("", "empty", id="empty"),
]


def everything_said_about(error: BaseException) -> str:
    """Every message and repr along the error's chain, and its formatted traceback."""
    said = ["".join(traceback.format_exception(error))]
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        said += [str(current), repr(current), repr(current.args)]
        pending += [current.__cause__, current.__context__]
    return "\n".join(said)


@pytest.mark.parametrize(("token", "said"), BAD_TOKENS)
def test_a_token_httpx_cannot_send_is_refused_without_quoting_it(token: str, said: str) -> None:
    with pytest.raises(NorthflankConfigError) as raised:
        Northflank(api_token=token, base_url="http://stub.invalid")
    assert isinstance(raised.value, ValueError) and said in str(raised.value)
    assert "api_token" in str(raised.value)
    assert SECRET not in everything_said_about(raised.value)
    with pytest.raises(NorthflankConfigError):
        AsyncNorthflank(api_token=token, base_url="http://stub.invalid")
    with pytest.raises(NorthflankConfigError):
        AuthenticatedClient(base_url="http://stub.invalid", token=token)


def test_a_token_from_the_environment_is_checked_and_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NORTHFLANK_API_TOKEN", SECRET + "\n")  # read from a file, say
    with pytest.raises(NorthflankConfigError) as raised:
        Northflank(base_url="http://stub.invalid")
    assert "NORTHFLANK_API_TOKEN" in str(raised.value) and "newline" in str(raised.value)
    assert SECRET not in everything_said_about(raised.value)


def test_a_token_of_the_wrong_type_is_a_type_error() -> None:
    with pytest.raises(InvalidArgumentTypeError) as raised:
        Northflank(api_token=12345, base_url="http://stub.invalid")  # type: ignore[arg-type]
    assert isinstance(raised.value, TypeError) and "12345" not in str(raised.value)


def test_httpx_messages_that_quote_a_header_are_scrubbed() -> None:
    def leak(request: httpx.Request) -> httpx.Response:
        # What h11 says about a header it cannot send: the whole value, token included.
        raise httpx.LocalProtocolError(
            f"Illegal header value b'Bearer {SECRET}\\n'", request=request
        )

    with stub(leak) as nf, pytest.raises(APIConnectionError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    assert "Illegal header value (not shown" in str(raised.value)
    assert isinstance(raised.value.__cause__, httpx.LocalProtocolError)
    assert SECRET not in everything_said_about(raised.value)


def test_an_unscrubbed_error_keeps_its_httpx_cause() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with stub(refuse) as nf, pytest.raises(APIConnectionError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    cause = raised.value.__cause__
    assert isinstance(cause, httpx.ConnectError) and str(cause) == "[Errno 111] Connection refused"


def test_reprs_logs_and_pickles_do_not_hold_the_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="northflank_release_client")
    handler = answer(404, {"error": {"status": 404, "message": "no such run"}})
    nf = Northflank(
        api_token=SECRET,
        base_url="http://stub.invalid",
        transport=httpx.MockTransport(handler),
        debug=True,
    )
    with nf, pytest.raises(NotFoundError) as raised:
        nf.pipelines.get_release_flow_run(P, PL, ST, "r")
    error = raised.value
    assert error.request is not None  # it carries the request, whose headers hold the token...
    assert SECRET not in everything_said_about(error)
    assert SECRET.encode() not in pickle.dumps(error)  # ...but a pickle leaves it out
    assert SECRET not in repr(nf) + repr(nf.client) + repr(nf.pipelines)
    assert SECRET not in caplog.text and "'authorization': '<hidden>'" in caplog.text


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Api-Key": SECRET + "\n"},
        {"X-Api-Key": "é" + SECRET},
        {"X Bad": "x"},
    ],
)
def test_extra_headers_are_checked_without_quoting_their_values(headers: dict[str, str]) -> None:
    with pytest.raises(NorthflankConfigError) as raised:
        Northflank(api_token="t", base_url="http://stub.invalid", headers=headers)
    assert SECRET not in everything_said_about(raised.value)
    assert isinstance(raised.value, NorthflankError)

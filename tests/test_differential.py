"""The connexion adapter answers exactly as connexion's own stack does.

A corpus of requests generated from the spec (tests/request_corpus.py) goes through two mocks
built alike: one serves its API through the adapter (mock_server/http/connexion_adapter.py),
the other through an unmodified connexion AsyncApp with the same handlers, validators and error
renderer, configured only through connexion's public options, and with connexion's own bearer
handler (the spec's `x-bearerInfoFunc`) rather than the adapter's. Both mocks see the same
requests in the same order, in each configuration (with and without strict response
validation, with and without a tokens file), and must give the same status, headers and body
to every one; only the ids of errors and requests, which are random, are masked.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import connexion
import pytest
from connexion.context import scope as connexion_scope
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from mock_server import Settings, create_app
from mock_server.app import validators
from mock_server.domain.auth import Authenticator
from mock_server.errors import ApiError, render
from mock_server.http.connexion_adapter import (
    UI_PATH,
    Handler,
    api_error_from_problem,
    validated,
)
from mock_server.http.handlers import make_handlers
from mock_server.http.pipeline import MockServer
from mock_server.http.routes import RouteMatch, RouteTable
from mock_server.spec import SPEC_PATH, load_spec
from tests.conftest import TOKENS
from tests.request_corpus import Request, corpus, for_tokens

PER_OPERATION = 70  # schemathesis draws per operation and mode
# Tokens of tests/conftest.py's file, the ones that may do most more often.
TOKEN_NAMES = ["releaser", "releaser", "releaser", "reader", "reader", "jobs-only", "elsewhere"]
TOKEN_NAMES += ["unknown"]

# The stock app's bearer check (the spec's x-bearerInfoFunc names it): the authenticator of
# the mock being compared.
_AUTHENTICATOR = Authenticator()


def token_info(token: str) -> dict[str, Any] | None:
    return _AUTHENTICATOR.token_info(token)


def _as_validated(handlers: dict[str, Handler]) -> Callable[[str], Handler]:
    """The handlers, given the body as connexion's validation parsed it, as the adapter gives
    it. A body sent without a Content-Type is validated as JSON (connexion's guess for it); the
    adapter hands the handler that JSON, where connexion's own call would hand it the raw
    bytes (and the handler would fail on them)."""

    def resolve(operation_id: str) -> Handler:
        handler = handlers[operation_id]

        @functools.wraps(handler)
        async def call(**kwargs: Any) -> Any:
            if "body" in kwargs:
                kwargs["body"] = validated(connexion_scope)["body"]
            return await handler(**kwargs)

        return call

    return resolve


class StockEngine:
    """An unmodified connexion AsyncApp serving a mock's API in the place of the adapter."""

    def __init__(self, app: connexion.AsyncApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send, match: RouteMatch) -> None:
        if match.route is None and scope["path"].endswith("/"):
            # connexion's router redirects to the path without the slash (307); the mock has
            # always answered 404, since the API has no such paths.
            raise match.error()
        await self.app(scope, receive, send)


def stock_connexion(server: MockServer, strict: bool) -> connexion.AsyncApp:
    """connexion's AsyncApp for `server`'s state, configured as the adapter configures its
    chains: same handlers, validators, Swagger UI, and errors rendered by errors.render."""
    routes = RouteTable.from_spec(load_spec())
    spec = copy.deepcopy(load_spec())
    schemes = spec["components"]["securitySchemes"]
    for scheme in schemes.values():
        scheme["x-bearerInfoFunc"] = f"{__name__}.token_info"
    app = connexion.AsyncApp(__name__, specification_dir=SPEC_PATH.parent)
    app.add_api(
        spec,
        resolver=Resolver(
            function_resolver=_as_validated(
                make_handlers(server.state, routes.operation_ids, routes.variants)
            )
        ),
        pythonic_params=True,
        strict_validation=True,
        validate_responses=strict,
        validator_map=validators(),
        swagger_ui_options=SwaggerUIOptions(
            serve_spec=False, spec_path="/openapi.json", swagger_ui_path=UI_PATH
        ),
    )

    def respond(error: ApiError) -> ConnexionResponse:
        status, headers, body = render(error)
        extra = {name.decode(): value.decode() for name, value in headers[2:]}
        return ConnexionResponse(
            status_code=status, body=body, content_type="application/json", headers=extra
        )

    def api_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, ApiError)
        return respond(exc)

    def problem(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, ProblemException)
        return respond(api_error_from_problem(exc))

    def http_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        if exc.status_code in (404, 405):
            return respond(routes.match(request.method, request.scope["path"]).error())
        return respond(ApiError(exc.status_code, str(exc.detail)))

    def unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        return respond(ApiError(500, f"Internal error in the mock: {type(exc).__name__}"))

    app.add_error_handler(ApiError, api_error)
    app.add_error_handler(ProblemException, problem)
    app.add_error_handler(HTTPException, http_error)
    app.add_error_handler(Exception, unexpected)
    return app


async def _answer(app: MockServer, request: Request) -> tuple[int, list[Any], Any]:
    messages: list[Message] = []
    replayed = False

    async def receive() -> Message:
        nonlocal replayed
        if replayed:
            return {"type": "http.disconnect"}
        replayed = True
        return {"type": "http.request", "body": request.body, "more_body": False}

    async def send(message: Message) -> None:
        messages.append(message)

    await app(request.scope(), receive, send)
    start = messages[0]
    headers = sorted(
        (name.decode(), value.decode())
        for name, value in start["headers"]
        if name != b"x-request-id"
    )
    raw = b"".join(m.get("body", b"") for m in messages[1:])
    body: Any = raw
    if raw and dict(headers).get("content-type", "").startswith("application/json"):
        body = json.loads(raw)
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            body["error"]["id"] = "(masked)"
    return start["status"], headers, body


@pytest.fixture(scope="module")
def requests() -> list[Request]:
    return corpus(PER_OPERATION)


def _mocks(settings: Settings) -> tuple[MockServer, MockServer]:
    ours, stock = create_app(settings), create_app(settings)
    # Both clocks at one instant: a manual clock starts at the second it was built.
    gap = ours.state.clock.now() - stock.state.clock.now()
    for server, seconds in ((stock, gap), (ours, -gap)):
        if seconds > 0:
            server.state.clock.advance(seconds)  # type: ignore[attr-defined]
    stock.engine = StockEngine(stock_connexion(stock, settings.strict_responses))
    stock.swagger_ui = stock.engine.app
    return ours, stock


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
@pytest.mark.parametrize("tokens", [False, True], ids=["any-token", "tokens-file"])
def test_the_adapter_answers_as_connexions_own_stack(
    requests: list[Request], strict: bool, tokens: bool, tmp_path: Path
) -> None:
    global _AUTHENTICATOR
    tokens_file = None
    if tokens:
        tokens_file = tmp_path / "tokens.yaml"
        tokens_file.write_text(TOKENS)
    settings = Settings(seed=3, manual_clock=True, strict_responses=strict, tokens=tokens_file)
    ours, stock = _mocks(settings)
    _AUTHENTICATOR = stock.state.auth
    filled = for_tokens(requests, TOKEN_NAMES if tokens else ["t", "any-token"], seed=11)

    async def run() -> list[tuple[Request, Any, Any]]:
        return [(r, await _answer(ours, r), await _answer(stock, r)) for r in filled]

    answers = asyncio.run(run())
    for request, mine, theirs in answers:
        assert mine == theirs, (request.label(), request.headers, request.body[:200], mine, theirs)
    statuses = Counter(mine[0] for _, mine, _ in answers)
    expected = {200, 307, 400, 401, 404, 405, 409, 415} | ({403} if tokens else set())
    assert expected <= set(statuses), statuses  # the corpus reaches every kind of answer
    assert statuses[200] >= 50, statuses  # and plenty get through to the handlers
    assert len(answers) >= 500


def test_the_corpus_is_large_and_varied(requests: list[Request]) -> None:
    assert len(requests) * 4 >= 2000  # four configurations
    sources = Counter(request.source.split(" ")[0] for request in requests)
    assert sources["schemathesis"] >= 5 * 2 * PER_OPERATION * 0.9
    methods = {request.method for request in requests}
    assert {"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"} <= methods

"""Build the mock: a connexion AsyncApp from openapi/northflank.yaml inside the outer layer."""

from __future__ import annotations

import copy
import dataclasses
import gc
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException

from . import lifecycle
from .auth import Authenticator, load_tokens
from .clock import Clock, ManualClock
from .control import make_control_app
from .dispatch import MockConnexionApp
from .errors import ApiError
from .faults import FaultBook
from .fixtures import DEFAULT_FIXTURES, load_dataset
from .handlers import make_handlers
from .middleware import DEFAULT_MAX_BODY, MockServer
from .middleware_stack import UI_PATH
from .operations import OperationIndex
from .persistence import Backend, MemoryBackend, SqliteBackend
from .ratelimit import RateLimiter
from .spec import SPEC_PATH, load_spec
from .state import MockState
from .store import Store
from .validation import VALIDATOR_MAP, UnusedURIParser

logger = logging.getLogger("mock_server")


@dataclass(frozen=True)
class Settings:
    """How one mock behaves; the command line fills it in (cli.py)."""

    fixtures: Path = DEFAULT_FIXTURES
    seed: int | None = None
    tokens: Path | None = None
    strict_responses: bool = False
    manual_clock: bool = False
    durations: lifecycle.Durations = field(default_factory=lifecycle.Durations)
    max_body: int = DEFAULT_MAX_BODY
    rate_limit: int | None = None
    outcome: str = "success"
    state: Path | None = None  # SQLite file; None keeps the state in memory

    def to_json(self) -> str:
        """For worker processes, which rebuild the app from the environment."""
        data = dataclasses.asdict(self)
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in data.items()})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        for name in ("fixtures", "tokens", "state"):
            data[name] = Path(data[name]) if data[name] is not None else None
        data["durations"] = lifecycle.Durations(**data["durations"])
        return cls(**data)


def _respond(error: ApiError) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=error.status,
        body=error.body(),
        content_type="application/json",
        headers=error.headers,
    )


def _api_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ApiError)
    return _respond(exc)


def _problem(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ProblemException)
    status = exc.status or 500
    if status >= 500:
        logger.error("%s: %s", exc.title, exc.detail)
    return _respond(ApiError(status, str(exc.detail or exc.title)))


def _http_error_handler(operations: OperationIndex) -> Callable[..., ConnexionResponse]:
    def handle(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        if exc.status_code == 405:
            allowed = sorted({op.method for op in operations.operations if op.pattern.match(path)})
            message = f"Method {request.method} is not allowed on {path}: use {', '.join(allowed)}"
            # RFC 9110: a 405 lists the methods the resource supports.
            return _respond(ApiError(405, message, headers={"Allow": ", ".join(allowed)}))
        messages = {404: f"No route matches {path}"}
        return _respond(ApiError(exc.status_code, messages.get(exc.status_code, str(exc.detail))))

    return handle


def _unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    logger.exception("unhandled error", exc_info=exc)
    return _respond(ApiError(500, f"Internal error in the mock: {type(exc).__name__}"))


def build_state(settings: Settings) -> MockState:
    clock: Clock = ManualClock() if settings.manual_clock else Clock()
    dataset = load_dataset(settings.fixtures)
    store = Store(dataset, clock, settings.durations, settings.seed, settings.outcome)
    auth = Authenticator(load_tokens(settings.tokens) if settings.tokens else None)
    operations = OperationIndex()
    backend: Backend = SqliteBackend(settings.state) if settings.state else MemoryBackend()
    state = MockState(
        store,
        auth,
        clock,
        RateLimiter(clock, settings.rate_limit),
        FaultBook(settings.seed, operations.ids),
        operations,
        backend,
    )
    state.sync()  # what a previous run saved
    return state


def create_app(settings: Settings | None = None) -> MockServer:
    """The ASGI app of one mock. Raises FixtureError or TokensFileError on bad input files."""
    settings = settings or Settings()
    state = build_state(settings)
    handlers = make_handlers(state)
    api = MockConnexionApp(__name__, specification_dir=SPEC_PATH.parent)
    api.add_api(
        copy.deepcopy(load_spec()),  # the one parsed spec; connexion may annotate its copy
        resolver=Resolver(function_resolver=handlers.__getitem__),
        strict_validation=True,
        validate_responses=settings.strict_responses,
        validator_map=VALIDATOR_MAP,
        uri_parser_class=UnusedURIParser,
        security_map={"bearer": state.auth.security_handler()},
        swagger_ui_options=SwaggerUIOptions(
            serve_spec=False, spec_path="/openapi.json", swagger_ui_path=UI_PATH
        ),
    )
    api.add_error_handler(ApiError, _api_error)
    api.add_error_handler(ProblemException, _problem)
    api.add_error_handler(HTTPException, _http_error_handler(state.operations))
    api.add_error_handler(Exception, _unexpected)
    server = MockServer(api, make_control_app(state), state, settings.max_body)
    return server


SETTINGS_VARIABLE = "NORTHFLANK_MOCK_SETTINGS"


def app_from_environment() -> MockServer:
    """The app factory of worker processes (`--workers`): settings come from the environment."""
    app = create_app(Settings.from_json(os.environ[SETTINGS_VARIABLE]))
    settle_heap()
    return app


def settle_heap() -> None:
    """Take what the process has built so far (the spec, the fixtures, the operations) out of
    the garbage collector's sight, just before serving. It lives as long as the process, and
    every full collection would otherwise walk all of it again: a pause of tens of
    milliseconds that grows with the dataset, which POSTs (whose new runs stay) trigger."""
    gc.collect()
    gc.freeze()

"""Build the mock: state from the settings, the route table and connexion's chains from the
spec, and the pipeline around them (http/pipeline.py). Where the parts meet."""

from __future__ import annotations

import functools
import gc
import logging
import os
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from .domain.auth import Authenticator, load_tokens
from .domain.clock import Clock, ManualClock
from .domain.faults import FaultBook
from .domain.ratelimit import RateLimiter
from .errors import ApiError, render
from .http import connexion_adapter
from .http.control import make_control_app
from .http.cors import CorsPolicy
from .http.guard import Guard
from .http.handlers import make_handlers
from .http.pipeline import MockServer, not_http
from .http.routes import RouteTable
from .http.validation import ParameterValidator, check_body, response_problems
from .processes import follow_parent
from .settings import Settings
from .spec import load_spec
from .storage.fixtures import FixtureFolder
from .storage.persistence import Backend, MemoryBackend, SqliteBackend, StateFileError
from .storage.state import MockState
from .storage.store import Store

__all__ = [
    "SETTINGS_VARIABLE",
    "Settings",
    "app_from_environment",
    "create_app",
    "reloading_app_from_environment",
    "settle_heap",
]

SETTINGS_VARIABLE = "NORTHFLANK_MOCK_SETTINGS"
logger = logging.getLogger("mock_server")


def build_state(settings: Settings, operation_ids: frozenset[str]) -> MockState:
    clock: Clock = ManualClock() if settings.manual_clock else Clock()
    fixtures = FixtureFolder(settings.fixtures, settings.spec)
    store = Store(
        fixtures.dataset, clock, settings.durations, settings.seed, settings.outcome,
        max_argument_bytes=settings.max_argument_bytes,
    )  # fmt: skip
    lacking = store.required_fields_created_runs_lack()
    if lacking:
        logger.warning(
            "the spec requires %s of every run, which runs created through the API do not "
            "have: their answers will not match the spec (--strict refuses them)",
            ", ".join(lacking),
        )
    auth = Authenticator(load_tokens(settings.tokens) if settings.tokens else None)
    log_bytes = settings.request_log_bytes
    backend: Backend = (
        SqliteBackend(settings.state, log_bytes) if settings.state else MemoryBackend(log_bytes)
    )
    state = MockState(
        store,
        auth,
        clock,
        RateLimiter(clock, settings.rate_limit),
        FaultBook(settings.seed, set(operation_ids)),
        backend,
        fixtures,
    )
    try:
        state.sync()  # what a previous run saved
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise StateFileError(
            f"state file {settings.state}: cannot read {exc!s:.300}; "
            "move the file away to start afresh"
        ) from None
    return state


def validators(settings: Settings | None = None) -> dict[str, Any]:
    """The project's validators (http/validation.py) in connexion's validator-map form."""
    depth = (settings or Settings()).max_json_depth
    body = functools.partial(check_body, max_depth=depth)
    return connexion_adapter.validator_map(ParameterValidator, body, response_problems)


def create_app(settings: Settings | None = None) -> MockServer:
    """The ASGI app of one mock. Raises FixtureError, TokensFileError, StateFileError or
    SpecError on input files it cannot use."""
    settings = settings or Settings()
    spec = load_spec(settings.spec)
    specification = connexion_adapter.load_specification(spec)  # a valid document, first
    routes = RouteTable.from_spec(spec)
    state = build_state(settings, routes.operation_ids)
    engine = connexion_adapter.ConnexionEngine(
        specification,
        routes,
        make_handlers(state, routes.operation_ids, routes.variants),
        token_info=state.auth.token_info,
        validators=validators(settings),
        strict_responses=settings.strict_responses,
    )
    return MockServer(
        routes=routes,
        engine=engine,
        swagger_ui=connexion_adapter.swagger_ui(specification, not_found=_not_found),
        control=make_control_app(state, max_json_depth=settings.max_json_depth),
        state=state,
        max_body=settings.max_body,
        cors=CorsPolicy(settings.cors_origins) if settings.cors_origins else None,
        guard=Guard(settings.allowed_hosts, settings.control_token),
        spec=settings.spec,
    )


async def _not_found(scope: Scope, receive: Receive, send: Send) -> None:
    raise ApiError(404, f"No route matches {scope['path']}")


def app_from_environment() -> MockServer:
    """The app factory of worker processes (`--workers`): settings come from the environment,
    and the worker ends when its master does (processes.py)."""
    follow_parent()
    app = create_app(Settings.from_json(os.environ[SETTINGS_VARIABLE]))
    settle_heap()
    return app


def reloading_app_from_environment() -> ASGIApp:
    """The app factory of --reload's server processes. Files that do not load (a fixture that
    does not validate, a spec being edited) give an app that answers every request 503 saying
    why, until the next change starts a new process."""
    try:
        return app_from_environment()
    except Exception as exc:
        logger.error("cannot serve the changed files; waiting for the next change", exc_info=exc)
        return _unavailable(exc)


def _unavailable(cause: Exception) -> ASGIApp:
    message = (
        f"The mock cannot serve its files: {type(cause).__name__}: {cause}. "
        "Fix the file; --reload restarts the mock when it changes."
    )
    status, headers, body = render(ApiError(503, message))

    async def unavailable(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await not_http(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return unavailable


def settle_heap() -> None:
    """Take what the process has built so far (the spec, the fixtures, the operations) out of
    the garbage collector's sight, just before serving. It lives as long as the process, and
    every full collection would otherwise walk all of it again: a pause of tens of
    milliseconds that grows with the dataset, which POSTs (whose new runs stay) trigger."""
    gc.collect()
    gc.freeze()

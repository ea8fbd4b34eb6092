"""Control endpoints under /_mock/, outside the API, for people and tests driving the mock.

The pipeline has already applied the control plane's guard (guard.py: same origin, the control
token, JSON bodies only) and read the body whole within --max-body-bytes. Every field of every
body is checked here (type, range, finite), and every refusal is a 400 in the envelope naming
the field; a body sent to an endpoint that takes none is refused too.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..domain.clock import ManualClock, check_advance
from ..domain.faults import shown
from ..domain.lifecycle import OUTCOMES
from ..errors import ApiError, ValidationFailed, render, violation
from ..jsonparse import DEFAULT_MAX_DEPTH, JsonRefused, parse
from ..storage.fixtures import FixtureError
from ..storage.outcomes import OutcomeChoice
from ..storage.requestlog import RequestFilter, summary
from ..storage.state import MockState
from .responses import data_response, json_response

MAX_COUNT = 1_000_000
MAX_ID_LENGTH = 200  # project, pipeline and stage ids named in a body
MAX_RULE_ID_DIGITS = 18


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed([violation("body", field, message)])


async def _json_object(
    request: Request, allowed: Set[str], max_depth: int = DEFAULT_MAX_DEPTH
) -> dict[str, Any]:
    """A control request's JSON object body (no body at all counts as `{}`), with only the
    `allowed` fields; a 400 naming the problem otherwise."""
    raw = await request.body()
    try:
        body = parse(raw, max_depth=max_depth) if raw.strip() else {}
    except JsonRefused as exc:
        raise _invalid(exc.path, exc.reason) from None
    if not isinstance(body, dict):
        raise _invalid("", "the body must be a JSON object")
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ValidationFailed(
            [
                violation(
                    "body", name[:MAX_ID_LENGTH], f"unknown field; expected {sorted(allowed)}"
                )
                for name in unknown[:10]
            ]
        )
    return body


async def _no_body(request: Request) -> None:
    """An endpoint that takes no body: none, `{}` or `null`."""
    raw = await request.body()
    if not raw.strip():
        return
    try:
        empty = parse(raw, max_depth=1) in ({}, None)
    except JsonRefused:
        empty = False
    if not empty:
        raise _invalid("", f"{request.method} {request.url.path} takes no body: send none")


def _outcome(body: dict[str, Any]) -> str:
    outcome = body.get("outcome")
    if not isinstance(outcome, str) or outcome not in OUTCOMES:
        raise _invalid("outcome", f"must be one of {list(OUTCOMES)}")
    return outcome


def _count(body: dict[str, Any]) -> int | None:
    count = body.get("count")
    if count is None:
        return None
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise _invalid(
            "count", f"must be a whole number from 1 to {MAX_COUNT} (leave it out for every run)"
        )
    return count


def _stage(body: dict[str, Any]) -> tuple[str, str, str] | None:
    names = ("projectId", "pipelineId", "stage")
    given = [name for name in names if body.get(name) is not None]
    if not given:
        return None
    for name in names:
        value = body.get(name)
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
            raise _invalid(
                name,
                f"must be a non-empty string of up to {MAX_ID_LENGTH} characters: give all of "
                "projectId, pipelineId and stage, or none",
            )
    return (body["projectId"], body["pipelineId"], body["stage"])


def make_control_app(state: MockState, *, max_json_depth: int = DEFAULT_MAX_DEPTH) -> Starlette:
    store = state.store

    async def body_of(request: Request, allowed: Set[str]) -> dict[str, Any]:
        return await _json_object(request, allowed, max_json_depth)

    async def health(request: Request) -> Response:
        state.sync()
        return json_response(
            {
                "status": "ok",
                **store.counts(),
                "clock": {"manual": state.clock.manual, "now": state.clock.now()},
            }
        )

    async def reset(request: Request) -> Response:
        await _no_body(request)
        try:
            state.reset()
        except FixtureError as exc:
            raise _fixtures_refused(exc) from None
        return json_response({"status": "reset"})

    async def requests(request: Request) -> Response:
        try:
            wanted = RequestFilter.parse(request.query_params.multi_items())
        except ValueError as exc:
            raise ApiError(400, str(exc)) from None
        if request.method == "DELETE":
            if wanted:
                raise ApiError(400, "DELETE clears the whole log: filters apply to GET only")
            await _no_body(request)
            state.backend.clear_requests()
        records = [record for record in state.backend.requests() if wanted.matches(record)]
        return json_response(summary(records))

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            body = await body_of(request, {"advance"})
            if not isinstance(state.clock, ManualClock):
                raise ApiError(409, "The clock is real time: start the mock with --manual-clock")
            seconds = body.get("advance")
            if isinstance(seconds, bool) or not isinstance(seconds, int | float):
                raise _invalid("advance", 'must be a number of seconds >= 0, as {"advance": 5}')
            with state.write():
                problem = check_advance(state.clock.now(), seconds)
                if problem:
                    raise _invalid("advance", problem)
                state.clock.advance(float(seconds))
        else:
            state.sync()
        return json_response({"manual": state.clock.manual, "now": state.clock.now()})

    async def outcomes(request: Request) -> Response:
        if request.method == "POST":
            body = await body_of(request, {"outcome", "count", "projectId", "pipelineId", "stage"})
            count = _count(body)
            stage = _stage(body)
            outcome = _outcome(body)
            with state.write():
                if stage is not None:
                    store.flow(*stage)  # 404 for a release flow that does not exist
                store.choose_outcomes(OutcomeChoice(outcome, count, stage))
        elif request.method == "DELETE":
            await _no_body(request)
            with state.write():
                store.clear_outcomes()
        else:
            state.sync()
        return json_response(store.outcome_choices())

    async def run_outcome(request: Request) -> Response:
        body = await body_of(request, {"outcome"})
        outcome = _outcome(body)
        with state.write():
            flow, record = store.find_run(request.path_params["run_id"])
            store.start_due_runs(flow)
            store.set_outcome(flow, record, outcome)
            details = store.details_json(flow, record)
        return data_response(details)

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            body = await body_of(request, state.faults.FIELDS)
            with state.write():
                rule = state.faults.add(body)
            return json_response(shown(rule), 201)
        if request.method == "DELETE":
            await _no_body(request)
            with state.write():
                state.faults.reset()
        else:
            state.sync()
        return json_response({"rules": state.faults.describe()})

    async def fault(request: Request) -> Response:
        await _no_body(request)
        rule_id = request.path_params["rule_id"]
        if not (rule_id.isascii() and rule_id.isdigit() and len(rule_id) <= MAX_RULE_ID_DIGITS):
            raise ApiError(404, f"No fault rule {rule_id[:MAX_ID_LENGTH]!r}")
        with state.write():
            state.faults.remove(int(rule_id))
        return json_response({"rules": state.faults.describe()})

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
        path = request.url.path[:MAX_ID_LENGTH]
        messages = {404: f"No control endpoint at {path}", 405: "Method not allowed"}
        message = messages.get(status, "Control request failed")
        return _error_response(ApiError(status, message, headers=headers))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(exc)

    async def unexpected(request: Request, exc: Exception) -> Response:
        # Starlette raises the error again once this is sent; the pipeline logs it.
        return _error_response(ApiError(500, f"Internal error in the mock: {type(exc).__name__}"))

    handlers: dict[Any, Any] = {
        HTTPException: http_error,
        ApiError: api_error,
        Exception: unexpected,
    }
    return Starlette(
        routes=[
            Route("/_mock/health", health, methods=["GET"]),
            Route("/_mock/reset", reset, methods=["POST"]),
            Route("/_mock/requests", requests, methods=["GET", "DELETE"]),
            Route("/_mock/clock", clock, methods=["GET", "POST"]),
            Route("/_mock/outcomes", outcomes, methods=["GET", "POST", "DELETE"]),
            Route("/_mock/runs/{run_id}/outcome", run_outcome, methods=["POST"]),
            Route("/_mock/faults", faults, methods=["GET", "POST", "DELETE"]),
            # A string, checked in `fault`: Starlette's int convertor fails on thousands of
            # digits.
            Route("/_mock/faults/{rule_id}", fault, methods=["DELETE"]),
        ],
        exception_handlers=handlers,
    )


def _fixtures_refused(exc: FixtureError) -> ApiError:
    """A reset whose edited fixtures do not validate: nothing changed, and the 400 says why."""
    return ApiError(
        400,
        f"Fixtures not reloaded: {exc.path} does not match the spec ({exc.problems[0]}); "
        "the mock still serves the data it had and nothing was reset",
        details={"file": str(exc.path), "problems": exc.problems},
    )


def _error_response(error: ApiError) -> Response:
    status, headers, body = render(error)
    response = Response(body, status)
    response.raw_headers = headers
    return response

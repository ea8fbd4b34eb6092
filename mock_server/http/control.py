"""Control endpoints under /_mock/, outside the API, for people and tests driving the mock."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..domain.clock import ManualClock
from ..domain.lifecycle import OUTCOMES
from ..errors import ApiError, render
from ..storage.fixtures import FixtureError
from ..storage.outcomes import OutcomeChoice
from ..storage.requestlog import RequestFilter, summary
from ..storage.state import MockState
from .responses import data_response, json_response


async def _json_object(request: Request) -> dict[str, Any]:
    """A control request's JSON object body; 400 in the envelope otherwise."""
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise ApiError(400, "The body must be a JSON object") from None
    if not isinstance(body, dict):
        raise ApiError(400, "The body must be a JSON object")
    return body


def _outcome(body: dict[str, Any]) -> str:
    outcome = body.get("outcome")
    if outcome not in OUTCOMES:
        raise ApiError(400, f"`outcome` must be one of {list(OUTCOMES)}")
    return str(outcome)


def make_control_app(state: MockState) -> Starlette:
    store = state.store

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
            state.backend.clear_requests()
        records = [record for record in state.backend.requests() if wanted.matches(record)]
        return json_response(summary(records))

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            body = await _json_object(request)
            seconds = body.get("advance")
            if not isinstance(state.clock, ManualClock):
                raise ApiError(409, "The clock is real time: start the mock with --manual-clock")
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
                raise ApiError(400, '`advance` must be a number of seconds >= 0, as {"advance": 5}')
            with state.write():
                state.clock.advance(float(seconds))
        else:
            state.sync()
        return json_response({"manual": state.clock.manual, "now": state.clock.now()})

    async def outcomes(request: Request) -> Response:
        if request.method == "POST":
            body = await _json_object(request)
            unknown = set(body) - {"outcome", "count", "projectId", "pipelineId", "stage"}
            if unknown:
                raise ApiError(400, f"unknown fields {sorted(unknown)}")
            count = body.get("count")
            if count is not None and (
                isinstance(count, bool) or not isinstance(count, int) or count < 1
            ):
                raise ApiError(
                    400, "`count` must be a whole number >= 1 (leave it out for every run)"
                )
            where = [body.get(name) for name in ("projectId", "pipelineId", "stage")]
            stage = None
            if any(where):
                if not all(isinstance(part, str) and part for part in where):
                    raise ApiError(400, "give all of projectId, pipelineId and stage, or none")
                stage = (str(where[0]), str(where[1]), str(where[2]))
            outcome = _outcome(body)
            with state.write():
                if stage is not None:
                    store.flow(*stage)  # 404 for a release flow that does not exist
                store.choose_outcomes(OutcomeChoice(outcome, count, stage))
        elif request.method == "DELETE":
            with state.write():
                store.clear_outcomes()
        else:
            state.sync()
        return json_response(store.outcome_choices())

    async def run_outcome(request: Request) -> Response:
        body = await _json_object(request)
        outcome = _outcome(body)
        with state.write():
            flow, record = store.find_run(request.path_params["run_id"])
            store.start_due_runs(flow)
            store.set_outcome(flow, record, outcome)
            details = store.details_json(flow, record)
        return data_response(details)

    async def faults(request: Request) -> Response:
        if request.method == "POST":
            body = await _json_object(request)
            with state.write():
                rule = state.faults.add(body)
            return json_response(asdict(rule), 201)
        if request.method == "DELETE":
            with state.write():
                state.faults.reset()
        else:
            state.sync()
        return json_response({"rules": state.faults.describe()})

    async def fault(request: Request) -> Response:
        with state.write():
            state.faults.remove(request.path_params["rule_id"])
        return json_response({"rules": state.faults.describe()})

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
        messages = {404: f"No control endpoint at {request.url.path}", 405: "Method not allowed"}
        message = messages.get(status, "Control request failed")
        return _error_response(ApiError(status, message, headers=headers))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(exc)

    handlers: dict[Any, Any] = {HTTPException: http_error, ApiError: api_error}
    return Starlette(
        routes=[
            Route("/_mock/health", health, methods=["GET"]),
            Route("/_mock/reset", reset, methods=["POST"]),
            Route("/_mock/requests", requests, methods=["GET", "DELETE"]),
            Route("/_mock/clock", clock, methods=["GET", "POST"]),
            Route("/_mock/outcomes", outcomes, methods=["GET", "POST", "DELETE"]),
            Route("/_mock/runs/{run_id}/outcome", run_outcome, methods=["POST"]),
            Route("/_mock/faults", faults, methods=["GET", "POST", "DELETE"]),
            Route("/_mock/faults/{rule_id:int}", fault, methods=["DELETE"]),
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

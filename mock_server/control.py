"""Control endpoints under /_mock/, outside the API, for people and tests driving the mock."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .clock import ManualClock
from .errors import ApiError, error_response
from .handlers import json_response
from .state import MockState


def make_control_app(state: MockState) -> Starlette:
    async def health(request: Request) -> Response:
        store = state.store
        return json_response(
            {
                "status": "ok",
                "releaseFlows": len(store.flows),
                "runs": sum(len(flow.runs) for flow in store.flows.values()),
                "jobs": len(store.jobs),
                "builds": sum(len(job.builds) for job in store.jobs.values()),
                "clock": {"manual": state.clock.manual, "now": state.clock.now()},
            }
        )

    async def reset(request: Request) -> Response:
        state.reset()
        return json_response({"status": "reset"})

    async def requests(request: Request) -> Response:
        if request.method == "DELETE":
            state.requests.clear()
            return json_response({"requests": []})
        return json_response({"requests": state.requests.list()})

    async def clock(request: Request) -> Response:
        if request.method == "POST":
            body = await _json_object(request)
            seconds = body.get("advance")
            if not isinstance(state.clock, ManualClock):
                raise ApiError(409, "The clock is real time: start the mock with --manual-clock")
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
                raise ApiError(400, '`advance` must be a number of seconds >= 0, as {"advance": 5}')
            state.clock.advance(float(seconds))
        return json_response({"manual": state.clock.manual, "now": state.clock.now()})

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        messages = {404: f"No control endpoint at {request.url.path}", 405: "Method not allowed"}
        return error_response(ApiError(status, messages.get(status, "Control request failed")))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc)

    handlers: dict[Any, Any] = {HTTPException: http_error, ApiError: api_error}
    return Starlette(
        routes=[
            Route("/_mock/health", health, methods=["GET"]),
            Route("/_mock/reset", reset, methods=["POST"]),
            Route("/_mock/requests", requests, methods=["GET", "DELETE"]),
            Route("/_mock/clock", clock, methods=["GET", "POST"]),
        ],
        exception_handlers=handlers,
    )


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

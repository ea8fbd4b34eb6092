"""Control endpoints under /_mock/, outside the API, for people and tests driving the mock."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

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
        ],
        exception_handlers=handlers,
    )

"""The API's operations, keyed by operationId. Thin: check the token's rights, ask the store,
shape the answer. connexion has checked the token and validated the request before a handler
runs; arguments arrive as snake_case names (connexion_adapter.HandlerCall).

A team-scoped operation (`x-team-scoped-variant-of` in the spec) is served by its twin's
handler, which then gets the path's `team_id`: the same data, looked up in that team."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.responses import Response

from ..domain.pagination import DEFAULT_PER_PAGE
from ..errors import ApiError
from ..storage.state import MockState
from .connexion_adapter import Handler
from .responses import data_response, list_response

TokenInfo = dict[str, Any] | None  # what connexion's security check found out about the token
logger = logging.getLogger("mock_server")


def make_handlers(
    state: MockState, operation_ids: Iterable[str] = (), variants: Mapping[str, str] | None = None
) -> dict[str, Handler]:
    """The operation handlers of one app, keyed by operationId: one for each of
    `operation_ids`, those the mock does not serve answering 501. `variants` maps team-scoped
    operations to their twins (RouteTable.variants)."""
    handlers = _served(state)
    for operation_id, twin in sorted((variants or {}).items()):
        handler = handlers.get(twin)
        if handler is not None and "team_id" in inspect.signature(handler).parameters:
            handlers.setdefault(operation_id, handler)
    for operation_id in sorted(set(operation_ids) - set(handlers)):
        logger.warning(
            "the spec's operation %s is not served by the mock: it answers 501", operation_id
        )
        handlers[operation_id] = not_served(operation_id)
    return handlers


def not_served(operation_id: str) -> Handler:
    async def handler(**arguments: Any) -> Response:
        raise ApiError(501, f"The mock does not serve {operation_id} yet")

    return handler


def _served(state: MockState) -> dict[str, Handler]:
    store = state.store

    def authorize(
        token_info: TokenInfo, project_id: str, permission: str, team_id: str | None
    ) -> None:
        """On a project-scoped route, the team is the project's (None for an unknown one)."""
        team = team_id if team_id is not None else store.team_of(project_id)
        state.auth.authorize(token_info, project_id, permission, team)

    async def list_release_flow_runs(
        project_id: str,
        pipeline_id: str,
        stage: str,
        per_page: int = DEFAULT_PER_PAGE,
        page: int | None = None,
        cursor: str | None = None,
        status: str | None = None,
        concluded: bool | None = None,
        team_id: str | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "pipelines:read", team_id)
        state.sync()
        flow = store.flow(project_id, pipeline_id, stage, team_id)
        store.start_due_runs(flow)
        runs, pagination = store.list_runs(
            flow, per_page=per_page, page=page, cursor=cursor, status=status, concluded=concluded
        )
        return list_response("runs", runs, pagination)

    async def get_release_flow_run(
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        team_id: str | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "pipelines:read", team_id)
        state.sync()
        flow = store.flow(project_id, pipeline_id, stage, team_id)
        store.start_due_runs(flow)
        return data_response(store.details_json(flow, store.run(flow, run_id)))

    async def run_release_flow(
        project_id: str,
        pipeline_id: str,
        stage: str,
        body: dict[str, Any] | None = None,
        team_id: str | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "pipelines:update", team_id)
        with state.write():
            flow = store.flow(project_id, pipeline_id, stage, team_id)
            store.start_due_runs(flow)
            record = store.create_run(flow, body or {})
            details = store.details_json(flow, record)
        return data_response(details)

    async def abort_release_flow_run(
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        team_id: str | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "pipelines:update", team_id)
        with state.write():
            flow = store.flow(project_id, pipeline_id, stage, team_id)
            store.start_due_runs(flow)
            record = store.abort_run(flow, store.run(flow, run_id))
            details = store.details_json(flow, record)
        return data_response(details)

    async def list_job_builds(
        project_id: str,
        job_id: str,
        per_page: int = DEFAULT_PER_PAGE,
        page: int | None = None,
        cursor: str | None = None,
        team_id: str | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "jobs:read", team_id)
        state.sync()
        job = store.job(project_id, job_id, team_id)
        builds, pagination = store.list_builds(job, per_page=per_page, page=page, cursor=cursor)
        return list_response("builds", builds, pagination)

    return {
        "listReleaseFlowRuns": list_release_flow_runs,
        "getReleaseFlowRun": get_release_flow_run,
        "runReleaseFlow": run_release_flow,
        "abortReleaseFlowRun": abort_release_flow_run,
        "listJobBuilds": list_job_builds,
    }

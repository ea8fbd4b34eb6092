"""The five operations. Thin: check the token's rights, ask the store, shape the answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.responses import Response

from .pagination import DEFAULT_PER_PAGE
from .state import MockState
from .store import encode

Handler = Callable[..., Awaitable[Response]]
TokenInfo = dict[str, Any] | None  # what connexion's security layer found out about the token


def json_response(body: Any, status: int = 200) -> Response:
    return Response(encode(body), status, media_type="application/json")


def data_response(encoded: bytes) -> Response:
    """`{"data": ...}` around a value already encoded as JSON."""
    return Response(b'{"data":' + encoded + b"}", 200, media_type="application/json")


def list_response(key: str, items: list[bytes], pagination: dict[str, Any]) -> Response:
    """`{"data": {key: [...]}, "pagination": {...}}` from items already encoded as JSON."""
    head = b'{"data":{"' + key.encode() + b'":['
    tail = b']},"pagination":' + encode(pagination) + b"}"
    return Response(head + b",".join(items) + tail, 200, media_type="application/json")


def make_handlers(state: MockState) -> dict[str, Handler]:
    """The operation handlers of one app, keyed by operationId."""
    store = state.store

    authorize = state.auth.authorize

    async def list_release_flow_runs(
        project_id: str,
        pipeline_id: str,
        stage: str,
        per_page: int = DEFAULT_PER_PAGE,
        page: int | None = None,
        cursor: str | None = None,
        status: str | None = None,
        concluded: bool | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "pipelines:read")
        state.sync()
        flow = store.flow(project_id, pipeline_id, stage)
        runs, pagination = store.list_runs(
            flow, per_page=per_page, page=page, cursor=cursor, status=status, concluded=concluded
        )
        return list_response("runs", runs, pagination)

    async def get_release_flow_run(
        project_id: str, pipeline_id: str, stage: str, run_id: str, token_info: TokenInfo = None
    ) -> Response:
        authorize(token_info, project_id, "pipelines:read")
        state.sync()
        flow = store.flow(project_id, pipeline_id, stage)
        return data_response(store.details_encoded(flow, store.run(flow, run_id)))

    async def run_release_flow(
        project_id: str,
        pipeline_id: str,
        stage: str,
        body: dict[str, Any] | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "pipelines:update")
        with state.write():
            flow = store.flow(project_id, pipeline_id, stage)
            record = store.create_run(flow, body or {})
            details = store.details_encoded(flow, record)
        return data_response(details)

    async def abort_release_flow_run(
        project_id: str, pipeline_id: str, stage: str, run_id: str, token_info: TokenInfo = None
    ) -> Response:
        authorize(token_info, project_id, "pipelines:update")
        with state.write():
            flow = store.flow(project_id, pipeline_id, stage)
            record = store.abort_run(flow, store.run(flow, run_id))
            details = store.details_encoded(flow, record)
        return data_response(details)

    async def list_job_builds(
        project_id: str,
        job_id: str,
        per_page: int = DEFAULT_PER_PAGE,
        page: int | None = None,
        cursor: str | None = None,
        token_info: TokenInfo = None,
    ) -> Response:
        authorize(token_info, project_id, "jobs:read")
        state.sync()
        job = store.job(project_id, job_id)
        builds, pagination = store.list_builds(job, per_page=per_page, page=page, cursor=cursor)
        return list_response("builds", builds, pagination)

    return {
        "listReleaseFlowRuns": list_release_flow_runs,
        "getReleaseFlowRun": get_release_flow_run,
        "runReleaseFlow": run_release_flow,
        "abortReleaseFlowRun": abort_release_flow_run,
        "listJobBuilds": list_job_builds,
    }

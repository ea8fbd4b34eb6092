"""`Northflank` and `AsyncNorthflank`: every operation of the spec as a method, grouped by tag.

    nf = Northflank()  # the token from NORTHFLANK_API_TOKEN, the URL from NORTHFLANK_BASE_URL
    run = nf.pipelines.run_release_flow("demo-project", "demo-pipeline", "development", name="From CI")
    final = nf.pipelines.wait_for_release_flow_run("demo-project", "demo-pipeline", "development", run.id)

Methods return models and raise the errors of errors.py. Enum arguments take plain strings and
free-form objects plain dicts. Every method takes `timeout=` for that call alone. This module is
generated from the spec; the generated functions under `api/` stay available (`nf.client` is the
AuthenticatedClient they take).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar

import httpx
from httpx_retries import Retry

from .api.jobs import list_job_builds, list_team_job_builds
from .api.pipelines import (
    abort_release_flow_run,
    abort_team_release_flow_run,
    get_release_flow_run,
    get_team_release_flow_run,
    list_release_flow_runs,
    list_team_release_flow_runs,
    run_release_flow,
    run_team_release_flow,
)
from .call_options import NOT_GIVEN, NotGiven, TimeoutTypes, call_options
from .client import DEFAULT_TIMEOUT, AuthenticatedClient
from .errors import APIStatusError, NorthflankError, unwrap
from .models import (
    Arguments,
    JobBuild,
    JobBuildListResponse,
    ReleaseFlowRun,
    ReleaseFlowRunDetails,
    ReleaseFlowRunListResponse,
    ReleaseFlowRunResponse,
    ReleaseFlowRunStatus,
    RunReleaseFlowRequest,
    RunReleaseFlowRequestOverrides,
    RunReleaseFlowRequestReleaseNodeOverrides,
)
from .pagination import apaginate, items_or_empty, paginate
from .retry import default_retry
from .transport import enable_debug_logging
from .types import UNSET, Response, Unset
from .waiting import DEFAULT_WAIT, apoll_until_concluded, poll_until_concluded

DEFAULT_BASE_URL = "https://api.northflank.com"
TOKEN_VARIABLE = "NORTHFLANK_API_TOKEN"
BASE_URL_VARIABLE = "NORTHFLANK_BASE_URL"
TEAM_VARIABLE = "NORTHFLANK_TEAM_ID"
DEBUG_VARIABLE = "NORTHFLANK_DEBUG"

E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], value: E | str) -> E:
    return kind(value)


def _optional_enum(kind: type[E], value: E | str | Unset) -> E | Unset:
    return value if isinstance(value, Unset) else kind(value)


def _no_content(response: Response[Any]) -> None:
    if not 200 <= int(response.status_code) <= 299:
        raise APIStatusError.from_response(int(response.status_code), response.content, response.headers)


def _client(
    api_token: str | None,
    base_url: str | None,
    timeout: TimeoutTypes,
    retry: Retry | None | NotGiven,
    headers: Mapping[str, str] | None,
    debug: bool | None,
    httpx_args: Mapping[str, Any] | None,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
) -> AuthenticatedClient:
    token = api_token if api_token is not None else os.environ.get(TOKEN_VARIABLE, "")
    if not token:
        raise NorthflankError(f"no API token: pass api_token=... or set {TOKEN_VARIABLE}")
    if debug if debug is not None else os.environ.get(DEBUG_VARIABLE, "").lower() in ("1", "true", "yes"):
        enable_debug_logging()
    args = dict(httpx_args or {})
    if transport is not None:
        args["transport"] = transport
    return AuthenticatedClient(
        base_url=base_url or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL,
        token=token,
        timeout=timeout,
        retry=default_retry() if isinstance(retry, NotGiven) else retry,
        headers=dict(headers or {}),
        httpx_args=args,
    )


class _Owner:
    """What the resources share: the client, and the team used when a call names none."""

    client: AuthenticatedClient
    team_id: str | None

    def _team(self, team_id: str | None) -> str | None:
        return team_id if team_id is not None else self.team_id


class Jobs:
    """The operations tagged jobs."""

    def __init__(self, owner: _Owner) -> None:
        self._owner = owner

    def list_job_builds(
        self,
        project_id: str,
        job_id: str,
        *,
        per_page: int | Unset = UNSET,
        page: int | Unset = UNSET,
        cursor: str | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> JobBuildListResponse:
        """List job builds

        Lists builds for the given job, newest first.

        Required permission: Project > Jobs > General > Read.

        Args:
            project_id: ID of the project
            job_id: ID of the job
            per_page: The number of results to display per request. Maximum of 100 results per page.
            page: The page number to access (1-based).
            cursor: The cursor returned from the previous page of results, used to request the next
                page. Opaque and URL-safe: pass it back exactly as received.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = list_team_job_builds.sync_detailed(
                    team,
                    project_id,
                    job_id,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                )
            else:
                response = list_job_builds.sync_detailed(
                    project_id,
                    job_id,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                )
        return unwrap(response, JobBuildListResponse)

    def iter_job_builds(
        self,
        project_id: str,
        job_id: str,
        *,
        per_page: int | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> Iterator[JobBuild]:
        """Every item of every page of `list_job_builds`, one page request at a time.

        Args:
            project_id: ID of the project
            job_id: ID of the job
            per_page: The number of results to display per request. Maximum of 100 results per page.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        def fetch(cursor: str | Unset) -> JobBuildListResponse:
            return self.list_job_builds(
                project_id, job_id, per_page=per_page, team_id=team_id, cursor=cursor, timeout=timeout
            )

        def items(page: JobBuildListResponse) -> list[JobBuild]:
            return page.data.builds

        return paginate(fetch, items)


class AsyncJobs:
    """The operations tagged jobs (async)."""

    def __init__(self, owner: _Owner) -> None:
        self._owner = owner

    async def list_job_builds(
        self,
        project_id: str,
        job_id: str,
        *,
        per_page: int | Unset = UNSET,
        page: int | Unset = UNSET,
        cursor: str | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> JobBuildListResponse:
        """List job builds

        Lists builds for the given job, newest first.

        Required permission: Project > Jobs > General > Read.

        Args:
            project_id: ID of the project
            job_id: ID of the job
            per_page: The number of results to display per request. Maximum of 100 results per page.
            page: The page number to access (1-based).
            cursor: The cursor returned from the previous page of results, used to request the next
                page. Opaque and URL-safe: pass it back exactly as received.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = await list_team_job_builds.asyncio_detailed(
                    team,
                    project_id,
                    job_id,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                )
            else:
                response = await list_job_builds.asyncio_detailed(
                    project_id,
                    job_id,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                )
        return unwrap(response, JobBuildListResponse)

    def iter_job_builds(
        self,
        project_id: str,
        job_id: str,
        *,
        per_page: int | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> AsyncIterator[JobBuild]:
        """Every item of every page of `list_job_builds`, one page request at a time.

        Args:
            project_id: ID of the project
            job_id: ID of the job
            per_page: The number of results to display per request. Maximum of 100 results per page.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        async def fetch(cursor: str | Unset) -> JobBuildListResponse:
            return await self.list_job_builds(
                project_id, job_id, per_page=per_page, team_id=team_id, cursor=cursor, timeout=timeout
            )

        def items(page: JobBuildListResponse) -> list[JobBuild]:
            return page.data.builds

        return apaginate(fetch, items)


class Pipelines:
    """The operations tagged pipelines."""

    def __init__(self, owner: _Owner) -> None:
        self._owner = owner

    def list_release_flow_runs(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        per_page: int | Unset = UNSET,
        page: int | Unset = UNSET,
        cursor: str | Unset = UNSET,
        status: ReleaseFlowRunStatus | str | Unset = UNSET,
        concluded: bool | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunListResponse:
        """List release flow runs

        Lists runs of a release flow, newest first.

        Required permission: Project > Pipelines > General > Read.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            per_page: The number of results to display per request. Maximum of 100 results per page.
            page: The page number to access (1-based).
            cursor: The cursor returned from the previous page of results, used to request the next
                page. Opaque and URL-safe: pass it back exactly as received.
            status: Only return runs with this status. Only the statuses listed here are accepted: a
                value this document does not list is refused with 400.
            concluded: Only return runs that have (`true`) or have not (`false`) concluded.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = list_team_release_flow_runs.sync_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                    status=_optional_enum(ReleaseFlowRunStatus, status),
                    concluded=concluded,
                )
            else:
                response = list_release_flow_runs.sync_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                    status=_optional_enum(ReleaseFlowRunStatus, status),
                    concluded=concluded,
                )
        return unwrap(response, ReleaseFlowRunListResponse)

    def iter_release_flow_runs(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        per_page: int | Unset = UNSET,
        status: ReleaseFlowRunStatus | str | Unset = UNSET,
        concluded: bool | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> Iterator[ReleaseFlowRun]:
        """Every item of every page of `list_release_flow_runs`, one page request at a time.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            per_page: The number of results to display per request. Maximum of 100 results per page.
            status: Only return runs with this status. Only the statuses listed here are accepted: a
                value this document does not list is refused with 400.
            concluded: Only return runs that have (`true`) or have not (`false`) concluded.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        def fetch(cursor: str | Unset) -> ReleaseFlowRunListResponse:
            return self.list_release_flow_runs(
                project_id,
                pipeline_id,
                stage,
                per_page=per_page,
                status=status,
                concluded=concluded,
                team_id=team_id,
                cursor=cursor,
                timeout=timeout,
            )

        def items(page: ReleaseFlowRunListResponse) -> list[ReleaseFlowRun]:
            return items_or_empty(page.data.runs)

        return paginate(fetch, items)

    def run_release_flow(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        name: str | Unset = UNSET,
        description: str | Unset = UNSET,
        arguments: Arguments | Mapping[str, Any] | Unset = UNSET,
        overrides: RunReleaseFlowRequestOverrides | Mapping[str, Any] | Unset = UNSET,
        release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Mapping[str, Any] | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Run release flow

        Runs a given release flow with given arguments. This endpoint can be used as part of a CI
        pipeline to automatically trigger a release process.

        Required permission: Project > Pipelines > General > Update.

        Answers the created run's details, as `GET .../runs/{runId}` answers them. This call is
        not idempotent: a client must never retry it automatically.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            name: The optional name of the release-flow run.
            description: The optional description of the release-flow run.
            arguments: A set of arguments that can be referenced in a template using
                '${args.argumentName}'.
            overrides: Overrides for specific reference values. This should be an object where each key
                corresponds to a ref defined in the template. The values of each of these keys
                should also be an object, where each key value pair provided will overwrite the
                value for that key in the given ref. For example, the value `{ 'example-ref': {
                'branch': 'devel' } }` would set the `branch` field to `devel` for the node with
                ref `example-ref`.
            release_node_overrides: Overrides for release nodes. This should be an object where each key
                is the id of a deployment service used in a release node. The value
                of each of these keys should be also be an object containing the new
                spec of the release for that deployment service.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        body = RunReleaseFlowRequest(
            name=name,
            description=description,
            arguments=arguments,
            overrides=overrides,
            release_node_overrides=release_node_overrides,
        )
        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = run_team_release_flow.sync_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    body=body,
                )
            else:
                response = run_release_flow.sync_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    body=body,
                )
        return unwrap(response, ReleaseFlowRunResponse).data

    def get_release_flow_run(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        *,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Get release flow run details

        Gets information about the given release flow run: the template it runs and the state of
        the run.

        Required permission: Project > Pipelines > General > Read.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = get_team_release_flow_run.sync_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
            else:
                response = get_release_flow_run.sync_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
        return unwrap(response, ReleaseFlowRunResponse).data

    def wait_for_release_flow_run(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        *,
        team_id: str | None = None,
        timeout: float = DEFAULT_WAIT,
        interval: float = 2.0,
        max_interval: float = 30.0,
        multiplier: float = 1.5,
    ) -> ReleaseFlowRunDetails:
        """Poll `get_release_flow_run` until the answer has concluded, and return it.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds to wait in all (polls, retries and hung requests included)
                before raising RunWaitTimeout. Polls every `interval` seconds, growing by
                `multiplier` up to `max_interval`.
        """

        def poll() -> ReleaseFlowRunDetails:
            return self.get_release_flow_run(
                project_id,
                pipeline_id,
                stage,
                run_id,
                team_id=team_id,
            )

        return poll_until_concluded(
            poll,
            run_id,
            timeout=timeout,
            interval=interval,
            max_interval=max_interval,
            multiplier=multiplier,
        )

    def abort_release_flow_run(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        *,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Abort release flow run

        Aborts the given release flow run and answers its details. The call takes no request
        body: a request with no body, with an empty body or with an empty JSON object is
        accepted, with or without `Content-Type: application/json`.

        Required permission: Project > Pipelines > General > Update.

        Aborting a run that has already concluded answers 409. This call is not idempotent: a
        client must never retry it automatically.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = abort_team_release_flow_run.sync_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
            else:
                response = abort_release_flow_run.sync_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
        return unwrap(response, ReleaseFlowRunResponse).data


class AsyncPipelines:
    """The operations tagged pipelines (async)."""

    def __init__(self, owner: _Owner) -> None:
        self._owner = owner

    async def list_release_flow_runs(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        per_page: int | Unset = UNSET,
        page: int | Unset = UNSET,
        cursor: str | Unset = UNSET,
        status: ReleaseFlowRunStatus | str | Unset = UNSET,
        concluded: bool | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunListResponse:
        """List release flow runs

        Lists runs of a release flow, newest first.

        Required permission: Project > Pipelines > General > Read.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            per_page: The number of results to display per request. Maximum of 100 results per page.
            page: The page number to access (1-based).
            cursor: The cursor returned from the previous page of results, used to request the next
                page. Opaque and URL-safe: pass it back exactly as received.
            status: Only return runs with this status. Only the statuses listed here are accepted: a
                value this document does not list is refused with 400.
            concluded: Only return runs that have (`true`) or have not (`false`) concluded.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = await list_team_release_flow_runs.asyncio_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                    status=_optional_enum(ReleaseFlowRunStatus, status),
                    concluded=concluded,
                )
            else:
                response = await list_release_flow_runs.asyncio_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    per_page=per_page,
                    page=page,
                    cursor=cursor,
                    status=_optional_enum(ReleaseFlowRunStatus, status),
                    concluded=concluded,
                )
        return unwrap(response, ReleaseFlowRunListResponse)

    def iter_release_flow_runs(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        per_page: int | Unset = UNSET,
        status: ReleaseFlowRunStatus | str | Unset = UNSET,
        concluded: bool | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> AsyncIterator[ReleaseFlowRun]:
        """Every item of every page of `list_release_flow_runs`, one page request at a time.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            per_page: The number of results to display per request. Maximum of 100 results per page.
            status: Only return runs with this status. Only the statuses listed here are accepted: a
                value this document does not list is refused with 400.
            concluded: Only return runs that have (`true`) or have not (`false`) concluded.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        async def fetch(cursor: str | Unset) -> ReleaseFlowRunListResponse:
            return await self.list_release_flow_runs(
                project_id,
                pipeline_id,
                stage,
                per_page=per_page,
                status=status,
                concluded=concluded,
                team_id=team_id,
                cursor=cursor,
                timeout=timeout,
            )

        def items(page: ReleaseFlowRunListResponse) -> list[ReleaseFlowRun]:
            return items_or_empty(page.data.runs)

        return apaginate(fetch, items)

    async def run_release_flow(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        name: str | Unset = UNSET,
        description: str | Unset = UNSET,
        arguments: Arguments | Mapping[str, Any] | Unset = UNSET,
        overrides: RunReleaseFlowRequestOverrides | Mapping[str, Any] | Unset = UNSET,
        release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Mapping[str, Any] | Unset = UNSET,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Run release flow

        Runs a given release flow with given arguments. This endpoint can be used as part of a CI
        pipeline to automatically trigger a release process.

        Required permission: Project > Pipelines > General > Update.

        Answers the created run's details, as `GET .../runs/{runId}` answers them. This call is
        not idempotent: a client must never retry it automatically.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            name: The optional name of the release-flow run.
            description: The optional description of the release-flow run.
            arguments: A set of arguments that can be referenced in a template using
                '${args.argumentName}'.
            overrides: Overrides for specific reference values. This should be an object where each key
                corresponds to a ref defined in the template. The values of each of these keys
                should also be an object, where each key value pair provided will overwrite the
                value for that key in the given ref. For example, the value `{ 'example-ref': {
                'branch': 'devel' } }` would set the `branch` field to `devel` for the node with
                ref `example-ref`.
            release_node_overrides: Overrides for release nodes. This should be an object where each key
                is the id of a deployment service used in a release node. The value
                of each of these keys should be also be an object containing the new
                spec of the release for that deployment service.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        body = RunReleaseFlowRequest(
            name=name,
            description=description,
            arguments=arguments,
            overrides=overrides,
            release_node_overrides=release_node_overrides,
        )
        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = await run_team_release_flow.asyncio_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    body=body,
                )
            else:
                response = await run_release_flow.asyncio_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    client=self._owner.client,
                    body=body,
                )
        return unwrap(response, ReleaseFlowRunResponse).data

    async def get_release_flow_run(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        *,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Get release flow run details

        Gets information about the given release flow run: the template it runs and the state of
        the run.

        Required permission: Project > Pipelines > General > Read.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = await get_team_release_flow_run.asyncio_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
            else:
                response = await get_release_flow_run.asyncio_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
        return unwrap(response, ReleaseFlowRunResponse).data

    async def wait_for_release_flow_run(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        *,
        team_id: str | None = None,
        timeout: float = DEFAULT_WAIT,
        interval: float = 2.0,
        max_interval: float = 30.0,
        multiplier: float = 1.5,
    ) -> ReleaseFlowRunDetails:
        """Poll `get_release_flow_run` until the answer has concluded, and return it.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds to wait in all (polls, retries and hung requests included)
                before raising RunWaitTimeout. Polls every `interval` seconds, growing by
                `multiplier` up to `max_interval`.
        """

        async def poll() -> ReleaseFlowRunDetails:
            return await self.get_release_flow_run(
                project_id,
                pipeline_id,
                stage,
                run_id,
                team_id=team_id,
            )

        return await apoll_until_concluded(
            poll,
            run_id,
            timeout=timeout,
            interval=interval,
            max_interval=max_interval,
            multiplier=multiplier,
        )

    async def abort_release_flow_run(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        run_id: str,
        *,
        team_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Abort release flow run

        Aborts the given release flow run and answers its details. The call takes no request
        body: a request with no body, with an empty body or with an empty JSON object is
        accepted, with or without `Content-Type: application/json`.

        Required permission: Project > Pipelines > General > Update.

        Aborting a run that has already concluded answers 409. This call is not idempotent: a
        client must never retry it automatically.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds, an httpx.Timeout, or None for no limit: this call's own timeout
                instead of the client's.
        """

        response: Response[Any]
        with call_options(timeout=timeout):
            team = self._owner._team(team_id)
            if team is not None:
                response = await abort_team_release_flow_run.asyncio_detailed(
                    team,
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
            else:
                response = await abort_release_flow_run.asyncio_detailed(
                    project_id,
                    pipeline_id,
                    stage,
                    run_id,
                    client=self._owner.client,
                )
        return unwrap(response, ReleaseFlowRunResponse).data


class Northflank(_Owner):
    """The Northflank API: `.jobs`, `.pipelines`.

    Args:
        api_token: The API token; default: the NORTHFLANK_API_TOKEN environment variable.
        base_url: Default: NORTHFLANK_BASE_URL, else https://api.northflank.com.
        team_id: The team whose team-scoped routes calls use when they name no team; default:
            NORTHFLANK_TEAM_ID, else none (project-scoped routes).
        timeout: Per request: seconds, an httpx.Timeout, or None for no limit. Default:
            DEFAULT_TIMEOUT (5 s to connect, 60 s for each read). Every method also takes its own.
        retry: How GET requests are retried (retry.default_retry()); None for never.
        headers: Headers sent with every request.
        debug: Log every request (the token hidden) to the `northflank_release_client` logger;
            default: NORTHFLANK_DEBUG set to 1, true or yes.
        transport: An httpx transport to send through instead of the network
            (`httpx.MockTransport(handler)` in tests).
        httpx_args: More keyword arguments for the httpx client.
    """

    def __init__(
        self,
        *,
        api_token: str | None = None,
        base_url: str | None = None,
        team_id: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        retry: Retry | None | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        debug: bool | None = None,
        transport: httpx.BaseTransport | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self.client = _client(api_token, base_url, timeout, retry, headers, debug, httpx_args, transport)
        self.team_id = team_id if team_id is not None else (os.environ.get(TEAM_VARIABLE) or None)
        self.jobs = Jobs(self)
        self.pipelines = Pipelines(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.client._base_url!r}, team_id={self.team_id!r})"

    def close(self) -> None:
        self.client.get_httpx_client().close()

    def __enter__(self) -> Northflank:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


class AsyncNorthflank(_Owner):
    """The Northflank API, async: `.jobs`, `.pipelines`.

    Args:
        api_token: The API token; default: the NORTHFLANK_API_TOKEN environment variable.
        base_url: Default: NORTHFLANK_BASE_URL, else https://api.northflank.com.
        team_id: The team whose team-scoped routes calls use when they name no team; default:
            NORTHFLANK_TEAM_ID, else none (project-scoped routes).
        timeout: Per request: seconds, an httpx.Timeout, or None for no limit. Default:
            DEFAULT_TIMEOUT (5 s to connect, 60 s for each read). Every method also takes its own.
        retry: How GET requests are retried (retry.default_retry()); None for never.
        headers: Headers sent with every request.
        debug: Log every request (the token hidden) to the `northflank_release_client` logger;
            default: NORTHFLANK_DEBUG set to 1, true or yes.
        transport: An httpx async transport to send through instead of the network
            (`httpx.ASGITransport(app)` in tests).
        httpx_args: More keyword arguments for the httpx client.
    """

    def __init__(
        self,
        *,
        api_token: str | None = None,
        base_url: str | None = None,
        team_id: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        retry: Retry | None | NotGiven = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        debug: bool | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self.client = _client(api_token, base_url, timeout, retry, headers, debug, httpx_args, transport)
        self.team_id = team_id if team_id is not None else (os.environ.get(TEAM_VARIABLE) or None)
        self.jobs = AsyncJobs(self)
        self.pipelines = AsyncPipelines(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.client._base_url!r}, team_id={self.team_id!r})"

    async def close(self) -> None:
        await self.client.get_async_httpx_client().aclose()

    async def __aenter__(self) -> AsyncNorthflank:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.close()


__all__ = ["AsyncNorthflank", "DEFAULT_BASE_URL", "Northflank"]

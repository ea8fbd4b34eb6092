"""`Northflank` and `AsyncNorthflank`: every operation of the spec as a method, grouped by tag.

    nf = Northflank()  # the token from NORTHFLANK_API_TOKEN, the URL from NORTHFLANK_BASE_URL
    run = nf.pipelines.run_release_flow("demo-project", "demo-pipeline", "development", name="From CI")
    final = nf.pipelines.wait_for_release_flow_run("demo-project", "demo-pipeline", "development", run.id)

Methods return models and raise the errors of errors.py. Arguments are checked before anything is
sent; enum arguments take their values as strings, free-form objects plain dicts, and an optional
argument None for "not given". Every method takes `timeout=` (seconds for the whole call, retries
included), `request_timeout=` (each HTTP attempt's) and `max_retries=` for that call alone. This
module is generated from the spec; the generated functions under `api/` stay available
(`nf.client` is the AuthenticatedClient they take).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, Self

import httpx
from httpx_retries import Retry

from . import validation as _check
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
from .call_options import NOT_GIVEN, NotGiven, TimeoutTypes
from .client import DEFAULT_REQUEST_TIMEOUT, AuthenticatedClient
from .errors import APIStatusError, ClientStateError, InvalidArgumentTypeError, NorthflankConfigError, unwrap
from .models import (
    Arguments,
    JobBuild,
    JobBuildListResponse,
    ReleaseFlowRun,
    ReleaseFlowRunDetails,
    ReleaseFlowRunListResponse,
    ReleaseFlowRunResponse,
    ReleaseFlowRunStatus,
    ReleaseFlowRunStatusValue,
    RunReleaseFlowRequest,
    RunReleaseFlowRequestOverrides,
    RunReleaseFlowRequestReleaseNodeOverrides,
)
from .options import DEFAULT_CALL_TIMEOUT, ClientOptions
from .pagination import apaginate, items_or_empty, paginate
from .transport import DEFAULT_MAX_RESPONSE_BYTES, enable_debug_logging
from .types import Response, Unset
from .waiting import DEFAULT_WAIT, apoll_until_concluded, poll_until_concluded

DEFAULT_BASE_URL = "https://api.northflank.com"
TOKEN_VARIABLE = "NORTHFLANK_API_TOKEN"
BASE_URL_VARIABLE = "NORTHFLANK_BASE_URL"
TEAM_VARIABLE = "NORTHFLANK_TEAM_ID"
DEBUG_VARIABLE = "NORTHFLANK_DEBUG"


def _no_content(response: Response[Any]) -> None:
    if not 200 <= int(response.status_code) <= 299:
        raise APIStatusError.from_response(
            int(response.status_code), response.content, response.headers, response=response.http_response
        )


def _build(
    *,
    api_token: object,
    base_url: object,
    timeout: object,
    request_timeout: object,
    max_retries: object,
    retry: object,
    max_response_bytes: object,
    headers: object,
    debug: object,
    httpx_args: object,
    transport: object,
    transport_kind: type[httpx.BaseTransport] | type[httpx.AsyncBaseTransport],
) -> tuple[AuthenticatedClient, ClientOptions]:
    """The client and the call options of a facade, from its constructor's arguments, checked."""
    if api_token is None:
        if TOKEN_VARIABLE not in os.environ:
            raise NorthflankConfigError(f"no API token: pass api_token=... or set {TOKEN_VARIABLE}")
        token = _check.token(os.environ[TOKEN_VARIABLE], TOKEN_VARIABLE)
    else:
        token = _check.token(api_token, "api_token")
    if base_url is not None:
        url = _check.base_url(base_url, "base_url")
    elif BASE_URL_VARIABLE in os.environ:
        url = _check.base_url(os.environ[BASE_URL_VARIABLE], BASE_URL_VARIABLE)
    else:
        url = DEFAULT_BASE_URL
    # The warning for a deprecated timeout points at the line that built the client.
    options = ClientOptions.checked(timeout, request_timeout, max_retries, retry, stacklevel=4)
    if httpx_args is not None and not isinstance(httpx_args, Mapping):
        raise InvalidArgumentTypeError(f"httpx_args must be a mapping, not {type(httpx_args).__name__}")
    args = dict(httpx_args or {})
    if transport is not None:
        if not isinstance(transport, transport_kind):
            raise InvalidArgumentTypeError(
                f"transport must be an httpx.{transport_kind.__name__} for this client, not {type(transport).__name__}"
            )
        args["transport"] = transport
    if debug if debug is not None else os.environ.get(DEBUG_VARIABLE, "").lower() in ("1", "true", "yes"):
        enable_debug_logging()
    client = AuthenticatedClient(
        base_url=url,
        token=token,
        timeout=options.request_timeout,
        retry=options.retry,
        headers=_check.headers(headers),
        httpx_args=args,
        max_response_bytes=_check.byte_limit(max_response_bytes),
    )
    return client, options


class _Owner:
    """What the resources share: the client, its options, and the team used when a call names
    none."""

    client: AuthenticatedClient
    team_id: str | None
    _options: ClientOptions

    def _team(self, team_id: str | None) -> str | None:
        team = team_id if team_id is not None else self.team_id
        return None if team is None else _check.path("team_id", team)

    @property
    def base_url(self) -> str:
        """The API's URL."""
        return self.client.base_url

    @property
    def timeout(self) -> float | None:
        """Seconds a call may take in all, retries included (None: no limit)."""
        return self._options.timeout

    @property
    def request_timeout(self) -> httpx.Timeout:
        """The timeouts of each HTTP attempt."""
        return self._options.request_timeout

    @property
    def max_retries(self) -> int:
        """How many times a GET is retried."""
        return self._options.max_retries

    @property
    def retry(self) -> Retry | None:
        """The retry policy of GET requests (None: never retried)."""
        return self._options.retry

    def _copy(
        self,
        team_id: str | None | NotGiven,
        timeout: float | None | NotGiven,
        request_timeout: TimeoutTypes | NotGiven,
        max_retries: int | NotGiven,
        retry: Retry | None | NotGiven,
    ) -> Self:
        copy = object.__new__(type(self))
        copy.client = self.client
        copy.team_id = self.team_id if isinstance(team_id, NotGiven) else team_id
        if copy.team_id is not None:
            _check.path("team_id", copy.team_id)
        copy._options = self._options.replaced(timeout, request_timeout, max_retries, retry)
        copy._attach()
        return copy

    def _attach(self) -> None:
        raise NotImplementedError


class Jobs:
    """The operations tagged jobs."""

    def __init__(self, owner: _Owner) -> None:
        self._owner = owner

    def list_job_builds(
        self,
        project_id: str,
        job_id: str,
        *,
        per_page: int | None | Unset = None,
        page: int | None | Unset = None,
        cursor: str | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        job_id = _check.path("job_id", job_id)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)
        page = _check.integer("page", page, minimum=1)
        cursor = _check.string("cursor", cursor)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        with call.applied():
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
        per_page: int | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Iterator[JobBuild]:
        """Every item of every page of `list_job_builds`, one page request at a time.

        Args:
            project_id: ID of the project
            job_id: ID of the job
            per_page: The number of results to display per request. Maximum of 100 results per page.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout` (for each page); None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        job_id = _check.path("job_id", job_id)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)

        self._owner._options.for_call(timeout, request_timeout, max_retries)  # checked now, not at the first page

        def fetch(cursor: str | Unset) -> JobBuildListResponse:
            return self.list_job_builds(
                project_id,
                job_id,
                per_page=per_page,
                team_id=team_id,
                cursor=cursor,
                timeout=timeout,
                request_timeout=request_timeout,
                max_retries=max_retries,
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
        per_page: int | None | Unset = None,
        page: int | None | Unset = None,
        cursor: str | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        job_id = _check.path("job_id", job_id)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)
        page = _check.integer("page", page, minimum=1)
        cursor = _check.string("cursor", cursor)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        async with call.applied_async():
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
        per_page: int | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncIterator[JobBuild]:
        """Every item of every page of `list_job_builds`, one page request at a time.

        Args:
            project_id: ID of the project
            job_id: ID of the job
            per_page: The number of results to display per request. Maximum of 100 results per page.
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout` (for each page); None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        job_id = _check.path("job_id", job_id)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)

        self._owner._options.for_call(timeout, request_timeout, max_retries)  # checked now, not at the first page

        async def fetch(cursor: str | Unset) -> JobBuildListResponse:
            return await self.list_job_builds(
                project_id,
                job_id,
                per_page=per_page,
                team_id=team_id,
                cursor=cursor,
                timeout=timeout,
                request_timeout=request_timeout,
                max_retries=max_retries,
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
        per_page: int | None | Unset = None,
        page: int | None | Unset = None,
        cursor: str | None | Unset = None,
        status: ReleaseFlowRunStatus | ReleaseFlowRunStatusValue | None | Unset = None,
        concluded: bool | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)
        page = _check.integer("page", page, minimum=1)
        cursor = _check.string("cursor", cursor)
        status = _check.enum("status", ReleaseFlowRunStatus, status)
        concluded = _check.boolean("concluded", concluded)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        with call.applied():
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
                    status=status,
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
                    status=status,
                    concluded=concluded,
                )
        return unwrap(response, ReleaseFlowRunListResponse)

    def iter_release_flow_runs(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        per_page: int | None | Unset = None,
        status: ReleaseFlowRunStatus | ReleaseFlowRunStatusValue | None | Unset = None,
        concluded: bool | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout` (for each page); None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)
        status = _check.enum("status", ReleaseFlowRunStatus, status)
        concluded = _check.boolean("concluded", concluded)

        self._owner._options.for_call(timeout, request_timeout, max_retries)  # checked now, not at the first page

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
                request_timeout=request_timeout,
                max_retries=max_retries,
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
        name: str | None | Unset = None,
        description: str | None | Unset = None,
        arguments: Arguments | Mapping[str, Any] | None | Unset = None,
        overrides: RunReleaseFlowRequestOverrides | Mapping[str, Any] | None | Unset = None,
        release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Mapping[str, Any] | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        name = _check.string("name", name)
        description = _check.string("description", description)
        arguments = _check.json_object("arguments", arguments, Arguments)
        overrides = _check.json_object("overrides", overrides, RunReleaseFlowRequestOverrides)
        release_node_overrides = _check.json_object(
            "release_node_overrides", release_node_overrides, RunReleaseFlowRequestReleaseNodeOverrides
        )

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        body = RunReleaseFlowRequest(
            name=name,
            description=description,
            arguments=arguments,
            overrides=overrides,
            release_node_overrides=release_node_overrides,
        )
        team = self._owner._team(team_id)
        response: Response[Any]
        with call.applied():
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
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        run_id = _check.path("run_id", run_id)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        with call.applied():
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
        timeout: float | None = DEFAULT_WAIT,
        interval: float = 2.0,
        max_interval: float = 30.0,
        multiplier: float = 1.5,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Poll `get_release_flow_run` until the answer has concluded, and return it.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds to wait in all (polls, retries and hung requests included) before
                raising RunWaitTimeout; None waits as long as the run takes. The run is polled at
                least once, so 0 returns a run that has concluded and raises otherwise.
            interval: Seconds between polls at first, growing by `multiplier` up to
                `max_interval`.
            request_timeout: Each poll's per-attempt timeouts, instead of the client's.
            max_retries: How many times a failed poll is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        run_id = _check.path("run_id", run_id)

        self._owner._options.for_call(NOT_GIVEN, request_timeout, max_retries)  # checked before the first poll

        def poll() -> ReleaseFlowRunDetails:
            return self.get_release_flow_run(
                project_id,
                pipeline_id,
                stage,
                run_id,
                team_id=team_id,
                request_timeout=request_timeout,
                max_retries=max_retries,
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
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        run_id = _check.path("run_id", run_id)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        with call.applied():
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
        per_page: int | None | Unset = None,
        page: int | None | Unset = None,
        cursor: str | None | Unset = None,
        status: ReleaseFlowRunStatus | ReleaseFlowRunStatusValue | None | Unset = None,
        concluded: bool | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)
        page = _check.integer("page", page, minimum=1)
        cursor = _check.string("cursor", cursor)
        status = _check.enum("status", ReleaseFlowRunStatus, status)
        concluded = _check.boolean("concluded", concluded)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        async with call.applied_async():
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
                    status=status,
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
                    status=status,
                    concluded=concluded,
                )
        return unwrap(response, ReleaseFlowRunListResponse)

    def iter_release_flow_runs(
        self,
        project_id: str,
        pipeline_id: str,
        stage: str,
        *,
        per_page: int | None | Unset = None,
        status: ReleaseFlowRunStatus | ReleaseFlowRunStatusValue | None | Unset = None,
        concluded: bool | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout` (for each page); None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        per_page = _check.integer("per_page", per_page, minimum=1, maximum=100)
        status = _check.enum("status", ReleaseFlowRunStatus, status)
        concluded = _check.boolean("concluded", concluded)

        self._owner._options.for_call(timeout, request_timeout, max_retries)  # checked now, not at the first page

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
                request_timeout=request_timeout,
                max_retries=max_retries,
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
        name: str | None | Unset = None,
        description: str | None | Unset = None,
        arguments: Arguments | Mapping[str, Any] | None | Unset = None,
        overrides: RunReleaseFlowRequestOverrides | Mapping[str, Any] | None | Unset = None,
        release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Mapping[str, Any] | None | Unset = None,
        team_id: str | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        name = _check.string("name", name)
        description = _check.string("description", description)
        arguments = _check.json_object("arguments", arguments, Arguments)
        overrides = _check.json_object("overrides", overrides, RunReleaseFlowRequestOverrides)
        release_node_overrides = _check.json_object(
            "release_node_overrides", release_node_overrides, RunReleaseFlowRequestReleaseNodeOverrides
        )

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        body = RunReleaseFlowRequest(
            name=name,
            description=description,
            arguments=arguments,
            overrides=overrides,
            release_node_overrides=release_node_overrides,
        )
        team = self._owner._team(team_id)
        response: Response[Any]
        async with call.applied_async():
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
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        run_id = _check.path("run_id", run_id)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        async with call.applied_async():
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
        timeout: float | None = DEFAULT_WAIT,
        interval: float = 2.0,
        max_interval: float = 30.0,
        multiplier: float = 1.5,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ReleaseFlowRunDetails:
        """Poll `get_release_flow_run` until the answer has concluded, and return it.

        Args:
            project_id: ID of the project
            pipeline_id: ID of the pipeline
            stage: Stage of the pipeline
            run_id: ID of the release flow run
            team_id: Call the team-scoped route of this operation, for this team (default: the
                client's team_id; the project-scoped route when neither is set).
            timeout: Seconds to wait in all (polls, retries and hung requests included) before
                raising RunWaitTimeout; None waits as long as the run takes. The run is polled at
                least once, so 0 returns a run that has concluded and raises otherwise.
            interval: Seconds between polls at first, growing by `multiplier` up to
                `max_interval`.
            request_timeout: Each poll's per-attempt timeouts, instead of the client's.
            max_retries: How many times a failed poll is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        run_id = _check.path("run_id", run_id)

        self._owner._options.for_call(NOT_GIVEN, request_timeout, max_retries)  # checked before the first poll

        async def poll() -> ReleaseFlowRunDetails:
            return await self.get_release_flow_run(
                project_id,
                pipeline_id,
                stage,
                run_id,
                team_id=team_id,
                request_timeout=request_timeout,
                max_retries=max_retries,
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
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
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
            timeout: Seconds this call may take in all, retries included, instead of the client's
                `timeout`; None for no limit.
            request_timeout: Each HTTP attempt's timeouts (seconds or an httpx.Timeout), instead of
                the client's `request_timeout`.
            max_retries: How many times a GET is retried, instead of the client's count.
        """

        project_id = _check.path("project_id", project_id)
        pipeline_id = _check.path("pipeline_id", pipeline_id)
        stage = _check.path("stage", stage)
        run_id = _check.path("run_id", run_id)

        call = self._owner._options.for_call(timeout, request_timeout, max_retries)
        team = self._owner._team(team_id)
        response: Response[Any]
        async with call.applied_async():
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
        api_token: The API token; default: the NORTHFLANK_API_TOKEN environment variable. A token
            with whitespace or other characters HTTP cannot carry is refused (NorthflankConfigError,
            which never quotes it).
        base_url: Default: NORTHFLANK_BASE_URL, else https://api.northflank.com. An http(s) URL
            with a host and no query or fragment.
        team_id: The team whose team-scoped routes calls use when they name no team; default:
            NORTHFLANK_TEAM_ID, else none (project-scoped routes).
        timeout: Seconds a call may take in all, retries and a slow answer included; None for no
            limit. Default: DEFAULT_CALL_TIMEOUT (300). Every method also takes its own.
        request_timeout: Each HTTP attempt's timeouts: seconds, an httpx.Timeout, or None for no
            limit. Default: DEFAULT_REQUEST_TIMEOUT (5 s to connect, 60 s for each read).
        max_retries: How many times a GET is retried (default 3); 0 for never.
        retry: A whole retry policy instead of max_retries (retry.default_retry(...), or any
            httpx_retries.Retry); None for never.
        max_response_bytes: The largest response body read (64 MiB); a larger one raises
            ResponseShapeError.
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
        timeout: float | None = DEFAULT_CALL_TIMEOUT,
        request_timeout: TimeoutTypes = DEFAULT_REQUEST_TIMEOUT,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry: Retry | None | NotGiven = NOT_GIVEN,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        headers: Mapping[str, str] | None = None,
        debug: bool | None = None,
        transport: httpx.BaseTransport | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self.client, self._options = _build(
            api_token=api_token,
            base_url=base_url,
            timeout=timeout,
            request_timeout=request_timeout,
            max_retries=max_retries,
            retry=retry,
            max_response_bytes=max_response_bytes,
            headers=headers,
            debug=debug,
            httpx_args=httpx_args,
            transport=transport,
            transport_kind=httpx.BaseTransport,
        )
        team = team_id if team_id is not None else (os.environ.get(TEAM_VARIABLE) or None)
        self.team_id = None if team is None else _check.path("team_id", team)
        self._attach()

    def _attach(self) -> None:
        self.jobs = Jobs(self)
        self.pipelines = Pipelines(self)

    def with_options(
        self,
        *,
        team_id: str | None | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry: Retry | None | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with other defaults for its calls, sharing its connections:
        `nf.with_options(timeout=10, max_retries=0).pipelines.get_release_flow_run(...)`. Closing
        either closes both."""
        return self._copy(team_id, timeout, request_timeout, max_retries, retry)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, team_id={self.team_id!r}, timeout={self.timeout!r}, max_retries={self.max_retries!r})"

    def close(self) -> None:
        """Close the connections; calls after this raise ClientStateError."""
        self.client.close()

    def __enter__(self) -> Self:
        if self.client.is_closed:
            raise ClientStateError("this client has been closed: make a new one for more calls")
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


class AsyncNorthflank(_Owner):
    """The Northflank API, async: `.jobs`, `.pipelines`.

    Args:
        api_token: The API token; default: the NORTHFLANK_API_TOKEN environment variable. A token
            with whitespace or other characters HTTP cannot carry is refused (NorthflankConfigError,
            which never quotes it).
        base_url: Default: NORTHFLANK_BASE_URL, else https://api.northflank.com. An http(s) URL
            with a host and no query or fragment.
        team_id: The team whose team-scoped routes calls use when they name no team; default:
            NORTHFLANK_TEAM_ID, else none (project-scoped routes).
        timeout: Seconds a call may take in all, retries and a slow answer included; None for no
            limit. Default: DEFAULT_CALL_TIMEOUT (300). Every method also takes its own.
        request_timeout: Each HTTP attempt's timeouts: seconds, an httpx.Timeout, or None for no
            limit. Default: DEFAULT_REQUEST_TIMEOUT (5 s to connect, 60 s for each read).
        max_retries: How many times a GET is retried (default 3); 0 for never.
        retry: A whole retry policy instead of max_retries (retry.default_retry(...), or any
            httpx_retries.Retry); None for never.
        max_response_bytes: The largest response body read (64 MiB); a larger one raises
            ResponseShapeError.
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
        timeout: float | None = DEFAULT_CALL_TIMEOUT,
        request_timeout: TimeoutTypes = DEFAULT_REQUEST_TIMEOUT,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry: Retry | None | NotGiven = NOT_GIVEN,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        headers: Mapping[str, str] | None = None,
        debug: bool | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        httpx_args: Mapping[str, Any] | None = None,
    ) -> None:
        self.client, self._options = _build(
            api_token=api_token,
            base_url=base_url,
            timeout=timeout,
            request_timeout=request_timeout,
            max_retries=max_retries,
            retry=retry,
            max_response_bytes=max_response_bytes,
            headers=headers,
            debug=debug,
            httpx_args=httpx_args,
            transport=transport,
            transport_kind=httpx.AsyncBaseTransport,
        )
        team = team_id if team_id is not None else (os.environ.get(TEAM_VARIABLE) or None)
        self.team_id = None if team is None else _check.path("team_id", team)
        self._attach()

    def _attach(self) -> None:
        self.jobs = AsyncJobs(self)
        self.pipelines = AsyncPipelines(self)

    def with_options(
        self,
        *,
        team_id: str | None | NotGiven = NOT_GIVEN,
        timeout: float | None | NotGiven = NOT_GIVEN,
        request_timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry: Retry | None | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with other defaults for its calls, sharing its connections:
        `nf.with_options(timeout=10, max_retries=0).pipelines.get_release_flow_run(...)`. Closing
        either closes both."""
        return self._copy(team_id, timeout, request_timeout, max_retries, retry)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, team_id={self.team_id!r}, timeout={self.timeout!r}, max_retries={self.max_retries!r})"

    async def close(self) -> None:
        """Close the connections; calls after this raise ClientStateError."""
        await self.client.aclose()

    async def __aenter__(self) -> Self:
        if self.client.is_closed:
            raise ClientStateError("this client has been closed: make a new one for more calls")
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.close()


__all__ = ["DEFAULT_BASE_URL", "AsyncNorthflank", "Northflank"]

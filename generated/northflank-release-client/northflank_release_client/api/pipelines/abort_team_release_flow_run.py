from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.release_flow_run_response import ReleaseFlowRunResponse
from ...types import Response


def _get_kwargs(
    team_id: str,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/teams/{team_id}/projects/{project_id}/pipelines/{pipeline_id}/release-flows/{stage}/runs/{run_id}/abort".format(
            team_id=quote(str(team_id), safe=""),
            project_id=quote(str(project_id), safe=""),
            pipeline_id=quote(str(pipeline_id), safe=""),
            stage=quote(str(stage), safe=""),
            run_id=quote(str(run_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ReleaseFlowRunResponse | None:
    if response.status_code == 200:
        response_200 = ReleaseFlowRunResponse.from_dict(errors.json_body(response))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_404

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_409

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_413

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(errors.json_body(response))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.APIStatusError.from_response(
            response.status_code, response.content, response.headers, response=response
        )
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | ReleaseFlowRunResponse]:
    try:
        parsed = _parse_response(client=client, response=response)
    except errors.APIStatusError:
        raise
    except Exception as error:  # noqa: BLE001 - any body at all must come back as a Response
        return Response(
            status_code=errors.status_of(response.status_code),
            content=response.content,
            headers=response.headers,
            parsed=None,
            parse_error=error,
            http_response=response,
        )
    return Response(
        status_code=errors.status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
        http_response=response,
    )


def sync_detailed(
    team_id: str,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | ReleaseFlowRunResponse]:
    """Abort release flow run (team-scoped)

     Aborts the given release flow run and answers its details, as "abort release flow run"
    does, for a project of the given team. The call takes no request body: a request with
    no body, with an empty body or with an empty JSON object is accepted, with or without
    `Content-Type: application/json`.

    Required permission: Project > Pipelines > General > Update.

    Aborting a run that has already concluded answers 409. This call is not idempotent: a
    client must never retry it automatically.

    Args:
        team_id (str):
        project_id (str):
        pipeline_id (str):
        stage (str):
        run_id (str):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        Response[ErrorEnvelope | ReleaseFlowRunResponse]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        project_id=project_id,
        pipeline_id=pipeline_id,
        stage=stage,
        run_id=run_id,
    )

    try:
        response = client.get_httpx_client().request(
            **kwargs,
        )
    except errors.APIConnectionError:
        raise
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        failure = errors.APIConnectionError.wrap(error)
    else:
        return _build_response(client=client, response=response)
    raise failure


def sync(
    team_id: str,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | ReleaseFlowRunResponse | None:
    """Abort release flow run (team-scoped)

     Aborts the given release flow run and answers its details, as "abort release flow run"
    does, for a project of the given team. The call takes no request body: a request with
    no body, with an empty body or with an empty JSON object is accepted, with or without
    `Content-Type: application/json`.

    Required permission: Project > Pipelines > General > Update.

    Aborting a run that has already concluded answers 409. This call is not idempotent: a
    client must never retry it automatically.

    Args:
        team_id (str):
        project_id (str):
        pipeline_id (str):
        stage (str):
        run_id (str):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        ErrorEnvelope | ReleaseFlowRunResponse
    """

    return sync_detailed(
        team_id=team_id,
        project_id=project_id,
        pipeline_id=pipeline_id,
        stage=stage,
        run_id=run_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    team_id: str,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | ReleaseFlowRunResponse]:
    """Abort release flow run (team-scoped)

     Aborts the given release flow run and answers its details, as "abort release flow run"
    does, for a project of the given team. The call takes no request body: a request with
    no body, with an empty body or with an empty JSON object is accepted, with or without
    `Content-Type: application/json`.

    Required permission: Project > Pipelines > General > Update.

    Aborting a run that has already concluded answers 409. This call is not idempotent: a
    client must never retry it automatically.

    Args:
        team_id (str):
        project_id (str):
        pipeline_id (str):
        stage (str):
        run_id (str):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        Response[ErrorEnvelope | ReleaseFlowRunResponse]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        project_id=project_id,
        pipeline_id=pipeline_id,
        stage=stage,
        run_id=run_id,
    )

    try:
        response = await client.get_async_httpx_client().request(**kwargs)
    except errors.APIConnectionError:
        raise
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        failure = errors.APIConnectionError.wrap(error)
    else:
        return _build_response(client=client, response=response)
    raise failure


async def asyncio(
    team_id: str,
    project_id: str,
    pipeline_id: str,
    stage: str,
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | ReleaseFlowRunResponse | None:
    """Abort release flow run (team-scoped)

     Aborts the given release flow run and answers its details, as "abort release flow run"
    does, for a project of the given team. The call takes no request body: a request with
    no body, with an empty body or with an empty JSON object is accepted, with or without
    `Content-Type: application/json`.

    Required permission: Project > Pipelines > General > Update.

    Aborting a run that has already concluded answers 409. This call is not idempotent: a
    client must never retry it automatically.

    Args:
        team_id (str):
        project_id (str):
        pipeline_id (str):
        stage (str):
        run_id (str):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        ErrorEnvelope | ReleaseFlowRunResponse
    """

    return (
        await asyncio_detailed(
            team_id=team_id,
            project_id=project_id,
            pipeline_id=pipeline_id,
            stage=stage,
            run_id=run_id,
            client=client,
        )
    ).parsed

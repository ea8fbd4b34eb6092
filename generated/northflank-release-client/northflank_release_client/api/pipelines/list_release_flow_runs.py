from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.release_flow_run_list_response import ReleaseFlowRunListResponse
from ...models.release_flow_run_status import ReleaseFlowRunStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["per_page"] = per_page

    params["page"] = page

    params["cursor"] = cursor

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["concluded"] = concluded

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/projects/{project_id}/pipelines/{pipeline_id}/release-flows/{stage}/runs".format(
            project_id=quote(str(project_id), safe=""),
            pipeline_id=quote(str(pipeline_id), safe=""),
            stage=quote(str(stage), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ReleaseFlowRunListResponse | None:
    if response.status_code == 200:
        response_200 = ReleaseFlowRunListResponse.from_dict(errors.json_body(response))

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
) -> Response[ErrorEnvelope | ReleaseFlowRunListResponse]:
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
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | ReleaseFlowRunListResponse]:
    """List release flow runs

     Lists runs of a release flow, newest first.

    Required permission: Project > Pipelines > General > Read.

    Args:
        project_id (str):
        pipeline_id (str):
        stage (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):
        status (ReleaseFlowRunStatus | Unset): The statuses of a release flow run this document
            knows. Northflank may add more: a run's
            `status` may be any other string too.
        concluded (bool | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        Response[ErrorEnvelope | ReleaseFlowRunListResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        pipeline_id=pipeline_id,
        stage=stage,
        per_page=per_page,
        page=page,
        cursor=cursor,
        status=status,
        concluded=concluded,
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
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> ErrorEnvelope | ReleaseFlowRunListResponse | None:
    """List release flow runs

     Lists runs of a release flow, newest first.

    Required permission: Project > Pipelines > General > Read.

    Args:
        project_id (str):
        pipeline_id (str):
        stage (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):
        status (ReleaseFlowRunStatus | Unset): The statuses of a release flow run this document
            knows. Northflank may add more: a run's
            `status` may be any other string too.
        concluded (bool | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        ErrorEnvelope | ReleaseFlowRunListResponse
    """

    return sync_detailed(
        project_id=project_id,
        pipeline_id=pipeline_id,
        stage=stage,
        client=client,
        per_page=per_page,
        page=page,
        cursor=cursor,
        status=status,
        concluded=concluded,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> Response[ErrorEnvelope | ReleaseFlowRunListResponse]:
    """List release flow runs

     Lists runs of a release flow, newest first.

    Required permission: Project > Pipelines > General > Read.

    Args:
        project_id (str):
        pipeline_id (str):
        stage (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):
        status (ReleaseFlowRunStatus | Unset): The statuses of a release flow run this document
            knows. Northflank may add more: a run's
            `status` may be any other string too.
        concluded (bool | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        Response[ErrorEnvelope | ReleaseFlowRunListResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        pipeline_id=pipeline_id,
        stage=stage,
        per_page=per_page,
        page=page,
        cursor=cursor,
        status=status,
        concluded=concluded,
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
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> ErrorEnvelope | ReleaseFlowRunListResponse | None:
    """List release flow runs

     Lists runs of a release flow, newest first.

    Required permission: Project > Pipelines > General > Read.

    Args:
        project_id (str):
        pipeline_id (str):
        stage (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):
        status (ReleaseFlowRunStatus | Unset): The statuses of a release flow run this document
            knows. Northflank may add more: a run's
            `status` may be any other string too.
        concluded (bool | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        ErrorEnvelope | ReleaseFlowRunListResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            pipeline_id=pipeline_id,
            stage=stage,
            client=client,
            per_page=per_page,
            page=page,
            cursor=cursor,
            status=status,
            concluded=concluded,
        )
    ).parsed

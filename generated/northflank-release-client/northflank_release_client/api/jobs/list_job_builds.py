from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.job_build_list_response import JobBuildListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    job_id: str,
    *,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["per_page"] = per_page

    params["page"] = page

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/projects/{project_id}/jobs/{job_id}/build".format(
            project_id=quote(str(project_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | JobBuildListResponse | None:
    if response.status_code == 200:
        response_200 = JobBuildListResponse.from_dict(errors.json_body(response))

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
) -> Response[ErrorEnvelope | JobBuildListResponse]:
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
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[ErrorEnvelope | JobBuildListResponse]:
    """List job builds

     Lists builds for the given job, newest first.

    Required permission: Project > Jobs > General > Read.

    Args:
        project_id (str):
        job_id (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        Response[ErrorEnvelope | JobBuildListResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
        per_page=per_page,
        page=page,
        cursor=cursor,
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
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> ErrorEnvelope | JobBuildListResponse | None:
    """List job builds

     Lists builds for the given job, newest first.

    Required permission: Project > Jobs > General > Read.

    Args:
        project_id (str):
        job_id (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        ErrorEnvelope | JobBuildListResponse
    """

    return sync_detailed(
        project_id=project_id,
        job_id=job_id,
        client=client,
        per_page=per_page,
        page=page,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[ErrorEnvelope | JobBuildListResponse]:
    """List job builds

     Lists builds for the given job, newest first.

    Required permission: Project > Jobs > General > Read.

    Args:
        project_id (str):
        job_id (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        Response[ErrorEnvelope | JobBuildListResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
        per_page=per_page,
        page=page,
        cursor=cursor,
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
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    per_page: int | Unset = 50,
    page: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> ErrorEnvelope | JobBuildListResponse | None:
    """List job builds

     Lists builds for the given job, newest first.

    Required permission: Project > Jobs > General > Read.

    Args:
        project_id (str):
        job_id (str):
        per_page (int | Unset):  Default: 50.
        page (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.APIStatusError: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.APIConnectionError: If no answer came; errors.APITimeoutError (one) if none came in time.

    Returns:
        ErrorEnvelope | JobBuildListResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            job_id=job_id,
            client=client,
            per_page=per_page,
            page=page,
            cursor=cursor,
        )
    ).parsed

"""Every item of a list operation, across pages, following Northflank's `cursor`."""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Protocol, TypeVar

from .api.jobs import list_job_builds
from .api.pipelines import list_release_flow_runs
from .client import AuthenticatedClient, Client
from .errors import PaginationError, unwrap
from .models.job_build import JobBuild
from .models.job_build_list_response import JobBuildListResponse
from .models.pagination import Pagination
from .models.release_flow_run import ReleaseFlowRun
from .models.release_flow_run_list_response import ReleaseFlowRunListResponse
from .models.release_flow_run_status import ReleaseFlowRunStatus
from .types import UNSET, Unset

AnyClient = AuthenticatedClient | Client


class Page(Protocol):
    """What pagination reads of a page: Northflank's `pagination` block."""

    @property
    def pagination(self) -> Pagination: ...


P = TypeVar("P", bound=Page)
T = TypeVar("T")


class _Cursor:
    """The next page's cursor, or None when the last page has been read."""

    def __init__(self) -> None:
        self.value: str | Unset = UNSET
        self._seen: set[str] = set()

    def advance(self, pagination: Pagination) -> bool:
        cursor = pagination.cursor
        # The API leaves `cursor` out on the last page; a client that waits for hasNextPage alone
        # or follows a repeated cursor loops forever, as Northflank's own clients can.
        if not pagination.has_next_page or isinstance(cursor, Unset) or not cursor:
            return False
        if cursor in self._seen:
            raise PaginationError(f"the API returned cursor {cursor!r} twice")
        self._seen.add(cursor)
        self.value = cursor
        return True


def paginate(fetch: Callable[[str | Unset], P], items: Callable[[P], list[T]]) -> Iterator[T]:
    """Every item of every page: `fetch(cursor)` gets a page (UNSET for the first), `items` reads
    its items. Stops after the last page; PaginationError on a repeated cursor."""
    cursor = _Cursor()
    while True:
        page = fetch(cursor.value)
        yield from items(page)
        if not cursor.advance(page.pagination):
            return


async def apaginate(fetch: Callable[[str | Unset], Awaitable[P]], items: Callable[[P], list[T]]) -> AsyncIterator[T]:
    """The async form of paginate."""
    cursor = _Cursor()
    while True:
        page = await fetch(cursor.value)
        for item in items(page):
            yield item
        if not cursor.advance(page.pagination):
            return


def items_or_empty(items: list[T] | Unset) -> list[T]:
    """A page's item list; an absent one (the spec lets `runs` be left out) is an empty page."""
    return [] if isinstance(items, Unset) else items


def iter_release_flow_runs(
    client: AnyClient,
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    per_page: int | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> Iterator[ReleaseFlowRun]:
    """Every run of a release flow, newest first, one page request at a time.

    Raises the family's error (errors.py) when a page request fails.
    """

    def fetch(cursor: str | Unset) -> ReleaseFlowRunListResponse:
        response = list_release_flow_runs.sync_detailed(
            project_id, pipeline_id, stage, client=client,
            per_page=per_page, cursor=cursor, status=status, concluded=concluded,
        )  # fmt: skip
        return unwrap(response, ReleaseFlowRunListResponse)

    return paginate(fetch, _runs)


def aiter_release_flow_runs(
    client: AnyClient,
    project_id: str,
    pipeline_id: str,
    stage: str,
    *,
    per_page: int | Unset = UNSET,
    status: ReleaseFlowRunStatus | Unset = UNSET,
    concluded: bool | Unset = UNSET,
) -> AsyncIterator[ReleaseFlowRun]:
    """The async form of iter_release_flow_runs."""

    async def fetch(cursor: str | Unset) -> ReleaseFlowRunListResponse:
        response = await list_release_flow_runs.asyncio_detailed(
            project_id, pipeline_id, stage, client=client,
            per_page=per_page, cursor=cursor, status=status, concluded=concluded,
        )  # fmt: skip
        return unwrap(response, ReleaseFlowRunListResponse)

    return apaginate(fetch, _runs)


def iter_job_builds(
    client: AnyClient, project_id: str, job_id: str, *, per_page: int | Unset = UNSET
) -> Iterator[JobBuild]:
    """Every build of a job, newest first, one page request at a time.

    Raises the family's error (errors.py) when a page request fails.
    """

    def fetch(cursor: str | Unset) -> JobBuildListResponse:
        response = list_job_builds.sync_detailed(project_id, job_id, client=client, per_page=per_page, cursor=cursor)
        return unwrap(response, JobBuildListResponse)

    return paginate(fetch, _builds)


def aiter_job_builds(
    client: AnyClient, project_id: str, job_id: str, *, per_page: int | Unset = UNSET
) -> AsyncIterator[JobBuild]:
    """The async form of iter_job_builds."""

    async def fetch(cursor: str | Unset) -> JobBuildListResponse:
        response = await list_job_builds.asyncio_detailed(
            project_id, job_id, client=client, per_page=per_page, cursor=cursor
        )
        return unwrap(response, JobBuildListResponse)

    return apaginate(fetch, _builds)


def _runs(page: ReleaseFlowRunListResponse) -> list[ReleaseFlowRun]:
    return items_or_empty(page.data.runs)


def _builds(page: JobBuildListResponse) -> list[JobBuild]:
    return page.data.builds


__all__ = [
    "aiter_job_builds",
    "aiter_release_flow_runs",
    "apaginate",
    "iter_job_builds",
    "iter_release_flow_runs",
    "paginate",
]

"""Every item of a list operation, across pages, following Northflank's `cursor`."""

from collections.abc import AsyncIterator, Iterator

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

    Raises ApiError when a page request fails.
    """
    cursor = _Cursor()
    while True:
        response = list_release_flow_runs.sync_detailed(
            project_id, pipeline_id, stage, client=client,
            per_page=per_page, cursor=cursor.value, status=status, concluded=concluded,
        )  # fmt: skip
        page = unwrap(response, ReleaseFlowRunListResponse)
        yield from _runs(page)
        if not cursor.advance(page.pagination):
            return


async def aiter_release_flow_runs(
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
    cursor = _Cursor()
    while True:
        response = await list_release_flow_runs.asyncio_detailed(
            project_id, pipeline_id, stage, client=client,
            per_page=per_page, cursor=cursor.value, status=status, concluded=concluded,
        )  # fmt: skip
        page = unwrap(response, ReleaseFlowRunListResponse)
        for run in _runs(page):
            yield run
        if not cursor.advance(page.pagination):
            return


def iter_job_builds(
    client: AnyClient, project_id: str, job_id: str, *, per_page: int | Unset = UNSET
) -> Iterator[JobBuild]:
    """Every build of a job, newest first, one page request at a time.

    Raises ApiError when a page request fails.
    """
    cursor = _Cursor()
    while True:
        response = list_job_builds.sync_detailed(
            project_id, job_id, client=client, per_page=per_page, cursor=cursor.value
        )
        page = unwrap(response, JobBuildListResponse)
        yield from page.data.builds
        if not cursor.advance(page.pagination):
            return


async def aiter_job_builds(
    client: AnyClient, project_id: str, job_id: str, *, per_page: int | Unset = UNSET
) -> AsyncIterator[JobBuild]:
    """The async form of iter_job_builds."""
    cursor = _Cursor()
    while True:
        response = await list_job_builds.asyncio_detailed(
            project_id, job_id, client=client, per_page=per_page, cursor=cursor.value
        )
        page = unwrap(response, JobBuildListResponse)
        for build in page.data.builds:
            yield build
        if not cursor.advance(page.pagination):
            return


def _runs(page: ReleaseFlowRunListResponse) -> list[ReleaseFlowRun]:
    # `runs` is optional on the reference page: an absent list is an empty page.
    runs = page.data.runs
    return [] if isinstance(runs, Unset) else runs


__all__ = [
    "aiter_job_builds",
    "aiter_release_flow_runs",
    "iter_job_builds",
    "iter_release_flow_runs",
]

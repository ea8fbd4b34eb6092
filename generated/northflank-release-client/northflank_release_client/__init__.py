"""A client library for accessing Northflank Release API"""

from .client import AuthenticatedClient, Client
from .errors import ApiError, NorthflankError, PaginationError, RunWaitTimeout, unwrap
from .pagination import aiter_job_builds, aiter_release_flow_runs, iter_job_builds, iter_release_flow_runs
from .retry import default_retry
from .waiting import await_release_flow_run, wait_for_release_flow_run

__all__ = (
    "ApiError",
    "AuthenticatedClient",
    "Client",
    "NorthflankError",
    "PaginationError",
    "RunWaitTimeout",
    "aiter_job_builds",
    "aiter_release_flow_runs",
    "await_release_flow_run",
    "default_retry",
    "iter_job_builds",
    "iter_release_flow_runs",
    "unwrap",
    "wait_for_release_flow_run",
)

"""A client library for accessing Northflank Release API"""

from .call_options import NOT_GIVEN, NotGiven
from .client import DEFAULT_TIMEOUT, AuthenticatedClient, Client
from .errors import (
    APIConnectionError,
    ApiError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    InvalidResponseError,
    NorthflankError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    RunWaitTimeout,
    UnexpectedStatus,
    UnexpectedStatusError,
    unwrap,
)
from .facade import AsyncNorthflank, Northflank
from .pagination import aiter_job_builds, aiter_release_flow_runs, iter_job_builds, iter_release_flow_runs
from .retry import default_retry
from .transport import enable_debug_logging
from .waiting import await_release_flow_run, wait_for_release_flow_run

__all__ = (
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ApiError",
    "AsyncNorthflank",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "InternalServerError",
    "InvalidResponseError",
    "NotGiven",
    "Northflank",
    "NorthflankError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "RunWaitTimeout",
    "UnexpectedStatus",
    "UnexpectedStatusError",
    "aiter_job_builds",
    "aiter_release_flow_runs",
    "await_release_flow_run",
    "default_retry",
    "enable_debug_logging",
    "iter_job_builds",
    "iter_release_flow_runs",
    "unwrap",
    "wait_for_release_flow_run",
)

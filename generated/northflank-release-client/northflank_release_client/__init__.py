"""A client library for accessing Northflank Release API"""

from .call_options import NOT_GIVEN, NotGiven
from .client import (
    DEFAULT_REQUEST_TIMEOUT,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    VERSION,
    AuthenticatedClient,
    Client,
)
from .errors import (
    APIConnectionError,
    ApiError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientStateError,
    ConflictError,
    InternalServerError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    NorthflankConfigError,
    NorthflankError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    RunWaitTimeout,
    UnexpectedStatusError,
    UnprocessableEntityError,
    unwrap,
)
from .facade import AsyncNorthflank, Northflank
from .options import DEFAULT_CALL_TIMEOUT
from .pagination import aiter_job_builds, aiter_release_flow_runs, iter_job_builds, iter_release_flow_runs
from .retry import DEFAULT_MAX_RETRIES, default_retry
from .transport import DEFAULT_MAX_RESPONSE_BYTES, enable_debug_logging
from .types import UNSET, Unset
from .waiting import DEFAULT_WAIT, await_release_flow_run, wait_for_release_flow_run

__version__ = VERSION

__all__ = (
    "DEFAULT_CALL_TIMEOUT",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_REQUEST_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WAIT",
    "NOT_GIVEN",
    "UNSET",
    "USER_AGENT",
    "VERSION",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ApiError",
    "AsyncNorthflank",
    "AuthenticatedClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ClientStateError",
    "ConflictError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidArgumentTypeError",
    "NorthflankConfigError",
    "NotGiven",
    "Northflank",
    "NorthflankError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "RunWaitTimeout",
    "UnexpectedStatusError",
    "UnprocessableEntityError",
    "Unset",
    "__version__",
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

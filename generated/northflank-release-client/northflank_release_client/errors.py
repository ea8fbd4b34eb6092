"""The errors of the client: every one is a NorthflankError.

    NorthflankError
    +-- APIStatusError (alias ApiError)     Northflank answered with an error status
    |   +-- BadRequestError                 400
    |   +-- AuthenticationError             401
    |   +-- PermissionDeniedError           403
    |   +-- NotFoundError                   404
    |   +-- ConflictError                   409
    |   +-- RateLimitError                  429, with retry_after
    |   +-- InternalServerError             5xx
    |   +-- UnexpectedStatusError           any other status, including ones outside HTTPStatus
    +-- APIConnectionError                  no answer: connection refused, reset, DNS, TLS, ...
    |   +-- APITimeoutError                 no answer in time
    +-- ResponseShapeError                  a success status whose body does not parse
    +-- PaginationError                     the API repeated a cursor
    +-- RunWaitTimeout                      a run did not conclude in the time given to wait
    +-- UnexpectedStatus                    raised by the generated functions when asked to

APIConnectionError and APITimeoutError are also httpx.TransportError and httpx.TimeoutException,
so code written against httpx's errors keeps working.
"""

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any, TypeVar

import httpx

from .types import Response

T = TypeVar("T")

EXCERPT_CHARS = 500
"""How much of a response body an error quotes."""

_STATUSES = {status.value: status for status in HTTPStatus}


def status_of(code: int) -> int:
    """`code` as an HTTPStatus member when Python knows it, else the plain number (520, 599...)."""
    return _STATUSES.get(code, code)


def excerpt(content: bytes, limit: int = EXCERPT_CHARS) -> str:
    """The start of a body as text, at most `limit` characters, marked when cut."""
    # A character is at most 4 bytes: decoding more than that could only be cut off again.
    head = content[: limit * 4].decode("utf-8", errors="replace")
    if len(head) > limit or len(content) > limit * 4:
        return head[:limit] + "…"
    return head


def retry_after_seconds(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks to wait (it gives seconds or an HTTP date), or None when
    there is none or it cannot be read."""
    retry_after = (headers.get("retry-after") or "").strip()
    if not retry_after:
        return None
    if retry_after.isascii() and retry_after.isdigit():
        return float(retry_after)
    try:
        when = parsedate_to_datetime(retry_after)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def rate_limit_reset_seconds(headers: Mapping[str, str]) -> float | None:
    """Northflank's `x-ratelimit-reset`: seconds until the token's rate-limit window resets."""
    reset = (headers.get("x-ratelimit-reset") or "").strip()
    return float(reset) if reset.isascii() and reset.isdigit() else None


class NorthflankError(Exception):
    """Base class of every error the client raises about an answer or a failure to get one."""


class APIStatusError(NorthflankError):
    """Northflank answered with an error status: the status and the `error` envelope's fields.

    Attributes:
        status_code: The HTTP status of the response.
        message: `error.message`, or a description of the response when it carried no envelope.
        error_id: `error.id`, to quote when asking Northflank for support.
        details: `error.details` (validation errors list every violation there), or `{}`.
        content: The raw response body.
        request_id: The response's `x-request-id` header, when it has one.
        headers: The response headers.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        error_id: str | None = None,
        details: dict[str, Any] | None = None,
        content: bytes = b"",
        *,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.error_id = error_id
        self.details = details or {}
        self.content = content
        self.request_id = request_id
        # Case-insensitive, whatever mapping was given.
        self.headers: Mapping[str, str] = httpx.Headers(headers or {})
        ids = [f"error id {error_id}"] if error_id else []
        ids += [f"request id {request_id}"] if request_id else []
        suffix = f" ({', '.join(ids)})" if ids else ""
        super().__init__(f"HTTP {status_code}: {message}{suffix}")

    @classmethod
    def from_response(
        cls, status_code: int, content: bytes, headers: Mapping[str, str] | None = None
    ) -> "APIStatusError":
        """The error for a response: the subclass for its status, filled from Northflank's
        `{"error": {"status", "message", "id", "details"}}` envelope when the body has one."""
        headers = httpx.Headers(headers or {})
        error_class = _status_error_class(status_code)
        try:
            body = json.loads(content)
        except (ValueError, RecursionError):
            body = None
        error = body.get("error") if isinstance(body, dict) else None
        request_id = headers.get("x-request-id")
        if not isinstance(error, dict):
            try:
                reason = HTTPStatus(status_code).phrase
            except ValueError:
                reason = "Unknown status"
            text = excerpt(content.strip(), 200)
            return error_class(
                status_code,
                f"{reason}: {text}" if text else reason,
                content=content,
                request_id=request_id,
                headers=headers,
            )
        message = error.get("message")
        error_id = error.get("id")
        details = error.get("details")
        return error_class(
            status_code,
            message if isinstance(message, str) else "Unknown error",
            error_id if isinstance(error_id, str) else None,
            details if isinstance(details, dict) else None,
            content,
            request_id=request_id,
            headers=headers,
        )


ApiError = APIStatusError
"""The name this error had before the family existed; still exported."""


class BadRequestError(APIStatusError):
    """400: the request is invalid; `details["errors"]` lists every violation."""


class AuthenticationError(APIStatusError):
    """401: the token is missing, malformed or unknown."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks the permission, or may not act on this project."""


class NotFoundError(APIStatusError):
    """404: the project, pipeline, stage, job or run does not exist."""


class ConflictError(APIStatusError):
    """409: the run has concluded already, or the concurrency policy forbids another run."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is how many seconds the server asked to wait
    (`Retry-After`, else `x-ratelimit-reset`), or None when it did not say."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        retry_after = retry_after_seconds(self.headers)
        self.retry_after = retry_after if retry_after is not None else rate_limit_reset_seconds(self.headers)
        if self.retry_after is not None:
            self.args = (f"{self.args[0]}; retry after {self.retry_after:g}s",)


class InternalServerError(APIStatusError):
    """5xx: Northflank (or a proxy in front of it) failed; 520 to 599 included."""


class UnexpectedStatusError(APIStatusError):
    """Any other status: 1xx, 3xx, a 4xx without its own class, or one outside 100-599."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def _status_error_class(status_code: int) -> type[APIStatusError]:
    if 500 <= status_code <= 599:
        return InternalServerError
    return _BY_STATUS.get(status_code, UnexpectedStatusError)


class APIConnectionError(NorthflankError, httpx.TransportError):
    """No answer: the connection was refused or broken, a name did not resolve, TLS failed, the
    URL was not usable. The httpx error is the `__cause__`."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        httpx.TransportError.__init__(self, message, request=request)

    @classmethod
    def wrap(cls, error: Exception) -> "APIConnectionError":
        """The family's error for an httpx error (itself, when it is one already)."""
        if isinstance(error, APIConnectionError):
            return error
        kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
        request: httpx.Request | None = None
        if isinstance(error, httpx.RequestError):
            try:
                request = error.request
            except RuntimeError:  # httpx's way of saying the error has no request
                request = None
        where = f" ({request.method} {request.url})" if request is not None else ""
        wrapped = kind(f"{type(error).__name__}: {error}{where}", request=request)
        wrapped.__cause__ = error
        return wrapped


class APITimeoutError(APIConnectionError, httpx.TimeoutException):
    """No answer in time: connecting, sending or reading took longer than the timeout allows."""


class ResponseShapeError(NorthflankError):
    """A success status whose body is not JSON, or not of the shape the spec documents.

    Attributes:
        status_code: The HTTP status of the response.
        excerpt: The start of the body (at most EXCERPT_CHARS characters).
        request_id: The response's `x-request-id` header, when it has one.
        expected: The name of the model the body should have parsed as.
    """

    def __init__(
        self,
        status_code: int,
        content: bytes,
        expected: str,
        reason: str = "",
        *,
        request_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.excerpt = excerpt(content)
        self.expected = expected
        self.request_id = request_id
        why = f" ({reason})" if reason else ""
        rid = f" (request id {request_id})" if request_id else ""
        super().__init__(f"HTTP {status_code}: the body is not a valid {expected}{why}{rid}: {self.excerpt!r}")


InvalidResponseError = ResponseShapeError


class UnexpectedStatus(NorthflankError):
    """Raised by the generated functions for a status the spec does not document, when the client
    has raise_on_unexpected_status set."""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(f"Unexpected status code: {status_code}\n\nResponse content:\n{excerpt(content)}")


class RunWaitTimeout(NorthflankError, TimeoutError):
    """A release flow run did not conclude within the time given to wait for it."""

    def __init__(self, run_id: str, waited: float, last_status: str | None) -> None:
        self.run_id = run_id
        self.waited = waited
        self.last_status = last_status
        super().__init__(
            f"release flow run {run_id} has not concluded after {waited:.1f}s (last status: {last_status})"
        )


class PaginationError(NorthflankError):
    """The API returned a cursor it had already returned: following it would loop forever."""


def unwrap(response: Response[Any], expected: type[T]) -> T:
    """The parsed body of a successful response, or the family's error for anything else.

    Usage: `run = unwrap(run_release_flow.sync_detailed(...), ReleaseFlowRunResponse).data`.
    Raises the APIStatusError subclass for the status when it is not 2xx, and ResponseShapeError
    when it is but the body did not parse as `expected`.
    """
    status_code = int(response.status_code)
    if 200 <= status_code <= 299:
        if isinstance(response.parsed, expected):
            return response.parsed
        error = response.parse_error
        reason = f"{type(error).__name__}: {error}" if error is not None else ""
        if error is None and response.parsed is None:
            reason = "not a documented answer of this operation"
        raise ResponseShapeError(
            status_code,
            response.content,
            expected.__name__,
            reason,
            request_id=response.headers.get("x-request-id"),
        ) from error
    raise APIStatusError.from_response(status_code, response.content, response.headers)


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidResponseError",
    "NorthflankError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "RunWaitTimeout",
    "UnexpectedStatus",
    "UnexpectedStatusError",
    "unwrap",
]

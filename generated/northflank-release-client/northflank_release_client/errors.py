"""The errors of the client: every one is a NorthflankError.

    NorthflankError
    +-- InvalidArgumentError (ValueError)   a bad argument, refused before anything is sent
    |   +-- InvalidArgumentTypeError        ... of the wrong type (also a TypeError)
    |   +-- NorthflankConfigError           a bad client setting: token, base_url, environment
    +-- ClientStateError (RuntimeError)     a closed client, or an async client in another loop
    +-- APIStatusError (alias ApiError)     Northflank answered with an error status
    |   +-- BadRequestError                 400
    |   +-- AuthenticationError             401
    |   +-- PermissionDeniedError           403
    |   +-- NotFoundError                   404
    |   +-- ConflictError                   409
    |   +-- UnprocessableEntityError        422
    |   +-- RateLimitError                  429, with retry_after
    |   +-- InternalServerError             5xx
    |   +-- UnexpectedStatusError           any other status, including ones outside HTTPStatus
    +-- APIConnectionError                  no answer: connection refused, reset, DNS, TLS, ...
    |   +-- APITimeoutError                 no answer in time
    +-- ResponseShapeError                  a success status whose body does not parse, or a
    |                                       body larger than the client accepts
    +-- PaginationError                     the API repeated a cursor
    +-- RunWaitTimeout (TimeoutError)       a run did not conclude in the time given to wait

APIConnectionError and APITimeoutError are also httpx.TransportError and httpx.TimeoutException,
so code written against httpx's errors keeps working. Messages never quote the API token: the
client refuses a token that httpx could not send, and scrubs httpx messages that quote headers.
Every error can be pickled; a pickled error keeps everything but `request` and `response`.
"""

import json
import math
import re
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


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{excerpt(text.encode(), 40)} is beyond a float's range")
    return value


def json_body(response: httpx.Response) -> Any:
    """A response's body as JSON, strictly: NaN, Infinity and numbers past a float's range,
    which Python's json module takes, are not JSON, and a field never holds them."""
    return json.loads(response.content, parse_constant=_not_json, parse_float=_finite)


def excerpt(content: bytes, limit: int = EXCERPT_CHARS) -> str:
    """The start of a body as text, at most `limit` characters, marked when cut."""
    # A character is at most 4 bytes: decoding more than that could only be cut off again.
    head = content[: limit * 4].decode("utf-8", errors="replace")
    if len(head) > limit or len(content) > limit * 4:
        return head[:limit] + "…"
    return head


_DELAY_SECONDS = re.compile(r"\d+(\.\d+)?")


def retry_after_seconds(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks to wait (it gives seconds or an HTTP date), or None when
    there is none or it cannot be read (a negative number, a word): then the caller backs off as
    it would without one."""
    retry_after = (headers.get("retry-after") or "").strip()
    if not retry_after:
        return None
    if retry_after.isascii() and _DELAY_SECONDS.fullmatch(retry_after):
        return float(retry_after)  # a 400-digit number is inf, which is what it asks for
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


_YEAR = 365 * 86400.0


def describe_seconds(seconds: float) -> str:
    """A wait in words a person reads at a glance: `59s`, `1.5s`, `12 days`, `more than a year`."""
    if not math.isfinite(seconds) or seconds >= _YEAR:
        return "more than a year"
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f} days"
    return f"{seconds:g}s"


_HEADER_IN_MESSAGE = re.compile(r"(Illegal header (?:name|value))\b.*", re.S)


def scrubbed(message: str) -> str:
    """An httpx (or h11) message without the header it quotes: that may be the token."""
    return _HEADER_IN_MESSAGE.sub(r"\1 (not shown: it may hold a secret)", message)


def _restore(kind: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


# What a pickled error leaves out: live objects whose headers carry the token.
_NOT_PICKLED = ("request", "response", "_request")


class NorthflankError(Exception):
    """Base class of every error the client raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses' __init__ take other arguments than `args` holds: rebuild without calling it.
        state = {k: (None if k in _NOT_PICKLED else v) for k, v in self.__dict__.items()}
        return (_restore, (type(self), self.args, state))


class InvalidArgumentError(NorthflankError, ValueError):
    """An argument the client refuses before sending anything: an unknown enum value, a negative
    timeout, `arguments` that are not JSON... The message names the argument."""


class InvalidArgumentTypeError(InvalidArgumentError, TypeError):
    """An argument of the wrong type; also a TypeError."""


class NorthflankConfigError(InvalidArgumentError):
    """A client setting that cannot work: a missing or malformed token (never quoted), a base_url
    without a scheme or with a query, an empty environment variable."""


class ClientStateError(NorthflankError, RuntimeError):
    """The client cannot make this call in its state: it has been closed, or (async) it is bound
    to another event loop than the one calling it."""


class APIStatusError(NorthflankError):
    """Northflank answered with an error status: the status and the `error` envelope's fields.

    Attributes:
        status_code: The HTTP status of the response.
        message: `error.message`, or a description of the response when it carried no envelope.
        error_id: `error.id`, to quote when asking Northflank for support.
        details: `error.details` (validation errors list every violation there), or `{}`.
        body: The body parsed as JSON (None when it is not JSON).
        content: The raw response body.
        request_id: The response's `x-request-id` header, when it has one.
        headers: The response headers.
        response: The httpx.Response (None when the error was built by hand, or unpickled).
        request: The httpx.Request that got this answer, when known.
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
        body: object = None,
        response: httpx.Response | None = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.error_id = error_id
        self.details = details or {}
        self.content = content
        self.body = body
        self.request_id = request_id
        # Case-insensitive, whatever mapping was given.
        self.headers: Mapping[str, str] = httpx.Headers(headers or {})
        self.response = response
        self.request = _request_of(response)
        ids = [f"error id {error_id}"] if error_id else []
        ids += [f"request id {request_id}"] if request_id else []
        suffix = f" ({', '.join(ids)})" if ids else ""
        super().__init__(f"HTTP {status_code}: {message}{suffix}")

    @classmethod
    def from_response(
        cls,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        *,
        response: httpx.Response | None = None,
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
        envelope = error if isinstance(error, dict) else {}
        message = envelope.get("message")
        if not isinstance(message, str) or not message.strip():
            # No usable message: say what the answer was, and quote it (its details included).
            try:
                reason = HTTPStatus(status_code).phrase
            except ValueError:
                reason = "Unknown status"
            text = excerpt(content.strip(), 200)
            message = f"{reason}: {text}" if text else reason
        error_id = envelope.get("id")
        details = envelope.get("details")
        return error_class(
            status_code,
            message,
            str(error_id) if isinstance(error_id, str | int) and not isinstance(error_id, bool) else None,
            details if isinstance(details, dict) else None,
            content,
            request_id=request_id,
            headers=headers,
            body=body,
            response=response,
        )


def _request_of(response: httpx.Response | None) -> httpx.Request | None:
    if response is None:
        return None
    try:
        return response.request
    except RuntimeError:  # httpx's way of saying the response has no request
        return None


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


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but cannot be carried out."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is how many seconds the server asked to wait
    (`Retry-After`, else `x-ratelimit-reset`), or None when it did not say."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        retry_after = retry_after_seconds(self.headers)
        self.retry_after = retry_after if retry_after is not None else rate_limit_reset_seconds(self.headers)
        if self.retry_after is not None:
            self.args = (f"{self.args[0]}; retry after {describe_seconds(self.retry_after)}",)


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
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _status_error_class(status_code: int) -> type[APIStatusError]:
    if 500 <= status_code <= 599:
        return InternalServerError
    return _BY_STATUS.get(status_code, UnexpectedStatusError)


class APIConnectionError(NorthflankError, httpx.TransportError):
    """No answer: the connection was refused or broken, a name did not resolve, TLS failed. The
    httpx error is the `__cause__` (with its message scrubbed when it quoted a header)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        httpx.TransportError.__init__(self, message, request=request)

    @classmethod
    def wrap(cls, error: Exception) -> "APIConnectionError":
        """The family's error for an httpx error (itself, when it is one already). Raise it
        outside the `except` block that caught `error`, so that the chain is only `__cause__`."""
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
        text = str(error)
        safe = scrubbed(text)
        wrapped = kind(f"{type(error).__name__}: {safe}{where}", request=request)
        wrapped.__cause__ = error if safe == text else _stand_in(error, safe)
        return wrapped


def _stand_in(error: Exception, message: str) -> Exception:
    """An error like `error` with `message`, and no chain: the original's chain quotes it too."""
    try:
        return type(error)(message)
    except Exception:  # noqa: BLE001 - a constructor that wants more: fall back to httpx's base
        return httpx.TransportError(message)


class APITimeoutError(APIConnectionError, httpx.TimeoutException):
    """No answer in time: the call's timeout ran out (retries included), or one attempt took
    longer than the per-request timeout allows."""


class ResponseShapeError(NorthflankError):
    """A success status whose body is not JSON, or not of the shape the spec documents (a field
    missing or of the wrong type); or any body larger than the client accepts.

    Attributes:
        status_code: The HTTP status of the response.
        excerpt: The start of the body (at most EXCERPT_CHARS characters).
        request_id: The response's `x-request-id` header, when it has one.
        expected: The name of the model the body should have parsed as.
        reason: Why it did not.
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
        self.reason = reason
        self.request_id = request_id
        why = f" ({reason})" if reason else ""
        rid = f" (request id {request_id})" if request_id else ""
        super().__init__(f"HTTP {status_code}: the body is not a valid {expected}{why}{rid}: {self.excerpt!r}")


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
    raise APIStatusError.from_response(status_code, response.content, response.headers, response=response.http_response)


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ClientStateError",
    "ConflictError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidArgumentTypeError",
    "NorthflankConfigError",
    "NorthflankError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "RunWaitTimeout",
    "UnexpectedStatusError",
    "UnprocessableEntityError",
    "unwrap",
]

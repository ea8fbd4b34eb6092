"""Errors raised by the API functions and the convenience helpers."""

import json
from http import HTTPStatus
from typing import Any, TypeVar

from .types import Response

T = TypeVar("T")


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class NorthflankError(Exception):
    """Base class of the errors the convenience helpers raise."""


class ApiError(NorthflankError):
    """Northflank answered with an error: its HTTP status and the `error` envelope's fields.

    Attributes:
        status_code: The HTTP status of the response.
        message: `error.message`, or a description of the response when it carried no envelope.
        error_id: `error.id`, to quote when asking Northflank for support.
        details: `error.details` (validation errors list every violation there), or `{}`.
        content: The raw response body.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        error_id: str | None = None,
        details: dict[str, Any] | None = None,
        content: bytes = b"",
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.error_id = error_id
        self.details = details or {}
        self.content = content
        suffix = f" (error id {error_id})" if error_id else ""
        super().__init__(f"HTTP {status_code}: {message}{suffix}")

    @classmethod
    def from_response(cls, status_code: int, content: bytes) -> "ApiError":
        """Read Northflank's `{"error": {"status", "message", "id", "details"}}` envelope."""
        try:
            body = json.loads(content)
        except ValueError:
            body = None
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            try:
                reason = HTTPStatus(status_code).phrase
            except ValueError:
                reason = "Unknown status"
            text = content.decode(errors="replace").strip()[:200]
            return cls(status_code, f"{reason}: {text}" if text else reason, content=content)
        message = error.get("message")
        error_id = error.get("id")
        details = error.get("details")
        return cls(
            status_code,
            message if isinstance(message, str) else "Unknown error",
            error_id if isinstance(error_id, str) else None,
            details if isinstance(details, dict) else None,
            content,
        )


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
    """The parsed body of a successful response, or ApiError for anything else.

    Usage: `run = unwrap(run_release_flow.sync_detailed(...), ReleaseFlowRunResponse).data`.
    """
    if response.status_code == HTTPStatus.OK and isinstance(response.parsed, expected):
        return response.parsed
    raise ApiError.from_response(int(response.status_code), response.content)


__all__ = [
    "ApiError",
    "NorthflankError",
    "PaginationError",
    "RunWaitTimeout",
    "UnexpectedStatus",
    "unwrap",
]

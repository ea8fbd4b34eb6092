"""Northflank's error envelope, for every error the mock answers."""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.responses import Response


class ApiError(Exception):
    """An error answered as `{"error": {"status", "message", "id", "details"}}`."""

    def __init__(
        self,
        status: int,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.headers = headers or {}

    def body(self) -> bytes:
        """The envelope as JSON bytes."""
        return json.dumps(envelope(self.status, self.message, self.details)).encode()


def violation(location: str, path: str, message: str) -> dict[str, str]:
    """One entry of a 400's `details.errors`."""
    return {"location": location, "path": path, "message": message}


class ValidationFailed(ApiError):
    """A 400 that lists every violation of the request."""

    def __init__(self, violations: list[dict[str, str]]) -> None:
        count = len(violations)
        summary = violations[0]["message"] if count == 1 else f"{count} problems"
        super().__init__(400, f"Request validation failed: {summary}", {"errors": violations})
        self.violations = violations


def envelope(status: int, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "message": message, "id": str(uuid.uuid4())}
    if details:
        error["details"] = details
    return {"error": error}


def error_response(error: ApiError) -> Response:
    return Response(
        error.body(), error.status, headers=error.headers, media_type="application/json"
    )

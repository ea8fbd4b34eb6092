"""Northflank's error envelope: the one way the mock answers an error, whoever finds it.

Everything that refuses a request raises `ApiError` (or `ValidationFailed`, which lists every
violation); `render` turns it into the response. The request pipeline, the connexion adapter
(which turns connexion's problems into ApiErrors) and the control endpoints all answer through
`render`, so every error has the same shape: `{"error": {"status", "message", "id", "details"}}`.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

JSON = b"application/json"


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


class ValidationFailed(ApiError):
    """A 400 that lists every violation of the request."""

    def __init__(self, violations: list[dict[str, str]]) -> None:
        count = len(violations)
        summary = violations[0]["message"] if count == 1 else f"{count} problems"
        super().__init__(400, f"Request validation failed: {summary}", {"errors": violations})
        self.violations = violations


def violation(location: str, path: str, message: str) -> dict[str, str]:
    """One entry of a 400's `details.errors`."""
    return {"location": location, "path": path, "message": message}


def _envelope(status: int, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The envelope as a JSON-ready dict; every error gets an id of its own."""
    error: dict[str, Any] = {"status": status, "message": message, "id": str(uuid.uuid4())}
    if details:
        error["details"] = details
    return {"error": error}


def render(error: ApiError) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """An error as its response: status, headers (content type first) and body."""
    body = json.dumps(_envelope(error.status, error.message, error.details)).encode()
    headers = [(b"content-type", JSON), (b"content-length", str(len(body)).encode())]
    headers += [
        (name.lower().encode(), value.encode("latin-1")) for name, value in error.headers.items()
    ]
    return error.status, headers, body

"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from typing import IO, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define, field


class Unset:
    """The type of UNSET: a field the API left out, or an argument not given."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

_JSON_KINDS = {
    type(None): "null",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "an object",
}


NUMBERS = frozenset({int, float})
"""The exact types of a JSON number as json.loads makes it."""


def wrong_type(where: str, expected: str, value: object) -> TypeError:
    """The error of a parsed field that holds another JSON type than the spec says."""
    kind = _JSON_KINDS.get(type(value), type(value).__name__)
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return TypeError(f"{where}: expected {expected}, got {kind} {shown}")


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint.

    Attributes:
        status_code: The HTTP status: an HTTPStatus member when Python knows it, else the number.
        content: The raw body.
        headers: The response headers.
        parsed: The body as the model the spec documents for this status, or None when the status
            is not documented or the body did not parse.
        parse_error: Why the body did not parse, when it did not.
        http_response: The httpx.Response (None for a Response built by hand).
    """

    status_code: int
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None
    parse_error: Exception | None = field(default=None, kw_only=True)
    http_response: httpx.Response | None = field(default=None, kw_only=True, repr=False)


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset", "NUMBERS", "wrong_type"]

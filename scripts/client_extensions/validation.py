"""Checks of what a caller passes, before anything is sent.

Each check returns the value as the layer below takes it (None becomes UNSET for an optional
parameter: a query string cannot carry null) or raises InvalidArgumentTypeError for a wrong type and
InvalidArgumentError for a wrong value, naming the argument. Settings of the client (token,
base_url, headers) raise NorthflankConfigError and never quote a secret.
"""

import math
import re
import warnings
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Protocol, TypeVar
from urllib.parse import SplitResult, urlsplit

import httpx

from .call_options import NOT_GIVEN, NotGiven
from .errors import InvalidArgumentError, InvalidArgumentTypeError, NorthflankConfigError
from .types import UNSET, Unset

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class _Model(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=_Model)

JSON_DEPTH = 100
"""How deeply a free-form JSON argument may nest (deeper is most likely a structure that refers
to itself)."""


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


# Path and query parameters.


def path(name: str, value: object) -> str:
    """A path parameter: a non-empty string that cannot change which route the URL names."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{name} must be a string, not {_kind(value)}")
    if value in ("", ".", ".."):
        raise InvalidArgumentError(f"{name} must be a non-empty id, not {value!r}")
    return value


def present(name: str, value: T | Unset) -> T:
    """A required argument's checked value (the checks map None to UNSET: refuse it here)."""
    if isinstance(value, Unset):
        raise InvalidArgumentTypeError(f"{name} is required, and cannot be None")
    return value


def string(name: str, value: object) -> str | Unset:
    if value is None or isinstance(value, Unset):
        return UNSET
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{name} must be a string, not {_kind(value)}")
    return value


def integer(
    name: str, value: object, minimum: int | None = None, maximum: int | None = None
) -> int | Unset:
    if value is None or isinstance(value, Unset):
        return UNSET
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgumentTypeError(f"{name} must be an int, not {_kind(value)}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"from {minimum}" if minimum is not None else ""
        bounds += f" to {maximum}" if maximum is not None else ""
        raise InvalidArgumentError(f"{name} must be {bounds.strip()}, not {value}")
    return value


def number(name: str, value: object) -> float | Unset:
    if value is None or isinstance(value, Unset):
        return UNSET
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidArgumentTypeError(f"{name} must be a number, not {_kind(value)}")
    if not math.isfinite(value):
        raise InvalidArgumentError(f"{name} must be a finite number, not {value}")
    return float(value)


def boolean(name: str, value: object) -> bool | Unset:
    if value is None or isinstance(value, Unset):
        return UNSET
    if not isinstance(value, bool):
        raise InvalidArgumentTypeError(f"{name} must be True or False, not {_kind(value)}")
    return value


_KNOWN: dict[type[StrEnum], dict[str, StrEnum]] = {}


def enum(name: str, kind: type[E], value: object) -> E | Unset:
    """One of the enum's values, as a string or a member. A member the client does not know (one
    made with `kind("new-value")`) is passed on as it is: the API may know it."""
    if value is None or isinstance(value, Unset):
        return UNSET
    if isinstance(value, kind):
        return value
    known = _KNOWN.get(kind)
    if known is None:
        known = _KNOWN[kind] = {member.value: member for member in kind}
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(
            f"{name} must be a {kind.__name__} or its value as a string, not {_kind(value)}"
        )
    member = known.get(value)
    if member is None:
        raise InvalidArgumentError(f"{name}={value!r} is not one of {', '.join(sorted(known))}")
    return member  # type: ignore[return-value]


# Free-form JSON.


def json_object(name: str, value: object, model: type[M]) -> M | Mapping[str, Any] | Unset:
    """A free-form object argument: an instance of its model, or a mapping of strings to JSON
    values (no NaN or infinity, no objects JSON has no form for)."""
    if value is None or isinstance(value, Unset):
        return UNSET
    if isinstance(value, model):
        _json(name, value.to_dict(), 0)
        return value
    if not isinstance(value, Mapping):
        raise InvalidArgumentTypeError(
            f"{name} must be a mapping of strings to JSON values, not {_kind(value)}"
        )
    _json(name, value, 0)
    return value


def _json(where: str, value: object, depth: int) -> None:
    if depth > JSON_DEPTH:
        raise InvalidArgumentError(
            f"{where} nests deeper than {JSON_DEPTH} levels (does it contain itself?)"
        )
    if value is None or isinstance(value, str | bool | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidArgumentError(f"{where} is {value}, which JSON cannot carry")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidArgumentTypeError(
                    f"{where} has a key of type {_kind(key)}: JSON object keys are strings"
                )
            _json(f"{where}[{key!r}]", item, depth + 1)
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _json(f"{where}[{index}]", item, depth + 1)
        return
    raise InvalidArgumentTypeError(
        f"{where} is of type {_kind(value)}, which is not a JSON value"
        " (str, int, float, bool, None, list or dict)"
    )


# Timeouts and retries.


def seconds(name: str, value: object, *, allow_none: bool = True) -> float | None:
    """A number of seconds: finite and not negative; None (no limit) when allowed."""
    if value is None and allow_none:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        expected = "a number of seconds" + (" or None" if allow_none else "")
        raise InvalidArgumentTypeError(f"{name} must be {expected}, not {_kind(value)}")
    if math.isnan(value) or value < 0:
        raise InvalidArgumentError(f"{name} must be a number of seconds from 0 up, not {value}")
    return float(value)


def request_timeout(name: str, value: object) -> httpx.Timeout:
    """A per-attempt timeout as httpx takes it: seconds for each phase, an httpx.Timeout, None."""
    if isinstance(value, httpx.Timeout):
        for phase, limit in value.as_dict().items():
            seconds(f"{name}.{phase}", limit)
        return value
    return httpx.Timeout(seconds(name, value))


def call_timeouts(
    timeout: object, per_request: object, *, stacklevel: int
) -> tuple[float | NotGiven | None, httpx.Timeout | NotGiven]:
    """A call's total timeout and per-attempt timeout, checked. An httpx.Timeout given as
    `timeout` (what it meant before `request_timeout` existed) still works, with a warning."""
    if isinstance(timeout, httpx.Timeout):
        if not isinstance(per_request, NotGiven):
            raise InvalidArgumentError(
                "timeout= takes seconds for the whole call;"
                " an httpx.Timeout goes in request_timeout="
            )
        warnings.warn(
            "an httpx.Timeout as timeout= is deprecated: timeout= is now the whole call's limit in "
            "seconds; pass per-request timeouts as request_timeout=",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
        return NOT_GIVEN, request_timeout("timeout", timeout)
    total = NOT_GIVEN if isinstance(timeout, NotGiven) else seconds("timeout", timeout)
    attempt = (
        NOT_GIVEN
        if isinstance(per_request, NotGiven)
        else request_timeout("request_timeout", per_request)
    )
    return total, attempt


def max_retries(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgumentTypeError(f"max_retries must be an int, not {_kind(value)}")
    if value < 0:
        raise InvalidArgumentError(f"max_retries must be 0 or more, not {value}")
    return value


def positive(name: str, value: object) -> float:
    checked = seconds(name, value, allow_none=False)
    if not checked:
        raise InvalidArgumentError(f"{name} must be more than 0 seconds, not {value}")
    return float(checked) if checked is not None else 0.0


def at_least_one(name: str, value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidArgumentTypeError(f"{name} must be a number, not {_kind(value)}")
    if not value >= 1 or not math.isfinite(value):
        raise InvalidArgumentError(f"{name} must be a finite number from 1 up, not {value}")
    return float(value)


# Settings of the client.


def token(value: object, source: str) -> str:
    """An API token httpx can send as it is. The message never quotes the token."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{source} must be a string, not {_kind(value)}")
    if not value:
        raise NorthflankConfigError(f"{source} is empty")
    for position, char in enumerate(value):
        if char.isspace():
            what = "a line break" if char in "\r\n" else "whitespace"
            hint = (
                "; pass the token without the 'Bearer ' prefix"
                if value[:7].lower() == "bearer "
                else " (a token read from a file often ends in a newline: strip it)"
            )
            raise NorthflankConfigError(
                f"{source} contains {what} at position {position} of {len(value)}{hint}"
            )
        if not (char.isascii() and char.isprintable()):
            raise NorthflankConfigError(
                f"{source} contains a character that is not printable ASCII"
                f" at position {position} of {len(value)}"
            )
    return value


def base_url(value: object, source: str) -> str:
    """An http(s) URL with a host and nothing that the API's paths cannot follow: no query, no
    fragment, no credentials. Trailing slashes are dropped."""
    if not isinstance(value, str):
        raise InvalidArgumentTypeError(f"{source} must be a string, not {_kind(value)}")
    if not value.strip():
        raise NorthflankConfigError(f"{source} is empty: give the API's URL, or leave it unset")
    if value != value.strip():
        raise NorthflankConfigError(f"{source} has spaces around it: {value!r}")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it checks it
        httpx.URL(value)
    except (ValueError, httpx.InvalidURL) as error:
        raise NorthflankConfigError(f"{source} is not a URL ({error}): {value!r}") from None
    problem = _url_problem(value, parts)
    if problem:
        raise NorthflankConfigError(f"{source} {problem}: {_shown(parts)}")
    return value.rstrip("/")


def _url_problem(value: str, parts: SplitResult) -> str:
    if "://" not in value:
        return "has no scheme (start it with https://)"
    if parts.scheme not in ("http", "https"):
        return f"has the scheme {parts.scheme!r}: only http and https work"
    if not parts.hostname:
        return "has no host"
    if parts.username is not None or parts.password is not None:
        return "must not carry credentials (the token goes in api_token)"
    if "?" in value:
        return "must not have a query (?...): the API's paths and parameters follow it"
    if "#" in value:
        return "must not have a fragment (#...)"
    if parts.path.rstrip("/").endswith("/v1"):
        return "ends in /v1, but the API's paths already start with /v1: leave it out"
    return ""


def _shown(parts: SplitResult) -> str:
    """The URL as a message may show it: without a password."""
    if parts.password is None:
        return repr(parts.geturl())
    host = parts.netloc.rsplit("@", 1)[-1]
    return repr(parts._replace(netloc=f"{parts.username}:***@{host}").geturl())


_HEADER_NAME = re.compile(r"[-!#$%&'*+.^_`|~0-9a-zA-Z]+")
_HEADER_VALUE = re.compile(r"([\x21-\x7e]([ \t]*[\x21-\x7e])*)?")


def headers(value: object) -> dict[str, str]:
    """Extra headers: string names and values that HTTP can carry (values are never quoted)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentTypeError(f"headers must be a mapping of strings, not {_kind(value)}")
    checked: dict[str, str] = {}
    for name, text in value.items():
        if not isinstance(name, str) or not isinstance(text, str):
            raise InvalidArgumentTypeError(
                f"headers must map strings to strings; {name!r} does not"
            )
        if not _HEADER_NAME.fullmatch(name):
            raise NorthflankConfigError(f"headers: {name!r} is not a header name")
        if not _HEADER_VALUE.fullmatch(text):
            raise NorthflankConfigError(
                f"headers: the value of {name} is not printable ASCII without surrounding spaces"
                " (not shown: it may hold a secret)"
            )
        checked[name] = text
    return checked


def byte_limit(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgumentTypeError(f"max_response_bytes must be an int, not {_kind(value)}")
    if value < 1:
        raise InvalidArgumentError(f"max_response_bytes must be 1 or more, not {value}")
    return value


__all__ = [
    "base_url",
    "boolean",
    "call_timeouts",
    "enum",
    "headers",
    "integer",
    "json_object",
    "max_retries",
    "number",
    "path",
    "request_timeout",
    "seconds",
    "string",
    "token",
]

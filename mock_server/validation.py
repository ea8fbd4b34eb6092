"""Request validation for connexion that lists every violation and builds its validators once.

Plugged in through connexion's `validator_map`. Connexion's own validators stop at the first
error and rebuild a JSON-schema validator on every request; these report every problem in
Northflank's envelope (errors.ValidationFailed) and cache one validator per schema.
"""

from __future__ import annotations

import functools
import json
import re
import typing as t
from urllib.parse import parse_qsl

from connexion.exceptions import NonConformingResponseBody
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from connexion.validators import AbstractRequestBodyValidator, JSONResponseBodyValidator
from jsonschema.protocols import Validator
from starlette.types import Receive, Scope

from .errors import ValidationFailed, violation
from .formats import FORMAT_CHECKER
from .spec import fast_check

_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
MAX_CACHED_QUERIES = 256  # per operation; longer query strings are checked uncached
MAX_CACHED_QUERY_BYTES = 1024
# Keyed by id() of schema dicts that connexion keeps for the app's lifetime; the schema is kept
# in the value too, so its id can never be reused by another object.
_VALIDATORS: dict[int, tuple[object, Validator]] = {}
_FAST_CHECKS: dict[int, tuple[object, t.Callable[[t.Any], bool] | None]] = {}


def _validator(schema: dict[str, t.Any], response: bool = False) -> Validator:
    key = id(schema) * 2 + response
    cached = _VALIDATORS.get(key)
    if cached is None:
        kind = Draft4ResponseValidator if response else Draft4RequestValidator
        validator: Validator = kind(schema, format_checker=FORMAT_CHECKER)
        cached = _VALIDATORS[key] = (schema, validator)
    return cached[1]


def _fast_check(schema: dict[str, t.Any]) -> t.Callable[[t.Any], bool] | None:
    """A compiled yes/no for request values (about 30 times faster than the Python validator,
    which then only runs to explain a refusal); None where the schema cannot have one."""
    cached = _FAST_CHECKS.get(id(schema))
    if cached is None:
        # connexion hands over bodies' schemas with every component attached for $ref
        # resolution, although it has inlined the refs; the node schemas there are cyclic.
        own = {key: value for key, value in schema.items() if key != "components"}
        try:
            check: t.Callable[[t.Any], bool] | None = fast_check(own)
        except (RecursionError, ValueError):  # cyclic, or beyond what jsonschema-rs compiles
            check = None
        cached = _FAST_CHECKS[id(schema)] = (schema, check)
    return cached[1]


def _request_messages(schema: dict[str, t.Any], value: object) -> list[t.Any]:
    """The violations of a request value: none when the fast check passes it."""
    fast = _fast_check(schema)
    if fast is not None and fast(value):
        return []
    return list(_validator(schema).iter_errors(value))


def coerce(value: str, schema: dict[str, t.Any]) -> object:
    """A query or path string as the type its schema names; left as text if it is not one."""
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.match(value):
        try:
            return int(value)
        except ValueError:  # past Python's digit limit for int(): leave it to validation
            return value
    if kind == "number" and _NUMBER.match(value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


# Where the validators leave what they parsed, for dispatch.py: the query as typed values, and
# the JSON body. Connexion passes the same scope on, so nothing is parsed twice.
VALIDATED = "northflank_mock.validated"


def validated(scope: Scope) -> dict[str, t.Any]:
    found: dict[str, t.Any] = scope.setdefault(VALIDATED, {})
    return found


class ParameterValidator:
    """Path and query parameters: types, limits and enums, unknown and repeated names."""

    def __init__(
        self,
        parameters: list[dict[str, t.Any]],
        uri_parser: object = None,
        strict_validation: bool = False,
        security_query_params: list[str] | None = None,
    ) -> None:
        self.query = {p["name"]: p for p in parameters if p["in"] == "query"}
        self.path = [p for p in parameters if p["in"] == "path"]
        self.strict = strict_validation
        # A query's verdict depends on its string alone, and clients repeat their queries: each
        # distinct string is parsed and checked once while it stays among the recent ones.
        self.check_query = functools.lru_cache(maxsize=MAX_CACHED_QUERIES)(self._check_query)

    def validate(self, scope: Scope) -> None:
        raw = scope.get("query_string", b"")
        check = self.check_query if len(raw) <= MAX_CACHED_QUERY_BYTES else self._check_query
        query, query_problems, missing = check(raw)
        validated(scope)["query"] = dict(query)
        # Copies: the cached verdict must not change with what an error's handler does.
        problems = [dict(problem) for problem in query_problems]
        path_params = scope.get("path_params", {})
        for param in self.path:
            value = path_params.get(param["name"])
            if not value:
                problems.append(violation("path", param["name"], "must not be empty"))
        problems += [dict(problem) for problem in missing]
        if problems:
            raise ValidationFailed(problems)

    def _check_query(
        self, raw: bytes
    ) -> tuple[
        tuple[tuple[str, object], ...], tuple[dict[str, str], ...], tuple[dict[str, str], ...]
    ]:
        """The query's values as their types, its violations, and its missing parameters."""
        problems: list[dict[str, str]] = []
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        query: dict[str, object] = {}
        for name, value in pairs:
            param = self.query.get(name)
            if param is None:
                if self.strict:
                    problems.append(violation("query", name, f"unknown query parameter {name!r}"))
                continue
            if name in query:
                problems.append(violation("query", name, f"{name!r} may be given only once"))
                continue
            schema = param.get("schema", {})
            query[name] = typed = coerce(value, schema)
            for error in _request_messages(schema, typed):
                problems.append(violation("query", name, error.message))
        missing = tuple(
            violation("query", name, f"missing required parameter {name!r}")
            for name, param in self.query.items()
            if param.get("required") and name not in query
        )
        return tuple(query.items()), tuple(problems), missing


class JSONBodyValidator(AbstractRequestBodyValidator):  # type: ignore[misc]
    """A JSON body: every violation of its schema. No body at all counts as `{}`, since every
    field of the API's bodies is optional and official clients send none."""

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        messages: list[t.MutableMapping[str, t.Any]] = []
        chunks: list[bytes] = []
        more_body = True
        while more_body:
            message = await receive()
            messages.append(message)
            chunks.append(message.get("body", b""))
            more_body = message.get("more_body", False)
        raw = b"".join(chunks)
        if raw.strip():
            try:
                body = json.loads(raw.decode(self._encoding))
            except (UnicodeDecodeError, LookupError, json.JSONDecodeError) as exc:
                raise ValidationFailed([violation("body", "", f"not valid JSON: {exc}")]) from None
        else:
            body = {}
        problems = [
            violation("body", ".".join(str(part) for part in error.absolute_path), error.message)
            for error in _request_messages(self._schema, body)
        ]
        if problems:
            raise ValidationFailed(problems)
        validated(scope)["body"] = body
        return self._insert_messages(receive, messages=messages), scope


class JSONResponseValidator(JSONResponseBodyValidator):  # type: ignore[misc]
    """Strict mode's response check: every violation, with Northflank's timestamp forms."""

    def _validate(self, body: t.Any) -> None:
        problems = [
            f"{'/'.join(str(part) for part in error.absolute_path) or '(body)'}: {error.message}"
            for error in _validator(self._schema, response=True).iter_errors(body)
        ]
        if problems:
            raise NonConformingResponseBody(
                detail="Response does not conform to the spec: " + "; ".join(problems)
            )


class UnusedURIParser:
    """connexion builds a URI parser for every request; these validators parse the query and
    body themselves and hand the values to dispatch.py, so it would cost without serving."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass


VALIDATOR_MAP: dict[str, t.Any] = {
    "parameter": ParameterValidator,
    "body": {"application/json": JSONBodyValidator},
    "response": {"application/json": JSONResponseValidator},
}

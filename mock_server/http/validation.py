"""What makes a request valid: every violation listed, each validator built once per schema.

connexion's own validators stop at the first error and rebuild a JSON-schema validator on every
request. These report every problem in Northflank's envelope (errors.ValidationFailed). The
connexion adapter plugs them into connexion's request validation (`validator_map`), which runs
them in its order. Values are first checked by a compiled jsonschema-rs validator; the Python
validator only runs to explain a refusal.
"""

from __future__ import annotations

import functools
import logging
import re
import typing as t
from urllib.parse import parse_qsl

from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from starlette.types import Scope

from ..errors import ValidationFailed, violation
from ..jsonparse import DEFAULT_MAX_DEPTH, JsonRefused, parse
from ..spec import fast_check
from .connexion_adapter import request_schema_validator, response_schema_validator, validated

logger = logging.getLogger("mock_server")
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
MAX_CACHED_QUERIES = 256  # per operation; longer query strings are checked uncached
MAX_CACHED_QUERY_BYTES = 1024
# Keyed by id() of schema dicts that connexion keeps for the app's lifetime; the schema is kept
# in the value too, so its id can never be reused by another object.
_VALIDATORS: dict[int, tuple[object, Validator]] = {}
_FAST_CHECKS: dict[int, tuple[object, t.Callable[[t.Any], bool] | None]] = {}


def schema_validator(schema: dict[str, t.Any], response: bool = False) -> Validator:
    """The Python validator of a request (or response) schema, built once."""
    key = id(schema) * 2 + response
    cached = _VALIDATORS.get(key)
    if cached is None:
        make = response_schema_validator if response else request_schema_validator
        cached = _VALIDATORS[key] = (schema, make(schema))
    return cached[1]


def compiled_check(schema: dict[str, t.Any]) -> t.Callable[[t.Any], bool] | None:
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


def _request_errors(schema: dict[str, t.Any], value: object) -> list[t.Any]:
    """The violations of a request value: none when the compiled check passes it.

    Both checks read the spec the same way (tests check they agree), but should the compiled
    one refuse what the Python validator cannot explain, the value is still refused, with a
    generic violation, and the disagreement is logged: a request is never let through on the
    word of the slower check alone."""
    fast = compiled_check(schema)
    if fast is not None and fast(value):
        return []
    errors = list(schema_validator(schema).iter_errors(value))
    if not errors and fast is not None:
        logger.warning(
            "the compiled check refused a value the Python validator passes; refusing it "
            "(schema %.200s, value %.200r)",
            schema,
            value,
        )
        errors = [ValidationError("does not match the schema")]
    return errors


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


QueryVerdict = tuple[
    tuple[tuple[str, object], ...], tuple[dict[str, str], ...], tuple[dict[str, str], ...]
]


class ParameterValidator:
    """Path and query parameters: types, limits and enums, unknown and repeated names.

    Built by connexion's request validation with its parameter validator's arguments."""

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
        self.credentials = set(security_query_params or ())
        # A query's verdict depends on its string alone, and clients repeat their queries: each
        # distinct string is parsed and checked once while it stays among the recent ones.
        self.check_query = functools.lru_cache(maxsize=MAX_CACHED_QUERIES)(self.check_query_afresh)

    def validate(self, scope: Scope) -> None:
        raw = scope.get("query_string", b"")
        check = self.check_query if len(raw) <= MAX_CACHED_QUERY_BYTES else self.check_query_afresh
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

    def check_query_afresh(self, raw: bytes) -> QueryVerdict:
        """The query's values as their types, its violations, and its missing parameters."""
        problems: list[dict[str, str]] = []
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        query: dict[str, object] = {}
        for name, value in pairs:
            param = self.query.get(name)
            if param is None:
                if self.strict and name not in self.credentials:
                    problems.append(violation("query", name, f"unknown query parameter {name!r}"))
                continue
            if name in query:
                problems.append(violation("query", name, f"{name!r} may be given only once"))
                continue
            schema = param.get("schema", {})
            query[name] = typed = coerce(value, schema)
            for error in _request_errors(schema, typed):
                problems.append(violation("query", name, error.message))
        missing = tuple(
            violation("query", name, f"missing required parameter {name!r}")
            for name, param in self.query.items()
            if param.get("required") and name not in query
        )
        return tuple(query.items()), tuple(problems), missing


def check_body(
    schema: dict[str, t.Any], raw: bytes, encoding: str, *, max_depth: int = DEFAULT_MAX_DEPTH
) -> t.Any:
    """A JSON body, parsed, if it has no violation of its schema. No body at all counts as
    `{}`: every field of the API's bodies is optional, and official clients send none. What
    the JSON parser refuses (jsonparse.py) is a violation at the field it names."""
    if raw.strip():
        try:
            body = parse(raw, max_depth=max_depth, encoding=encoding)
        except JsonRefused as exc:
            raise ValidationFailed([violation("body", exc.path, exc.reason)]) from None
    else:
        body = {}
    problems = [
        violation("body", ".".join(str(part) for part in error.absolute_path), error.message)
        for error in _request_errors(schema, body)
    ]
    if problems:
        raise ValidationFailed(problems)
    return body


def check_no_body(operation_id: str, raw: bytes) -> None:
    """A request to an operation whose spec defines no request body may carry none, or an
    empty JSON object or `null` (what clients that always send a JSON body send); anything
    else is a 400, rather than a body silently ignored."""
    if not raw.strip():
        return
    try:
        empty = parse(raw, max_depth=1) in ({}, None)
    except JsonRefused:
        empty = False
    if not empty:
        raise ValidationFailed(
            [
                violation(
                    "body", "", f"{operation_id} takes no request body: send none, {{}} or null"
                )
            ]
        )


def response_problems(schema: dict[str, t.Any], body: t.Any) -> list[str]:
    """Strict mode's check of a response body: every violation, with where it is."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(body)'}: {error.message}"
        for error in schema_validator(schema, response=True).iter_errors(body)
    ]

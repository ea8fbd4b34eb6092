"""The `format` checks used wherever the mock validates JSON against the spec.

Every check is JSON Schema's standard one: a `date-time` is an RFC 3339 date-time, with `T`
between date and time (`2021-07-28T15:55:38.296Z`), as the live API writes it and as strict
validators in every language expect.

Northflank's reference pages write their example timestamps with a space instead
(`2021-01-01 12:01:00.000Z`). A fixture file copied from them is still accepted: the fixture
loader rewrites that one form to RFC 3339 (`with_rfc3339_separator`) before it checks the file,
so the mock never answers a timestamp a strict client would refuse.
"""

from __future__ import annotations

import re

from jsonschema import Draft4Validator, FormatChecker

# `YYYY-MM-DD HH:MM`: the reference pages' separator, and nothing else that is not RFC 3339.
_SPACE_SEPARATED = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_SEPARATOR = 10


def make_format_checker() -> FormatChecker:
    """JSON Schema's standard format checks (the spec uses `date-time` only)."""
    checker = FormatChecker()
    checker.checkers = dict(Draft4Validator.FORMAT_CHECKER.checkers)
    return checker


FORMAT_CHECKER = make_format_checker()


def is_date_time(instance: object) -> bool:
    """The standard `date-time` check (strict RFC 3339), for validators outside jsonschema."""
    return bool(FORMAT_CHECKER.conforms(instance, "date-time"))


def with_rfc3339_separator(value: object) -> object:
    """`2021-01-01 12:01:00.000Z` as `2021-01-01T12:01:00.000Z`; any other value unchanged."""
    if isinstance(value, str) and _SPACE_SEPARATED.match(value):
        return f"{value[:_SEPARATOR]}T{value[_SEPARATOR + 1 :]}"
    return value

"""The `format` checks used wherever the mock validates JSON against the spec.

Northflank writes timestamps in two ISO 8601 forms: `2021-07-28T15:55:38.296Z` and, on its own
reference pages, `2021-01-01 12:01:00.000Z`. RFC 3339 (section 5.6, note) allows a space in place
of `T`, but strict validators reject it. This checker accepts exactly that one relaxation and
keeps every other format check strict.
"""

from __future__ import annotations

from jsonschema import Draft4Validator, FormatChecker
from rfc3339_validator import validate_rfc3339  # type: ignore[import-untyped]

# Position of the date/time separator in `YYYY-MM-DDTHH:MM:SS...`.
_SEPARATOR = 10


def is_date_time(instance: object) -> bool:
    """RFC 3339 date-time, with a space accepted where `T` separates date and time."""
    if not isinstance(instance, str):
        return True  # `type` judges non-strings; a format check only judges strings
    if len(instance) > _SEPARATOR and instance[_SEPARATOR] == " ":
        instance = f"{instance[:_SEPARATOR]}T{instance[_SEPARATOR + 1 :]}"
    return bool(validate_rfc3339(instance))


def make_format_checker() -> FormatChecker:
    """JSON Schema's format checks (the spec uses `date-time` only), with Northflank's
    space-separated date-time accepted."""
    checker = FormatChecker()
    checker.checkers = dict(Draft4Validator.FORMAT_CHECKER.checkers)
    checker.checks("date-time")(is_date_time)
    return checker


FORMAT_CHECKER = make_format_checker()

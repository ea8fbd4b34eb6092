"""Every example in the spec and every answer of the mock passes strict, standard format checks.

Two independent strict checkers judge them: jsonschema's standard format checker (RFC 3339
date-times through rfc3339-validator) and jsonschema-rs's own, written in Rust. A timestamp
written with a space between date and time, as on Northflank's reference pages, fails both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from jsonschema import Draft4Validator

from mock_server.spec import _json_schema, load_spec, schema_validator
from scripts.lint_spec import iter_examples
from tests.mock_answers import MOCK_ARGS, Answers, collect, with_values_not_listed
from tests.mockproc import MockProcess

EXAMPLES = list(iter_examples(load_spec()))


def _rust_validator(ref: str) -> Any:
    """jsonschema-rs with its own standard format checks (no custom date-time check)."""
    components = {"schemas": _json_schema(load_spec()["components"]["schemas"])}
    return jsonschema_rs.Draft4Validator(
        {"$ref": ref, "components": components}, validate_formats=True
    )


def _violations(ref: str, value: Any) -> list[str]:
    python = [error.message for error in schema_validator(ref).iter_errors(value)]
    rust = [error.message for error in _rust_validator(ref).iter_errors(value)]
    return python + rust


@pytest.fixture(scope="module")
def answers() -> Iterator[Answers]:
    with MockProcess(*MOCK_ARGS) as mock:
        collected = collect(mock)
    yield {**collected, **with_values_not_listed(collected)}


@pytest.mark.parametrize(("where", "ref", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_passes_strict_format_checks(where: str, ref: str, value: Any) -> None:
    assert _violations(ref, value) == [], where


def test_the_mocks_answers_pass_strict_format_checks(answers: Answers) -> None:
    assert len(answers) == 11
    for name, (schema, body) in answers.items():
        assert _violations(f"#/components/schemas/{schema}", body) == [], name


@pytest.mark.parametrize(
    "stamp", ["2021-01-01 12:01:00.000Z", "2021-01-01T12:01:00.000", "2021-01-01", "12:01:00Z"]
)
def test_both_checkers_refuse_what_rfc_3339_does_not_allow(answers: Answers, stamp: str) -> None:
    _, body = answers["run details"]
    changed = {"data": {**body["data"], "createdAt": stamp}}
    python = schema_validator("#/components/schemas/ReleaseFlowRunResponse")
    assert not python.is_valid(changed)
    assert not _rust_validator("#/components/schemas/ReleaseFlowRunResponse").is_valid(changed)


def test_the_mock_checks_formats_with_the_standard_checker() -> None:
    from mock_server.formats import FORMAT_CHECKER

    assert FORMAT_CHECKER.checkers == Draft4Validator.FORMAT_CHECKER.checkers

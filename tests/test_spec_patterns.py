"""Every `pattern` in the spec compiles under Python's `re` and Rust's `regex` (pydantic-core's
engine) and gives the reference page's verdicts in both; interop/ checks ECMAScript too."""

from __future__ import annotations

import re
from typing import Annotated, Any

import pytest
from pydantic import StringConstraints, TypeAdapter, ValidationError

from mock_server.spec import load_spec
from tests.pattern_table import CASES, PatternCase
from tests.spec_walk import schema_at


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def _rust(pattern: str) -> TypeAdapter[str]:
    # pydantic-core compiles `pattern` with Rust's regex crate (and refuses what it cannot).
    return TypeAdapter(Annotated[str, StringConstraints(pattern=pattern)])


def _rust_accepts(adapter: TypeAdapter[str], value: str) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


def test_every_pattern_in_the_spec_has_a_table_of_verdicts() -> None:
    in_spec = set(_patterns(load_spec()))
    tabled = {schema_at(case.where)[0]["pattern"] for case in CASES}
    assert in_spec == tabled


@pytest.mark.parametrize("pattern", sorted(set(_patterns(load_spec()))))
def test_every_pattern_compiles_in_python_and_rust(pattern: str) -> None:
    re.compile(pattern)
    _rust(pattern)


@pytest.mark.parametrize("case", CASES, ids=[case.where for case in CASES])
def test_python_and_rust_give_the_reference_pages_verdicts(case: PatternCase) -> None:
    pattern = schema_at(case.where)[0]["pattern"]
    rust = _rust(pattern)
    for value in case.accepts:
        assert re.search(pattern, value), f"re refuses {value!r}"
        assert _rust_accepts(rust, value), f"Rust refuses {value!r}"
    for value in case.refuses:
        assert not re.search(pattern, value), f"re accepts {value!r}"
        assert not _rust_accepts(rust, value), f"Rust accepts {value!r}"


def test_the_reference_pages_description_pattern_does_not_compile_in_rust() -> None:
    """Why the spec escapes `[`: the page's class holds a bare one, which only Python accepts."""
    page = next(case.page for case in CASES if case.where.endswith(".description"))
    re.compile(page)
    with pytest.raises(Exception, match="unclosed character class"):
        _rust(page)


def test_python_dollar_also_matches_before_a_final_newline() -> None:
    """The one difference no spelling removes (Rust has no lookahead, ECMAScript no `\\z`):
    Python's `re.search` lets one trailing newline through where the others refuse it."""
    pattern = schema_at("RunReleaseFlowRequest.name")[0]["pattern"]
    assert re.search(pattern, "Example\n")
    assert not _rust_accepts(_rust(pattern), "Example\n")

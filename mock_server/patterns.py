"""JSON Schema `pattern`s as ECMA-262 regular expressions, which is what JSON Schema says they are.

Python's `re` reads the same text differently in ways that matter for validation: `$` also
matches before a final newline (so `^[a-z]+$` took `"abc\\n"`), `.` takes the line terminators
`\\r`, U+2028 and U+2029, and `\\d`, `\\w` and `\\s` are Unicode-aware. The mock's compiled fast
check (jsonschema-rs) reads patterns as ECMAScript does; `ecma_regex` translates a pattern so
that Python's validators, which explain its refusals, agree with it. `pattern` is the keyword
function that jsonschema validators use in place of their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import ValidationError

# ECMAScript's WhiteSpace and LineTerminator code points: its `\s`.
_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_OUTSIDE = {
    "$": "\\Z",
    ".": "[^\\n\\r\\u2028\\u2029]",
}
_ESCAPES_OUTSIDE = {
    "d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]",
    "s": f"[{_SPACE}]", "S": f"[^{_SPACE}]",
}  # fmt: skip
_ESCAPES_INSIDE = {"d": "0-9", "w": "A-Za-z0-9_", "s": _SPACE}


def translate(pattern: str) -> str:
    """An ECMAScript pattern (no flags) as a Python `re` pattern with the same verdicts, for the
    constructs above; `\\D`, `\\W` and `\\S` inside a class keep Python's reading."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            table = _ESCAPES_INSIDE if in_class else _ESCAPES_OUTSIDE
            out.append(table.get(escaped, char + escaped))
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                char = "\\["  # a literal in ECMAScript; Python warns of nested sets
            out.append(char)
        elif char == "[":
            # ECMAScript: `[]` matches nothing and `[^]` anything; Python reads `]` there as a
            # literal.
            if pattern.startswith("]", index + 1):
                out.append("(?!)")
                index += 2
                continue
            if pattern.startswith("^]", index + 1):
                out.append("[\\s\\S]")
                index += 3
                continue
            in_class = True
            out.append(char)
            if pattern.startswith("^", index + 1):
                out.append("^")
                index += 1
        else:
            out.append(_OUTSIDE.get(char, char))
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=256)
def ecma_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(translate(pattern))


def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """jsonschema's `pattern` keyword (same message), matching as ECMAScript does."""
    if validator.is_type(instance, "string") and not ecma_regex(patrn).search(instance):
        yield ValidationError(f"{instance!r} does not match {patrn!r}")

"""The one JSON parser: API and control bodies, fixture files, the state file, the request log and
cursors all read JSON through `parse`.

Python's json module takes more than JSON that every client can read back. `NaN` and `Infinity`
are not JSON at all; `1e400` becomes an infinite float; an integer of thousands of digits stops
at the interpreter's digit limit with a ValueError (and below it, passes a number no float64 can
hold, so JavaScript, Go and Rust clients cannot read it back); a `\\ud800` escape gives a lone
UTF-16 surrogate that no UTF-8 encoder can write; and nesting is only bounded by the recursion
limit. Each of these once ended in a 500, or in a stored value that broke every later answer.
`parse` refuses them with a `JsonRefused` that says what and where (`arguments.A`), and costs
nothing extra for ordinary documents: the walk that finds where only runs when something was
refused or could be.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

DEFAULT_MAX_DEPTH = 64  # API and control bodies (--max-json-depth)
FILE_MAX_DEPTH = 256  # the mock's own files: fixtures and the state file
_MAX_NUMBER = int(sys.float_info.max)  # what a float64, JSON's number everywhere, can hold
_MAX_DIGITS = len(str(_MAX_NUMBER))
# A \u escape of a UTF-16 surrogate: only a pair makes a character; a lone one cannot be encoded.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonRefused(ValueError):
    """A document `parse` does not take: `reason`, and `path` to the value (empty: the whole)."""

    def __init__(self, reason: str, path: str = "") -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.reason = reason
        self.path = path


class _Refused:
    """Put in place of a number JSON cannot carry, so that the walk can say where it was."""

    __slots__ = ("reason",)
    made = 0  # how many were ever made: a change during a parse means one is in its result

    def __init__(self, reason: str) -> None:
        self.reason = reason
        _Refused.made += 1


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a JSON number")


def _float(text: str) -> float | _Refused:
    value = float(text)
    return value if math.isfinite(value) else _Refused(f"{text[:20]} is beyond a float64's range")


def _int(text: str) -> int | _Refused:
    if len(text) <= _MAX_DIGITS - 1:
        return int(text)
    if len(text) <= _MAX_DIGITS + 1:  # a sign and the most digits a float64 can reach
        value = int(text)
        if abs(value) <= _MAX_NUMBER:
            return value
    return _Refused(f"an integer of {len(text.lstrip('-'))} digits is beyond a float64's range")


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_float=_float, parse_int=_int)


def parse(raw: bytes | str, *, max_depth: int = DEFAULT_MAX_DEPTH, encoding: str = "utf-8") -> Any:
    """The value of a JSON document, or JsonRefused: not text in `encoding`, not JSON, nested
    deeper than `max_depth` (a scalar is depth 0, `[]` is 1), a number beyond a float64 (NaN
    and Infinity included), or a string holding a lone surrogate."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode(encoding)
        except LookupError:
            raise JsonRefused(f"unknown character set {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise JsonRefused(f"not valid {encoding}: {exc.reason} at byte {exc.start}") from None
    else:
        text = raw
    made = _Refused.made
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise JsonRefused(f"nested deeper than {max_depth} levels") from None
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"not valid JSON: {exc}") from None
    if (
        _Refused.made != made
        or text.count("[") + text.count("{") > max_depth
        or _SURROGATE_ESCAPE.search(text)
    ):
        _check(value, max_depth)
    return value


def _check(value: Any, max_depth: int) -> None:
    """Walk the parsed value, without recursion, for what `parse` refuses; the first found wins."""
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while pending:
        node, path = pending.pop()
        if isinstance(node, dict):
            if len(path) >= max_depth:
                raise JsonRefused(f"nested deeper than {max_depth} levels", _shown(path))
            for key, item in node.items():
                if _SURROGATE.search(key):
                    raise JsonRefused("a key holds a lone UTF-16 surrogate", _shown((*path, key)))
                pending.append((item, (*path, key)))
        elif isinstance(node, list):
            if len(path) >= max_depth:
                raise JsonRefused(f"nested deeper than {max_depth} levels", _shown(path))
            pending.extend((item, (*path, index)) for index, item in enumerate(node))
        elif isinstance(node, _Refused):
            raise JsonRefused(node.reason, _shown(path))
        elif isinstance(node, str) and _SURROGATE.search(node):
            raise JsonRefused("a string holds a lone UTF-16 surrogate", _shown(path))


def _shown(path: tuple[str | int, ...], limit: int = 200) -> str:
    """`arguments.list.3`, as the validators name a field; shortened past `limit` characters."""
    shown = ".".join(_SURROGATE.sub("\ufffd", str(part)) for part in path)
    return shown if len(shown) <= limit else shown[:limit] + "..."

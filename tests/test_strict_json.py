"""The parts that make hostile input harmless, one by one: the JSON parser, the encoder, patterns
read as ECMAScript, the validators' fallback, and the Host and origin checks."""

from __future__ import annotations

import json
import logging
import math
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.errors import ValidationFailed
from mock_server.http import validation
from mock_server.http.guard import Guard, host_port
from mock_server.jsonparse import JsonRefused, parse
from mock_server.patterns import ecma_regex, translate
from mock_server.storage.encoding import encode


@pytest.mark.parametrize(
    ("document", "path", "reason"),
    [
        ('{"a": NaN}', "a", "NaN is not a JSON number"),
        ('{"a": [1, Infinity]}', "a.1", "Infinity is not a JSON number"),
        ('{"a": {"b": -Infinity}}', "a.b", "-Infinity is not a JSON number"),
        ("1e400", "", "beyond a float64"),
        ('{"x": -1e309}', "x", "beyond a float64"),
        ('{"x": ' + "9" * 5000 + "}", "x", "5000 digits"),
        ('{"x": ' + "9" * 310 + "}", "x", "310 digits"),
        ("[" * 100_000, "", "nested deeper than 64"),
        ("[" * 65 + "]" * 65, "0." * 63 + "0", "nested deeper than 64"),
        ('{"a": "\\ud800"}', "a", "lone UTF-16 surrogate"),
        ('{"a": ["ok", "\\udfff tail"]}', "a.1", "lone UTF-16 surrogate"),
        ('{"\\udc00": 1}', "\ufffd", "lone UTF-16 surrogate"),
        ('{"a":', "", "not valid JSON"),
        ("", "", "not valid JSON"),
        ("\ufeff{}", "", "not valid JSON"),
    ],
)
def test_the_parser_refuses_what_clients_cannot_read_back(
    document: str, path: str, reason: str
) -> None:
    with pytest.raises(JsonRefused) as refused:
        parse(document)
    assert refused.value.path == path
    assert reason in refused.value.reason


def test_the_parser_refuses_bytes_that_are_not_text() -> None:
    with pytest.raises(JsonRefused, match="not valid utf-8"):
        parse(b'{"a": "\xff"}')
    with pytest.raises(JsonRefused, match="unknown character set"):
        parse(b"{}", encoding="no-such-charset")


@pytest.mark.parametrize(
    "document",
    [
        '{"name": "Example Run", "arguments": {"A": "1"}}',
        '{"big": ' + "9" * 300 + ', "float": 1.7976931348623157e308, "tiny": 5e-324}',
        '{"emoji": "\\ud83d\\ude80", "text": "grüß dich", "escaped": "\\u00e9"}',
        "[" * 64 + "]" * 64,
        '{"brackets in a string": "' + "[" * 500 + '"}',
        "null",
        "-0",
    ],
)
def test_the_parser_takes_every_ordinary_document_as_json_does(document: str) -> None:
    assert parse(document) == json.loads(document)


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=30,
    )
)  # fmt: skip
def test_whatever_the_encoder_writes_the_parser_reads_back(value: Any) -> None:
    assert parse(encode(value)) == value


def test_the_encoder_never_writes_nan() -> None:
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            encode({"a": bad})


# Patterns: ECMAScript's reading. The verdicts below are ECMAScript's (`/.../.test(value)`).

ECMASCRIPT_VERDICTS = [
    ("^[a-z]+$", {"abc": True, "abc\n": False, "ab\nc": False, "": False}),
    ("^a.c$", {"abc": True, "a\nc": False, "a\rc": False, "a\u2028c": False, "a\u00e9c": True}),
    (r"^\d+$", {"123": True, "\u0661\u0662": False, "12\n": False}),
    (r"^\w+$", {"abc_1": True, "gr\u00fc\u00df": False, "ab\n": False}),
    (r"^\s$", {" ": True, "\u00a0": True, "\ufeff": True, "\x1c": False, "\x85": False}),
    (r"^[\d\s]+$", {"1 2": True, "\u0661 \u0662": False, "1\x852": False}),
    ("^a[]b$", {"ab": False, "a]b": False}),
    ("^a[^]b$", {"axb": True, "a\nb": True, "ab": False}),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "verdicts"), ECMASCRIPT_VERDICTS)
def test_patterns_match_as_ecmascript_does(pattern: str, verdicts: dict[str, bool]) -> None:
    for value, verdict in verdicts.items():
        assert bool(ecma_regex(pattern).search(value)) is verdict, (pattern, value)


TRICKY = ["Example", "Example\n", "Ex\nample", "Ex ample", "Ex\u00a0ample", "Ex\x85ample",
          "Ex\u2028ample", "Ex\x1cample", "\u0661\u0662\u0663", "a/b", "a/b\n", "x" * 30,
          "0123456789abcdef01234567", "0123456789abcdef01234567\n", "https://github.com/a/b",
          "https://github.com/a/b\n", "/path/to-x", "/path/to-x\n"]  # fmt: skip


def test_every_pattern_of_the_spec_reads_as_the_compiled_check_reads_it() -> None:
    """The compiled check (jsonschema-rs) decides; the Python validator explains its refusals
    and must agree with it, trailing newlines and Unicode classes included."""
    from mock_server.spec import load_spec
    from tests.test_spec_patterns import _patterns

    for pattern in sorted(set(_patterns(load_spec()))):
        rust = jsonschema_rs.Draft4Validator({"type": "string", "pattern": pattern})
        for value in TRICKY:
            ours = bool(ecma_regex(pattern).search(value))
            assert ours == rust.is_valid(value), (pattern, value)


def test_dollar_is_the_end_of_the_input() -> None:
    assert translate("^x$") == "^x\\Z"
    assert translate("[$]") == "[$]"
    assert translate("\\$") == "\\$"


def test_a_compiled_refusal_the_validator_cannot_explain_is_still_a_refusal(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    schema = {"type": "object", "properties": {"name": {"type": "string"}}}
    monkeypatch.setattr(validation, "compiled_check", lambda schema: lambda value: False)
    with (
        caplog.at_level(logging.WARNING, "mock_server"),
        pytest.raises(ValidationFailed) as refused,
    ):
        validation.check_body(schema, b'{"name": "fine"}', "utf-8")
    assert refused.value.violations[0]["message"] == "does not match the schema"
    assert "compiled check refused" in caplog.text


# The Host check and the control plane's origin and content checks.

GUARD = Guard(("127.0.0.1:4010", "localhost:4010", "[::1]:4010", "mock.internal"), None)


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        (b"127.0.0.1:4010", True),
        (b"LOCALHOST:4010", True),
        (b"localhost.:4010", True),
        (b"[::1]:4010", True),
        (b"mock.internal", True),
        (b"mock.internal:8080", True),
        (None, True),
        (b"127.0.0.1:4011", False),
        (b"localhost", False),
        (b"attacker.example:4010", False),
        (b"127.0.0.1.attacker.example:4010", False),
        (b"[::1", False),
        (b"", False),
    ],
)
def test_the_host_check(host: bytes | None, allowed: bool) -> None:
    assert GUARD.host_allowed(host) is allowed


def test_no_allowed_hosts_means_any_host() -> None:
    assert Guard(None, None).host_allowed(b"anything:1")
    assert Guard(("*",), None).host_allowed(b"anything:1")


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({b"origin": b"http://127.0.0.1:4010"}, None),
        ({b"origin": b"http://127.0.0.1:3000"}, 403),
        ({b"origin": b"null"}, 403),
        ({b"sec-fetch-site": b"same-site"}, 403),
        ({b"sec-fetch-site": b"same-origin"}, None),
        ({b"content-type": b"text/plain"}, 415),
        ({b"content-type": b"application/json; charset=utf-8"}, None),
        ({b"content-length": b"2"}, 415),
        ({b"transfer-encoding": b"chunked"}, 415),
        ({}, None),
    ],
)
def test_the_control_plane_checks(headers: dict[bytes, bytes], status: int | None) -> None:
    headers = {b"host": b"127.0.0.1:4010", **headers}
    if status is None:
        GUARD.check_control("/_mock/reset", "POST", headers)
        return
    with pytest.raises(Exception) as refused:
        GUARD.check_control("/_mock/reset", "POST", headers)
    assert getattr(refused.value, "status", None) == status


def test_host_port_reads_every_form() -> None:
    assert host_port("Example.COM:80") == ("example.com", "80")
    assert host_port("[::1]:4010") == ("[::1]", "4010")
    assert host_port("[::1]") == ("[::1]", None)
    assert host_port("name") == ("name", None)

"""Every option of the command line is also an environment variable, shown in --help, checked as
the option is, and overridden by the command line."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest

from mock_server.cli import build_parser, parse_args
from mock_server.envoptions import EnvArgumentParser, variable_for

# Values tried in turn for an option until the command line takes one; the environment must then
# give exactly what the command line gives. A new option whose values none of these fit needs one
# of its own here.
SAMPLES = ["3", "2.5", "4096", "http://localhost:3000", "127.0.0.1", "some-value"]


def options() -> list[argparse.Action]:
    return list(build_parser().variables.values())


def parse(argv: list[str], environ: dict[str, str]) -> argparse.Namespace | str:
    """The parsed options, or the error argparse stops with."""
    try:
        return build_parser(environ).parse_args(argv)
    except SystemExit as exit:
        return f"exit {exit.code}"


def test_every_long_option_has_a_variable_shown_in_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mock_server", "--help"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    shown = set(re.findall(r"\[env (NORTHFLANK_MOCK_[A-Z_]+)\]", " ".join(result.stdout.split())))
    listed = {
        option
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", result.stdout)
        if option not in ("--help", "--version") and not option.startswith("--no-")
    }
    assert len(listed) >= 15
    assert {variable_for(option) for option in listed} == shown
    assert "NORTHFLANK_MOCK_<OPTION>" in " ".join(result.stdout.split())


@pytest.mark.parametrize("action", options(), ids=lambda action: action.option_strings[0])
def test_the_variable_gives_what_the_option_gives(action: argparse.Action) -> None:
    option = action.option_strings[0]
    variable = variable_for(option)
    default = parse([], {})
    assert isinstance(default, argparse.Namespace)
    if action.nargs == 0:
        on = parse([option], {})
        assert parse([], {variable: "true"}) == on
        assert parse([], {variable: "1"}) == on
        off = (
            parse([f"--no-{option[2:]}"], {})
            if f"--no-{option[2:]}" in action.option_strings
            else default
        )
        assert parse([], {variable: "0"}) == off
        assert parse([], {variable: "off"}) == off
        assert parse([], {variable: "maybe"}) == "exit 2"
        return
    for sample in [*(str(choice) for choice in action.choices or ()), *SAMPLES]:
        words = sample.split() if action.nargs in ("+", "*") else [sample]
        expected = parse([option, *words], {})
        if isinstance(expected, argparse.Namespace) and expected != default:
            break
    else:
        pytest.fail(f"no value in SAMPLES suits {option}: add one")
    assert parse([], {variable: sample}) == expected


def test_the_command_line_wins_and_errors_name_the_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = parse_args(
        ["--port", "4020"], {"NORTHFLANK_MOCK_PORT": "4030", "NORTHFLANK_MOCK_SEED": "9"}
    )
    assert (args.port, args.seed) == (4020, 9)
    with pytest.raises(SystemExit):
        parse_args([], {"NORTHFLANK_MOCK_PORT": "forty"})
    assert (
        "environment variable NORTHFLANK_MOCK_PORT='forty': 'forty' is not a whole number"
        in capsys.readouterr().err
    )
    with pytest.raises(SystemExit):
        parse_args([], {"NORTHFLANK_MOCK_OUTCOME": "maybe"})
    assert (
        "NORTHFLANK_MOCK_OUTCOME='maybe': expected one of success, failure, hold"
        in capsys.readouterr().err
    )


def test_an_empty_variable_counts_as_unset() -> None:
    assert parse_args(
        [], {"NORTHFLANK_MOCK_PORT": "", "NORTHFLANK_MOCK_STRICT": " "}
    ) == parse_args([], {})


def test_several_values_are_separated_by_spaces() -> None:
    parser = EnvArgumentParser(
        environ={"NORTHFLANK_MOCK_ORIGINS": "a 'b c'", "NORTHFLANK_MOCK_PAIR": "1 2"}
    )
    parser.add_argument("--origins", nargs="+")
    parser.add_argument("--pair", nargs=2, type=int)
    assert vars(parser.parse_args([])) == {"origins": ["a", "b c"], "pair": [1, 2]}
    wrong = EnvArgumentParser(environ={"NORTHFLANK_MOCK_PAIR": "1"})
    wrong.add_argument("--pair", nargs=2, type=int)
    with pytest.raises(SystemExit):
        wrong.parse_args([])


def test_two_options_cannot_share_a_variable() -> None:
    parser = EnvArgumentParser()
    parser.add_argument("--max-body")
    with pytest.raises(ValueError, match="NORTHFLANK_MOCK_MAX_BODY"):
        parser.add_argument("--max_body")


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mock_server", "--version"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert re.fullmatch(r"python -m mock_server \d+\.\d+\.\d+\n", result.stdout), result.stdout


# The reference (docs/mock.md) and the README's summary of the limits, against the parser.

UNITS = {"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}


def _reference_rows() -> dict[str, list[str]]:
    """docs/mock.md's Options and Limits tables: the first option of a row -> its cells."""
    from tests.readme_blocks import MOCK_DOC, section

    rows = {}
    for title in ("Options", "Limits"):
        for line in section(title, MOCK_DOC).splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            found = re.match(r"`(--[a-z-]+)", cells[0])
            if line.startswith("|") and found:
                rows[found.group(1)] = cells
    return rows


def _amount(text: str) -> float:
    """The first amount in a table cell: `1 MiB`, `32 KiB (...)`, `64 levels`, `5, up to`."""
    found = re.match(r"`?(\d+(?:\.\d+)?)`?\s*(KiB|MiB|GiB)?", text)
    assert found, text
    return float(found.group(1)) * UNITS.get(found.group(2) or "", 1)


def test_the_reference_lists_every_option_with_its_variable_and_default() -> None:
    rows = _reference_rows()
    actions = list(build_parser({}).variables.values())  # defaults untouched by the environment
    assert set(rows) - {"--version"} == {action.option_strings[0] for action in actions}
    for action in actions:
        option = action.option_strings[0]
        assert rows[option][1] == f"`{variable_for(option)}`", option
        if isinstance(action.default, (int, float)) and not isinstance(action.default, bool):
            assert _amount(rows[option][2]) == action.default, option


def test_the_readme_states_the_limits_the_mock_applies() -> None:
    from tests.readme_blocks import section

    text = " ".join(section("Running the mock").split())
    defaults = build_parser({}).parse_args([])
    stated = {
        "max_body_bytes": r"bodies (\d+ [KM]iB)",
        "max_header_bytes": r"request line and headers (\d+ [KM]iB)",
        "max_json_depth": r"JSON nesting (\d+) levels",
        "max_argument_bytes": r"`arguments` (\d+ [KM]iB)",
        "request_timeout": r"headers then body within (\d+) s",
        "keep_alive_seconds": r"idle connections closed after (\d+) s",
        "request_log_bytes": r"1,000 requests and (\d+ [KM]iB)",
    }
    for name, pattern in stated.items():
        found = re.search(pattern, text)
        assert found, f"the README no longer states {name}"
        assert _amount(found.group(1)) == getattr(defaults, name), name


@pytest.mark.parametrize("option", ["--host", "--fixtures", "--spec", "--tokens", "--state"])
@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_address_or_path_is_refused(option: str, value: str) -> None:
    # `--host "$HOST"` with HOST unset would listen on every interface; an empty path would be
    # the current directory.
    assert parse([option, value], {}) == "exit 2"

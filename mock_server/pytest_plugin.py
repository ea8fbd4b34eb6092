"""The pytest plugin (entry point `pytest11`): any project that installs the mock gets fixtures
that serve it to its tests.

    northflank_mock            a real mock on a free 127.0.0.1 port, reset before each test
                               (one server for the session, in a thread of the test process)
    northflank_mock_session    the same server, never reset: state is shared by every test
    northflank_mock_inprocess  a mock with no port at all, reset before each test: its
                               .transport(), .async_transport(), .client() and .http() reach it
                               in-process
    northflank_mock_factory    start(*options) -> a mock of its own, with options as on the
                               command line; stopped after the test

Each gives a `NorthflankMock` (control_client.py): `.url`, `.token`, `.http()`, `.client()`,
`.reset()`, `.advance()`, `.outcomes()`, `.fault()`, `.requests()`, `.assert_called()`...

Configuration, by command-line option or ini key (the command line wins):

    --northflank-mock-fixtures DIR    northflank_mock_fixtures       fixture folder to serve
    --northflank-mock-manual-clock    northflank_mock_manual_clock   time moves only by advance()
    --northflank-mock-seed N          northflank_mock_seed           deterministic run ids
    --northflank-mock-tokens FILE     northflank_mock_tokens         permission checks
    --northflank-mock-token TOKEN     northflank_mock_token          the token clients send
    --northflank-mock-control-token T northflank_mock_control_token  for a mock started with one
    --northflank-mock-args "..."      northflank_mock_args           any other options of the
                                                                     command line (--strict)
    --northflank-mock-url URL         northflank_mock_url            use the mock running there
                                                                     (a CI service) instead

Ini paths are relative to the ini file, command-line paths to the current directory. Importing
this module costs nothing: the mock itself is imported when a fixture first needs it.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from .control_client import NorthflankMock
    from .settings import Settings

GROUP = "northflank-mock"
# name, kind, help; each is --northflank-mock-<name> and the ini key northflank_mock_<name>.
OPTIONS: list[tuple[str, str, str]] = [
    ("fixtures", "path", "fixture folder the mock serves (default: its own dataset)"),
    ("manual-clock", "bool", "time moves only when a test advances it"),
    ("seed", "int", "seed for the ids of created runs: the same ids every run"),
    ("tokens", "path", "tokens file: turns on permission checks"),
    (
        "token",
        "string",
        "bearer token clients send (default: the tokens file's first, or test-token)",
    ),
    ("control-token", "string", "control token of a mock that requires one"),
    ("args", "string", "more options, as on the mock's command line, e.g. --strict"),
    ("url", "string", "use the mock already running at this URL instead of starting one"),
]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup(GROUP, "Northflank mock (mock_server.pytest_plugin)")
    for name, kind, help_text in OPTIONS:
        dest = _key(name)
        if kind == "bool":
            group.addoption(
                f"--northflank-mock-{name}",
                dest=dest,
                action="store_true",
                default=None,
                help=help_text,
            )
            parser.addini(dest, help_text, type="bool", default=False)
        else:
            metavar = {"path": "PATH", "int": "N"}.get(kind, "VALUE")
            group.addoption(
                f"--northflank-mock-{name}",
                dest=dest,
                metavar=metavar,
                default=None,
                help=help_text,
            )
            parser.addini(dest, help_text, type="string", default="")


def _key(name: str) -> str:
    return "northflank_mock_" + name.replace("-", "_")


def _given(config: pytest.Config, name: str) -> Any:
    """An option's value: the command line's, else the ini file's, else None. An empty value
    on the command line unsets the ini file's."""
    value = config.getoption(_key(name))
    if value is not None:
        return value if value != "" else None
    ini = config.getini(_key(name))
    return ini if ini not in ("", False, None) else None


def _path(config: pytest.Config, name: str) -> Path | None:
    given = _given(config, name)
    if given is None:
        return None
    path = Path(given).expanduser()
    if config.getoption(_key(name)) is not None:
        base = config.invocation_params.dir
    else:
        base = config.inipath.parent if config.inipath else config.rootpath
    return path if path.is_absolute() else base / path


def command_line(config: pytest.Config) -> list[str]:
    """The configured mock as options of its command line."""
    options = shlex.split(_given(config, "args") or "")
    for name in ("fixtures", "tokens"):
        path = _path(config, name)
        if path is not None:
            options += [f"--{name}", str(path)]
    if _given(config, "manual-clock"):
        options.append("--manual-clock")
    seed = _given(config, "seed")
    if seed is not None:
        options += ["--seed", str(seed)]
    return options


def settings_for(options: list[str]) -> Settings:
    """Settings from command-line options (the environment's NORTHFLANK_MOCK_* are ignored:
    the plugin is configured through pytest)."""
    from .cli import build_parser, settings_from

    def refuse(message: str) -> NoReturn:
        pytest.fail(f"northflank mock: invalid options {options}: {message}", pytrace=False)

    parser = build_parser(environ={})
    parser.error = refuse  # type: ignore[method-assign]  # argparse would print and exit
    try:
        return settings_from(parser.parse_args(options), None)  # any Host: loopback only
    except SystemExit as exc:
        refuse(str(exc.code))


def _token(config: pytest.Config, settings: Settings) -> str:
    from .control_client import DEFAULT_TOKEN
    from .domain.auth import load_tokens

    given = _given(config, "token")
    if given is not None:
        return str(given)
    if settings.tokens is not None:
        return next(iter(load_tokens(settings.tokens)))
    return DEFAULT_TOKEN


class _Mocks:
    """The mocks one session starts, stopped at its end."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.options = command_line(config)
        self.control_token = _given(config, "control-token")

    def start(self, options: list[str], *, listen: bool = True) -> NorthflankMock:
        from .control_client import NorthflankMock
        from .embedded import EmbeddedMock

        settings = settings_for(options)
        embedded = EmbeddedMock(settings, listen=listen)
        try:
            embedded.start()
        except Exception as exc:  # bad fixtures or tokens: say so, with the mock's message
            pytest.fail(f"northflank mock did not start: {exc}", pytrace=False)
        return NorthflankMock(
            embedded,
            token=_token(self.config, settings),
            control_token=self.control_token,
        )


@pytest.fixture(scope="session")
def _northflank_mocks(pytestconfig: pytest.Config) -> _Mocks:
    return _Mocks(pytestconfig)


def _stopped(mock: NorthflankMock) -> None:
    mock.close()
    if mock.embedded is not None:
        mock.embedded.stop()


@pytest.fixture(scope="session")
def northflank_mock_session(_northflank_mocks: _Mocks) -> Iterator[NorthflankMock]:
    """A real mock for the whole session, on a free 127.0.0.1 port, never reset."""
    from .control_client import NorthflankMock

    url = _given(_northflank_mocks.config, "url")
    if url is not None:
        token = _given(_northflank_mocks.config, "token")
        remote = NorthflankMock.connect(
            str(url),
            control_token=_northflank_mocks.control_token,
            **({"token": str(token)} if token else {}),
        )
        yield remote
        remote.close()
        return
    mock = _northflank_mocks.start(_northflank_mocks.options)
    try:
        yield mock
    finally:
        _stopped(mock)


@pytest.fixture
def northflank_mock(northflank_mock_session: NorthflankMock) -> Iterator[NorthflankMock]:
    """The session's mock, back to its fixtures before the test."""
    with northflank_mock_session.handle() as mock:
        mock.reset()
        yield mock


@pytest.fixture(scope="session")
def _northflank_mock_inprocess_session(_northflank_mocks: _Mocks) -> Iterator[NorthflankMock]:
    mock = _northflank_mocks.start(_northflank_mocks.options, listen=False)
    try:
        yield mock
    finally:
        _stopped(mock)


@pytest.fixture
def northflank_mock_inprocess(
    _northflank_mock_inprocess_session: NorthflankMock,
) -> Iterator[NorthflankMock]:
    """A mock with no port, back to its fixtures before the test."""
    with _northflank_mock_inprocess_session.handle() as mock:
        mock.reset()
        yield mock


@pytest.fixture
def northflank_mock_factory(
    _northflank_mocks: _Mocks,
) -> Iterator[Callable[..., NorthflankMock]]:
    """start(*options, listen=True): a mock of the test's own, configured as the session's
    plus `options` as on the command line (`start("--tokens", path, "--strict")`); every one
    is stopped after the test."""
    started: list[NorthflankMock] = []

    def start(*options: str, listen: bool = True) -> NorthflankMock:
        mock = _northflank_mocks.start([*_northflank_mocks.options, *options], listen=listen)
        started.append(mock)
        return mock

    try:
        yield start
    finally:
        for mock in reversed(started):
            _stopped(mock)

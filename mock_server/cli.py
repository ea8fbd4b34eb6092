"""`northflank-mock` and `python -m mock_server`: run the mock under uvicorn."""

from __future__ import annotations

import argparse
import copy
import importlib.metadata
import logging
import math
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import ChangeReload, Multiprocess

from .app import SETTINGS_VARIABLE, create_app, settle_heap
from .domain import lifecycle
from .domain.auth import TokensFileError
from .envoptions import PREFIX, EnvArgumentParser
from .http.connexion_adapter import UI_PATH
from .http.cors import parse_origin
from .http.guard import allowed_hosts_for
from .jsonparse import DEFAULT_MAX_DEPTH, FILE_MAX_DEPTH
from .protocol import server_config
from .settings import (
    DEFAULT_KEEP_ALIVE_SECONDS,
    DEFAULT_MAX_ARGUMENT_BYTES,
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_HEADER_BYTES,
    DEFAULT_REQUEST_LOG_BYTES,
    DEFAULT_REQUEST_TIMEOUT,
    Settings,
)
from .spec import SPEC_PATH, SpecError
from .storage.fixtures import DEFAULT_FIXTURES, FixtureError
from .storage.persistence import StateFileError

GRACEFUL_SHUTDOWN_SECONDS = 1  # then requests still running are cancelled (answered 503)
MAX_PHASE_SECONDS = 365 * 86400.0  # a run phase; longer ones would push timestamps off the map
MAX_WORKERS = 64
BACKLOG = 2048


def _host(text: str) -> str:
    """An address to listen on. Empty (`--host "$HOST"` with HOST unset) is refused: the socket
    layer would take it as every interface."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "must name an address, such as 127.0.0.1 (0.0.0.0 for every interface)"
        )
    return text


def _path(text: str) -> Path:
    """A file or folder. Empty is refused rather than read as the current directory."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a file or folder, not be empty")
    return Path(text)


_path.__name__ = "path"


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}, not {value}")
        return value

    parse.__name__ = "integer"
    return parse


def _bounded_seconds(low: float, high: float, *, above: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number") from None
        if not math.isfinite(value) or value < low or value > high or (above and value == low):
            low_text = f"above {low:g}" if above else f"from {low:g}"
            raise argparse.ArgumentTypeError(f"must be a number of seconds {low_text} to {high:g}")
        return value

    parse.__name__ = "seconds"
    return parse


DISTRIBUTION = "northflank-release-mock"


def parse_args(
    argv: list[str] | None = None, environ: dict[str, str] | None = None
) -> argparse.Namespace:
    return build_parser(environ).parse_args(argv)


def build_parser(environ: dict[str, str] | None = None) -> EnvArgumentParser:
    parser = EnvArgumentParser(
        prog=_program(),
        description="An offline Northflank: the release endpoints, served from fixtures.",
        epilog=f"Every option can also be set by an environment variable, {PREFIX}<OPTION> "
        "(shown with each option); the command line wins.",
        environ=environ,
    )
    parser.add_argument(
        "--host",
        type=_host,
        default="127.0.0.1",
        help="address to listen on (default %(default)s)",
    )
    parser.add_argument(
        "--port",
        metavar="PORT",
        type=_bounded_int(0, 65535),
        default=4010,
        help="port; 0 picks a free one (default %(default)s)",
    )
    parser.add_argument(
        "--fixtures",
        metavar="DIR",
        type=_path,
        default=DEFAULT_FIXTURES,
        help="fixture folder to serve",
    )
    parser.add_argument(
        "--spec",
        metavar="FILE",
        type=_path,
        default=SPEC_PATH,
        help="OpenAPI document to serve (default: the project's openapi/northflank.yaml)",
    )
    parser.add_argument(
        "--seed",
        metavar="N",
        type=int,
        default=None,
        help="seed for new run ids (deterministic runs)",
    )
    parser.add_argument(
        "--tokens",
        metavar="FILE",
        type=_path,
        default=None,
        help="tokens file: turns on permission checks",
    )
    parser.add_argument(
        "--strict", action="store_true", help="validate every response against the spec"
    )
    parser.add_argument(
        "--manual-clock", action="store_true", help="time moves only via POST /_mock/clock"
    )
    phase = _bounded_seconds(0, MAX_PHASE_SECONDS)
    parser.add_argument(
        "--pending-seconds",
        metavar="S",
        type=phase,
        default=lifecycle.Durations.pending,
        help="seconds a new run stays pending (default %(default)s)",
    )
    parser.add_argument(
        "--run-seconds",
        metavar="S",
        type=phase,
        default=lifecycle.Durations.running,
        help="seconds a run stays running (default %(default)s)",
    )
    parser.add_argument(
        "--abort-seconds",
        metavar="S",
        type=phase,
        default=lifecycle.Durations.aborting,
        help="seconds an abort stays aborting (default %(default)s)",
    )
    parser.add_argument(
        "--rate-limit",
        metavar="N",
        type=_bounded_int(1, 10**9),
        default=None,
        help="requests per hour per token before 429 (default: count only)",
    )
    parser.add_argument(
        "--outcome",
        default="success",
        choices=lifecycle.OUTCOMES,
        help="how created runs end unless told otherwise; hold stays running (default %(default)s)",
    )
    parser.add_argument(
        "--state",
        metavar="PATH",
        type=_path,
        default=None,
        help="keep state in this SQLite file: it survives restarts and is shared by --workers",
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        type=_bounded_int(1, MAX_WORKERS),
        default=1,
        help="worker processes; more than 1 needs --state",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
        help="log level (default %(default)s)",
    )
    parser.add_argument(
        "--access-log", action=argparse.BooleanOptionalAction, default=True, help="log each request"
    )
    _limit_arguments(parser.add_argument_group("limits (answers past a limit are 4xx envelopes)"))
    _guard_arguments(parser.add_argument_group("control plane and Host checks"))
    add_tool_options(parser)
    return parser


def add_tool_options(parser: argparse.ArgumentParser) -> None:
    """Options for the mock as a tool: browser apps, reloading, its version."""
    parser.add_argument(
        "--cors",
        nargs="+",
        type=parse_origin,
        default=[],
        metavar="ORIGIN",
        help="let browser apps on these origins call the API (http://localhost:3000; * for any); "
        "the control plane stays same-origin",
    )
    parser.add_argument(
        "--reload",
        action="store_true",
        help="restart when the spec or a fixture file changes (afresh, unless --state); while "
        "a changed file is invalid, every request answers 503 saying why",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")


def tool_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The Settings fields of add_tool_options' options."""
    if args.reload and args.workers > 1:
        raise SystemExit("--reload restarts one server process: it does not combine with --workers")
    return {"cors_origins": tuple(args.cors)}


def serve_reloading(settings: Settings, sock: socket.socket, common: dict[str, Any]) -> None:
    """--reload: uvicorn's reloader (watchfiles) runs the mock in a child process and starts a
    new one when the spec or a fixture file changes. The socket stays bound in this process
    meanwhile, so clients wait for the new server rather than being refused."""
    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    directories, patterns = watched(settings)
    config = server_config(
        "mock_server.app:reloading_app_from_environment",
        settings,
        factory=True,
        reload=True,
        reload_dirs=[str(directory) for directory in directories],
        reload_includes=patterns,
        reload_excludes=["*.py"],  # uvicorn watches Python files by default; not these
        **common,
    )
    ChangeReload(config, target=uvicorn.Server(config).run, sockets=[sock]).run()


def watched(settings: Settings) -> tuple[list[Path], list[str]]:
    """What --reload watches: the folders, and the file name patterns within them."""
    spec = settings.spec.resolve()
    return [spec.parent, settings.fixtures.resolve()], [spec.name, "*.json"]


def version() -> str:
    """The installed package's version."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def _program() -> str:
    """How the mock was started, for --help and errors."""
    return "python -m mock_server" if sys.argv[0].endswith("__main__.py") else "northflank-mock"


def _limit_arguments(group: Any) -> None:
    mib = 1024 * 1024
    group.add_argument(
        "--max-body-bytes",
        metavar="N",
        type=_bounded_int(1, 1024 * mib),
        default=DEFAULT_MAX_BODY,
        help="largest request body accepted; 413 past it (default %(default)s)",
    )
    group.add_argument(
        "--max-header-bytes",
        metavar="N",
        type=_bounded_int(1024, 16 * mib),
        default=DEFAULT_MAX_HEADER_BYTES,
        help="largest request line and headers; 431 past it (default %(default)s)",
    )
    group.add_argument(
        "--max-json-depth",
        metavar="N",
        type=_bounded_int(1, FILE_MAX_DEPTH),
        default=DEFAULT_MAX_DEPTH,
        help="deepest nesting of a JSON body; 400 past it (default %(default)s)",
    )
    group.add_argument(
        "--max-argument-bytes",
        metavar="N",
        type=_bounded_int(0, 1024 * mib),
        default=DEFAULT_MAX_ARGUMENT_BYTES,
        help="largest `arguments` a created run keeps, as JSON; 413 past it (default %(default)s)",
    )
    group.add_argument(
        "--request-log-bytes",
        metavar="N",
        type=_bounded_int(0, 1024 * mib),
        default=DEFAULT_REQUEST_LOG_BYTES,
        help="bytes of requests /_mock/requests keeps; the oldest go first (default %(default)s)",
    )
    group.add_argument(
        "--keep-alive-seconds",
        metavar="S",
        type=_bounded_seconds(0, 3600, above=True),
        default=DEFAULT_KEEP_ALIVE_SECONDS,
        help="an idle connection is closed after this (default %(default)s)",
    )
    group.add_argument(
        "--request-timeout",
        metavar="S",
        type=_bounded_seconds(0, 3600, above=True),
        default=DEFAULT_REQUEST_TIMEOUT,
        help="a request, headers and body, must arrive within this of its first byte; 408 "
        "past it (default %(default)s)",
    )


def _guard_arguments(group: Any) -> None:
    group.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host is NAME (any port) or NAME:PORT; `*` answers any "
        "(default: only the address the mock listens on, and localhost on loopback)",
    )
    group.add_argument(
        "--control-token",
        default=None,
        metavar="TOKEN",
        help="the /_mock/* endpoints (but /_mock/health) then need `Authorization: Bearer TOKEN`",
    )


def settings_from(args: argparse.Namespace, allowed_hosts: tuple[str, ...] | None) -> Settings:
    if args.workers > 1 and args.state is None:
        raise SystemExit("--workers > 1 needs --state PATH: workers share state through it")
    if args.control_token is not None and not args.control_token.strip():
        raise SystemExit("--control-token must not be empty")
    return Settings(
        fixtures=args.fixtures,
        spec=args.spec.resolve(),
        seed=args.seed,
        tokens=args.tokens,
        strict_responses=args.strict,
        manual_clock=args.manual_clock,
        durations=lifecycle.Durations(args.pending_seconds, args.run_seconds, args.abort_seconds),
        max_body=args.max_body_bytes,
        rate_limit=args.rate_limit,
        outcome=args.outcome,
        state=args.state,
        max_json_depth=args.max_json_depth,
        max_argument_bytes=args.max_argument_bytes,
        request_log_bytes=args.request_log_bytes,
        max_header_bytes=args.max_header_bytes,
        keep_alive_seconds=args.keep_alive_seconds,
        request_timeout=args.request_timeout,
        allowed_hosts=allowed_hosts,
        control_token=args.control_token,
        **tool_settings(args),
    )


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with the access log on stderr too: stdout carries the banner only,
    so a parent that reads it once and never again cannot stall the mock by not reading."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    return config


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    settings_from(args, None)  # refuse bad combinations before anything else
    # Bind first, so that port 0 can report the port it got, and the Host check knows it.
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this; without it each response waits on Nagle's algorithm and
    # the client's delayed ACK (about 40 ms), since uvloop does not set it on sockets handed in.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((args.host, args.port))
    except (OSError, OverflowError) as exc:
        sys.exit(f"mock_server: cannot listen on {args.host}:{args.port}: {exc}")
    host, port = sock.getsockname()[:2]
    settings = settings_from(args, allowed_hosts_for(host, port, args.allow_host))
    try:
        app = create_app(settings)  # also checks fixtures, tokens and state before serving
    except (FixtureError, TokensFileError, StateFileError, SpecError) as exc:
        sys.exit(f"mock_server: refusing to start: {exc}")
    sock.listen(BACKLOG)
    # Only now: a client that reads the banner can connect at once.
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    print(f"Northflank mock listening on {url} (Swagger UI: {url}{UI_PATH}/)", flush=True)
    common: dict[str, Any] = {
        "log_level": args.log_level,
        "log_config": log_config(),
        "access_log": args.access_log,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "backlog": BACKLOG,
    }
    if args.reload:
        serve_reloading(settings, sock, common)
        return
    config = server_config(
        app if args.workers == 1 else "mock_server.app:app_from_environment",
        settings,
        factory=args.workers > 1,
        workers=args.workers,
        **common,
    )
    if args.workers == 1:
        server = uvicorn.Server(config)
        settle_heap()
        server.run(sockets=[sock])  # with the loop uvicorn chooses: uvloop when installed
        return
    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    Multiprocess(config, sockets=[sock]).run()

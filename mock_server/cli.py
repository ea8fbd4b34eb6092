"""`python -m mock_server`: run the mock under uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from .app import SETTINGS_VARIABLE, create_app, settle_heap
from .domain import lifecycle
from .domain.auth import TokensFileError
from .http.connexion_adapter import UI_PATH
from .settings import DEFAULT_MAX_BODY, Settings
from .spec import SPEC_PATH, SpecError
from .storage.fixtures import DEFAULT_FIXTURES, FixtureError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m mock_server",
        description="An offline Northflank: the release endpoints, served from fixtures.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default %(default)s)"
    )
    parser.add_argument(
        "--port", type=int, default=4010, help="port; 0 picks a free one (default %(default)s)"
    )
    parser.add_argument(
        "--fixtures", type=Path, default=DEFAULT_FIXTURES, help="fixture folder to serve"
    )
    parser.add_argument(
        "--spec",
        type=Path,
        default=SPEC_PATH,
        help="OpenAPI document to serve (default: the project's openapi/northflank.yaml)",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="seed for new run ids (deterministic runs)"
    )
    parser.add_argument(
        "--tokens", type=Path, default=None, help="tokens file: turns on permission checks"
    )
    parser.add_argument(
        "--strict", action="store_true", help="validate every response against the spec"
    )
    parser.add_argument(
        "--manual-clock", action="store_true", help="time moves only via POST /_mock/clock"
    )
    parser.add_argument(
        "--pending-seconds",
        type=float,
        default=lifecycle.Durations.pending,
        help="seconds a new run stays pending (default %(default)s)",
    )
    parser.add_argument(
        "--run-seconds",
        type=float,
        default=lifecycle.Durations.running,
        help="seconds a run stays running (default %(default)s)",
    )
    parser.add_argument(
        "--abort-seconds",
        type=float,
        default=lifecycle.Durations.aborting,
        help="seconds an abort stays aborting (default %(default)s)",
    )
    parser.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY,
        help="largest request body accepted (default %(default)s)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
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
        type=Path,
        default=None,
        help="keep state in this SQLite file: it survives restarts and is shared by --workers",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes; more than 1 needs --state"
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
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    if args.workers < 1:
        raise SystemExit("--workers must be >= 1")
    if args.workers > 1 and args.state is None:
        raise SystemExit("--workers > 1 needs --state PATH: workers share state through it")
    for name in ("pending_seconds", "run_seconds", "abort_seconds"):
        if getattr(args, name) < 0:
            raise SystemExit(f"--{name.replace('_', '-')} must be >= 0")
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
    )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    settings = settings_from(args)
    try:
        app = create_app(settings)  # also checks fixtures and tokens before anything listens
    except (FixtureError, TokensFileError, SpecError) as exc:
        sys.exit(f"mock_server: refusing to start: {exc}")
    # Bind first, so that port 0 can report the port it got before serving.
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this; without it each response waits on Nagle's algorithm and
    # the client's delayed ACK (about 40 ms), since uvloop does not set it on sockets handed in.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sys.exit(f"mock_server: cannot listen on {args.host}:{args.port}: {exc}")
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    print(f"Northflank mock listening on {url} (Swagger UI: {url}{UI_PATH}/)", flush=True)
    common = {"log_level": args.log_level, "access_log": args.access_log, "lifespan": "on"}
    if args.workers == 1:
        server = uvicorn.Server(uvicorn.Config(app, **common))
        settle_heap()
        server.run(sockets=[sock])  # with the loop uvicorn chooses: uvloop when installed
        return
    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    config = uvicorn.Config(
        "mock_server.app:app_from_environment", factory=True, workers=args.workers, **common
    )
    sock.listen(2048)
    Multiprocess(config, sockets=[sock]).run()

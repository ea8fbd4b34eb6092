"""`python -m mock_server`: run the mock under uvicorn."""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys
from pathlib import Path

import uvicorn

from . import lifecycle
from .app import Settings, create_app
from .auth import TokensFileError
from .fixtures import DEFAULT_FIXTURES, FixtureError


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
        default=1024 * 1024,
        help="largest request body accepted (default %(default)s)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=None,
        help="requests per hour per token before 429 (default: count only)",
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
    for name in ("pending_seconds", "run_seconds", "abort_seconds"):
        if getattr(args, name) < 0:
            raise SystemExit(f"--{name.replace('_', '-')} must be >= 0")
    return Settings(
        fixtures=args.fixtures,
        seed=args.seed,
        tokens=args.tokens,
        strict_responses=args.strict,
        manual_clock=args.manual_clock,
        durations=lifecycle.Durations(args.pending_seconds, args.run_seconds, args.abort_seconds),
        max_body=args.max_body_bytes,
        rate_limit=args.rate_limit,
    )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(settings_from(args))
    except (FixtureError, TokensFileError) as exc:
        sys.exit(f"mock_server: refusing to start: {exc}")
    # Bind first, so that port 0 can report the port it got before serving.
    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        sys.exit(f"mock_server: cannot listen on {args.host}:{args.port}: {exc}")
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"Northflank mock listening on http://{shown}:{port} (Swagger UI: http://{shown}:{port}/ui/)",
        flush=True,
    )
    config = uvicorn.Config(
        app, log_level=args.log_level, access_log=args.access_log, lifespan="on"
    )
    server = uvicorn.Server(config)
    asyncio.run(server.serve(sockets=[sock]))


if __name__ == "__main__":
    main()

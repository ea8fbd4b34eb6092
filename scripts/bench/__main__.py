"""`python -m scripts.bench` (`make bench`): see scripts/bench/__init__.py."""

from __future__ import annotations

import argparse

from . import __doc__ as overview
from .client_cost import measure_client
from .client_modes import measure_client_modes
from .inprocess import measure_requests
from .load import measure_servers
from .report import print_table, verdicts, write
from .scale import measure_scale
from .tools import ensure_wrk


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench", description=(overview or "").splitlines()[0]
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=5.0,
        help="seconds of load per scenario and round (default %(default)s)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds of every server and scenario; each keeps its best (default %(default)s)",
    )
    parser.add_argument(
        "--connections", type=int, default=32, help="concurrent connections (default %(default)s)"
    )
    parser.add_argument("--no-prism", action="store_true", help="skip Prism (no npm here)")
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="stored runs for the scale test"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    wrk = ensure_wrk()
    print(
        f"load: wrk, 1 thread, {args.connections} connections, "
        f"{args.duration:g} s per scenario, one server at a time, best of {args.rounds} rounds"
    )
    results, startups, rounds = measure_servers(args, wrk)
    print("in-process (whole app, no server):")
    in_process = measure_requests()
    print("scale (in-process, whole app):")
    scale = measure_scale([int(size) for size in args.sizes.split(",")])
    print("client parsing:")
    client = measure_client()
    print("generated client, in-process against over HTTP (one call at a time):")
    client_modes = measure_client_modes()
    print_table(results, startups)
    checks = verdicts(results, startups, scale)
    for label, ok, value in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {label}: {value}")
    write(
        args,
        {
            "servers": results,
            "rounds_rps": rounds,
            "startup_seconds": startups,
            "in_process_us": in_process,
            "scale": scale,
            "client": client,
            "client_calls_per_second": client_modes,
            "targets": [
                {"target": label, "met": ok, "value": value} for label, ok, value in checks
            ],
        },
    )


if __name__ == "__main__":
    main()

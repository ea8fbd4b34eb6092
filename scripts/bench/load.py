"""Load from wrk: one run against one server and scenario, and the rounds over all of them."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile

from .scenarios import CACHE, SCENARIOS, TOKEN, Scenario
from .servers import Server, capture_answers, command_for, free_port
from .tools import ensure_prism

Results = dict[str, dict[str, dict[str, float]]]  # server -> scenario -> stats


def run_wrk(
    wrk: str, url: str, scenario: Scenario, seconds: float, connections: int
) -> dict[str, float]:
    script = (
        f'wrk.method = "{scenario.method}"\n'
        f'wrk.headers["Authorization"] = "Bearer {TOKEN}"\n'
        'wrk.headers["Accept"] = "application/json"\n'
    )
    if scenario.body is not None:
        script += 'wrk.headers["Content-Type"] = "application/json"\n'
        script += f"wrk.body = {json.dumps(scenario.body)}\n"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        result = subprocess.run(
            [wrk, "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "-s", handle.name,
             url + scenario.path],
            capture_output=True, text=True, check=True, timeout=seconds + 60,
        )  # fmt: skip
    finally:
        os.unlink(handle.name)
    return parse_wrk(result.stdout)


def _milliseconds(text: str) -> float:
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
    for unit in ("us", "ms", "s", "m"):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * units[unit]
    return float(text)


def parse_wrk(output: str) -> dict[str, float]:
    stats: dict[str, float] = {"non2xx": 0.0, "errors": 0.0}
    for line in output.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            stats["rps"] = float(parts[1])
        elif parts[:1] == ["50%"]:
            stats["p50_ms"] = _milliseconds(parts[1])
        elif parts[:1] == ["99%"]:
            stats["p99_ms"] = _milliseconds(parts[1])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            stats["non2xx"] = float(parts[-1])
        elif line.strip().startswith("Socket errors:"):
            stats["errors"] = float(
                sum(int(p.rstrip(",")) for p in parts if p.rstrip(",").isdigit())
            )
    return stats


def measure_servers(
    args: argparse.Namespace, wrk: str
) -> tuple[Results, dict[str, float], dict[str, dict[str, list[float]]]]:
    """Each server's best of `args.rounds` rounds per scenario, its time to first 200, and the
    req/s of every round (for the JSON: the noise is part of the result).

    A round starts each server in turn, fresh, and loads it alone. The machine is shared:
    another tenant's burst can halve one round, so every server gets the same chances and
    keeps its best."""
    answers = CACHE / "bench-floor-answers.json"
    prism = None if args.no_prism else ensure_prism()
    names = ["ours", "floor"] + ([] if args.no_prism else ["prism"])
    startups: dict[str, float] = {}
    for name in names:
        if name != "floor":  # time to first 200: the best of three fresh starts
            times = []
            for _ in range(3):
                port = free_port()
                probe = Server(name, command_for(name, port, prism, answers), port)
                probe.stop()
                times.append(probe.startup)
            startups[name] = min(times)
    results: Results = {name: {} for name in names}
    every: dict[str, dict[str, list[float]]] = {name: {} for name in names}  # req/s per round
    for round_number in range(1, args.rounds + 1):
        for name in names:
            port = free_port()
            server = Server(name, command_for(name, port, prism, answers), port)
            try:
                if name == "ours" and round_number == 1:
                    CACHE.mkdir(exist_ok=True)
                    answers.write_text(json.dumps(capture_answers(server.url)))
                run_wrk(wrk, server.url, SCENARIOS[0], 2, args.connections)  # warm up
                for scenario in SCENARIOS:
                    stats = run_wrk(wrk, server.url, scenario, args.duration, args.connections)
                    every[name].setdefault(scenario.name, []).append(stats["rps"])
                    best = results[name].get(scenario.name)
                    if best is None or stats["rps"] > best["rps"]:
                        results[name][scenario.name] = stats
                    print(
                        f"  round {round_number} {name:6} {scenario.name:17} "
                        f"{stats['rps']:9.0f} req/s  "
                        f"p50 {stats['p50_ms']:7.2f} ms  p99 {stats['p99_ms']:7.2f} ms"
                        + (f"  ({stats['non2xx']:.0f} not 2xx)" if stats["non2xx"] else ""),
                        flush=True,
                    )
            finally:
                server.stop()
    for name, scenarios in every.items():
        for scenario_name, rounds in scenarios.items():
            print(f"  {name:6} {scenario_name:17} rounds: {', '.join(f'{r:.0f}' for r in rounds)}")
    return results, startups, every

"""`make bench`: the mock measured side by side with Prism and a raw ASGI floor, on this machine.

Each server runs alone, on 127.0.0.1, with one worker and no access log, and gets the same
requests from the same load generator (wrk, same threads, connections and duration):

    list runs       GET  .../release-flows/development/runs?per_page=50
    run details     GET  .../release-flows/development/runs/<the reference run>
    run release     POST .../release-flows/development/runs   (a valid body, validated)

Also measured: time from process start to the first 200; list latency with 1k, 10k and 100k
stored runs (first page and a deep cursor page) and memory per stored run; and the generated
client's cost to parse a 100-run page and a full run-details payload against json.loads alone.

The table is printed and written as JSON to bench-results/ for comparison over time. Ratios
measured in the same run are what count: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / ".cache"
RESULTS = ROOT / "bench-results"
PRISM_VERSION = "5.16.0"
PRISM = CACHE / "prism" / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "openapi" / "northflank.yaml"
TOKEN = "bench-token"
STAGE = "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"
EXAMPLE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
POST_BODY = json.dumps(
    {"name": "Bench run", "description": "A run started by the benchmark.", "arguments": {"A": "1"}}
)


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    body: str | None = None


SCENARIOS = [
    Scenario("list runs", "GET", f"{STAGE}?per_page=50"),
    Scenario("run details", "GET", f"{STAGE}/{EXAMPLE_RUN}"),
    Scenario("run release flow", "POST", STAGE, POST_BODY),
]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk with apt-get ...", flush=True)
        install = ["apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, capture_output=True, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=False)
            subprocess.run(install, capture_output=True, check=False)
        found = shutil.which("wrk")
        if found:
            return found
    sys.exit("make bench needs wrk: install it with `sudo apt-get install wrk` (Debian/Ubuntu)")


def ensure_prism() -> Path:
    if PRISM.exists():
        return PRISM
    if not shutil.which("npm"):
        sys.exit("make bench needs npm to install @stoplight/prism-cli (or run with --no-prism)")
    print(
        f"installing @stoplight/prism-cli@{PRISM_VERSION} into {PRISM.parent.parent.parent} ...",
        flush=True,
    )
    subprocess.run(
        ["npm", "install", "--prefix", str(CACHE / "prism"), "--no-audit", "--no-fund",
         "--loglevel=error", f"@stoplight/prism-cli@{PRISM_VERSION}"],
        check=True,
    )  # fmt: skip
    return PRISM


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """One server process; `startup` is seconds from spawn to its first 200."""

    def __init__(self, name: str, command: list[str], port: int) -> None:
        self.name = name
        self.url = f"http://127.0.0.1:{port}"
        # A file, not a pipe: nobody reads a pipe while the server runs, and a full one would
        # stall a server that logs under load.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop(), with the server
        started = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.errors
        )
        deadline = started + 60
        with httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {TOKEN}"}
        ) as client:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    error = self.error_output()
                    self.stop()
                    raise RuntimeError(f"{name} exited: {error}")
                try:
                    if client.get(SCENARIOS[1].path, timeout=1).status_code == 200:
                        self.startup = time.perf_counter() - started
                        return
                except httpx.TransportError:
                    time.sleep(0.005)
        self.stop()
        raise RuntimeError(f"{name} did not answer within 60 s")

    def error_output(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.errors.close()


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


def capture_answers(url: str) -> dict[str, str]:
    """The mock's own answers, for the floor to repeat byte for byte."""
    answers = {}
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for scenario in SCENARIOS:
            response = client.request(
                scenario.method,
                scenario.path,
                content=scenario.body,
                headers={"Content-Type": "application/json"},
            )
            answers[f"{scenario.method} {scenario.path.split('?')[0]}"] = response.text
    return answers


def command_for(name: str, port: int, prism: Path | None, answers: Path) -> list[str]:
    if name == "ours":
        return [sys.executable, "-m", "mock_server", "--host", "127.0.0.1", "--port", str(port),
                "--log-level", "warning", "--no-access-log"]  # fmt: skip
    if name == "floor":
        return [sys.executable, str(ROOT / "scripts" / "bench_floor.py"), str(answers), str(port)]
    assert prism is not None
    return [str(prism), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "-v", "silent"]


def measure_servers(
    args: argparse.Namespace, wrk: str
) -> tuple[
    dict[str, dict[str, dict[str, float]]], dict[str, float], dict[str, dict[str, list[float]]]
]:
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
    results: dict[str, dict[str, dict[str, float]]] = {name: {} for name in names}
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


def _asgi_get(app: Any, path: str, query: bytes) -> tuple[int, bytes]:
    return asyncio.run(_asgi_get_async(app, path, query))


async def _asgi_get_async(app: Any, path: str, query: bytes) -> tuple[int, bytes]:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"bench"), (b"authorization", f"Bearer {TOKEN}".encode())],
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def measure_scale(sizes: list[int]) -> dict[str, dict[str, float]]:
    """List latency (in-process, full app) and memory per run with `size` stored runs.

    Every size's app is built first, then all are timed in turns, in one event loop, keeping
    each one's best: a noisy second slows every size alike rather than whichever was next."""
    from mock_server.app import Settings, create_app
    from mock_server.domain.clock import Clock
    from mock_server.storage.fixtures import DEFAULT_FIXTURES, load_dataset
    from mock_server.domain.pagination import encode_cursor
    from mock_server.storage.store import Store

    cases: list[tuple[int, str, Any, bytes]] = []  # size, label, app, query
    memory: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            data = Path(scratch) / str(size)
            shutil.copytree(DEFAULT_FIXTURES, data)
            runs_file = data / STAGE.removeprefix("/v1/").removesuffix("/runs") / "runs.json"
            runs_file.write_text(json.dumps(_scale_runs(size)))
            dataset = load_dataset(data)
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            store = Store(dataset, Clock())
            after = tracemalloc.get_traced_memory()[0]
            tracemalloc.stop()
            del store
            other_runs = sum(len(s.runs) for s in dataset.stages.values()) - size
            builds = sum(len(j.builds) for j in dataset.jobs.values())
            memory[size] = (after - before) / (size + other_runs + builds)
            app = create_app(Settings(fixtures=data))
            deep = encode_cursor("runs:demo-project/demo-pipeline/development", size // 2)
            for label, query in (
                ("first page", b"per_page=50"),
                ("deep page", f"per_page=50&cursor={deep}".encode()),
            ):
                status, body = _asgi_get(app, STAGE, query)
                assert status == 200 and len(json.loads(body)["data"]["runs"]) == 50, body[:200]
                cases.append((size, label, app, query))

    async def timed() -> dict[tuple[int, str], float]:
        best: dict[tuple[int, str], float] = {}
        for _ in range(10):
            for size, label, app, query in cases:
                started = time.perf_counter()
                for _ in range(200):
                    await _asgi_get_async(app, STAGE, query)
                seconds = (time.perf_counter() - started) / 200
                best[size, label] = min(seconds, best.get((size, label), seconds))
        return best

    best = asyncio.run(timed())
    results: dict[str, dict[str, float]] = {}
    for size in sizes:
        first, deep_us = best[size, "first page"] * 1e6, best[size, "deep page"] * 1e6
        results[str(size)] = {
            "first_page_us": first,
            "deep_page_us": deep_us,
            "bytes_per_run": memory[size],
        }
        print(
            f"  {size:>7} runs: first page {first:7.0f} us, deep page {deep_us:7.0f} us, "
            f"{memory[size]:6.0f} bytes per stored item",
            flush=True,
        )
    return results


def _scale_runs(size: int) -> list[dict[str, Any]]:
    """`size` concluded runs, a minute apart."""
    base = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
    runs = []
    for index in range(size):
        stamp = (
            datetime.fromtimestamp(base + index * 60, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        times = dict.fromkeys(("startedAt", "concludedAt", "createdAt", "updatedAt"), stamp)
        runs.append({"id": f"run-{index:07d}", "status": "success", "concluded": True, **times})
    return runs


def measure_client() -> dict[str, dict[str, float]]:
    """Parsing with the generated client against json.loads alone, on the same bytes."""
    from northflank_release_client.models import (
        ReleaseFlowRunListResponse,
        ReleaseFlowRunResponse,
    )

    from mock_server.app import Settings, create_app

    app = create_app(Settings())
    _, page = _asgi_get(app, STAGE, b"per_page=100")
    production = STAGE.replace("development", "production")
    newest = json.loads(_asgi_get(app, production, b"per_page=1")[1])["data"]["runs"][0]["id"]
    _, details = _asgi_get(app, f"{production}/{newest}", b"")
    payloads: list[tuple[str, bytes, Any]] = [
        ("100-run list page", page, ReleaseFlowRunListResponse),
        ("run details", details, ReleaseFlowRunResponse),
    ]
    results = {}
    loops = 200
    for label, payload, model in payloads:

        def raw(payload: bytes = payload) -> Any:
            return json.loads(payload)

        def parsed(payload: bytes = payload, model: Any = model) -> Any:
            return model.from_dict(json.loads(payload))

        raw_us = min(timeit.repeat(raw, number=loops, repeat=5)) / loops * 1e6
        parsed_us = min(timeit.repeat(parsed, number=loops, repeat=5)) / loops * 1e6
        results[label] = {
            "bytes": len(payload),
            "json_loads_us": raw_us,
            "client_us": parsed_us,
            "ratio": parsed_us / raw_us,
        }
        print(
            f"  {label:18} {len(payload):7} bytes: json.loads {raw_us:8.1f} us, "
            f"generated client {parsed_us:8.1f} us ({parsed_us / raw_us:.1f}x)",
            flush=True,
        )
    return results


def verdicts(
    results: dict[str, dict[str, dict[str, float]]],
    startups: dict[str, float],
    scale: dict[str, dict[str, float]],
) -> list[tuple[str, bool, str]]:
    ours = results["ours"]
    checks: list[tuple[str, bool, str]] = []
    prism = results.get("prism")
    if prism:
        for name in ("list runs", "run details", "run release flow"):
            ratio = ours[name]["rps"] / prism[name]["rps"]
            checks.append((f"{name}: >= 2x Prism req/s", ratio >= 2, f"{ratio:.2f}x"))
        for name in ("list runs", "run details"):
            checks.append(
                (
                    f"{name}: p99 <= Prism's",
                    ours[name]["p99_ms"] <= prism[name]["p99_ms"],
                    f"{ours[name]['p99_ms']:.1f} vs {prism[name]['p99_ms']:.1f} ms",
                )
            )
    floor = ours["list runs"]["rps"] / results["floor"]["list runs"]["rps"]
    checks.append(("list runs: >= 0.2x the floor", floor >= 0.2, f"{floor:.2f}x"))
    checks.append(("start to first 200 < 1 s", startups["ours"] < 1.0, f"{startups['ours']:.2f} s"))
    if "1000" in scale and "100000" in scale:
        for label in ("first_page_us", "deep_page_us"):
            growth = scale["100000"][label] / scale["1000"][label]
            checks.append(
                (
                    f"list {label.split('_')[0]} page flat 1k -> 100k (<= 1.5x)",
                    growth <= 1.5,
                    f"{growth:.2f}x",
                )
            )
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
    args = parser.parse_args()
    wrk = ensure_wrk()
    print(
        f"load: wrk, 1 thread, {args.connections} connections, "
        f"{args.duration:g} s per scenario, one server at a time, best of {args.rounds} rounds"
    )
    results, startups, rounds = measure_servers(args, wrk)
    print("scale (in-process, whole app):")
    scale = measure_scale([int(size) for size in args.sizes.split(",")])
    print("client parsing:")
    client = measure_client()

    servers = list(results)
    print()
    print(
        "| scenario | "
        + " | ".join(f"{s} req/s | {s} p50 ms | {s} p99 ms" for s in servers)
        + " | ours/prism | ours/floor |"
    )
    print("|---" * (1 + 3 * len(servers) + 2) + "|")
    for scenario in SCENARIOS:
        row = [scenario.name]
        for server in servers:
            stats = results[server][scenario.name]
            row += [f"{stats['rps']:.0f}", f"{stats['p50_ms']:.2f}", f"{stats['p99_ms']:.2f}"]
        ours = results["ours"][scenario.name]["rps"]
        row.append(
            f"{ours / results['prism'][scenario.name]['rps']:.2f}x" if "prism" in results else "-"
        )
        row.append(f"{ours / results['floor'][scenario.name]['rps']:.2f}x")
        print("| " + " | ".join(row) + " |")
    print(
        "| start to first 200 | "
        + " | ".join(f"{startups[s]:.2f} s" if s in startups else "-" for s in servers)
        + " |"
    )
    print()
    checks = verdicts(results, startups, scale)
    for label, ok, value in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {label}: {value}")
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load": {"tool": "wrk", "threads": 1, "connections": args.connections,
                 "seconds": args.duration, "rounds": args.rounds},
        "servers": results, "rounds_rps": rounds, "startup_seconds": startups,
        "scale": scale, "client": client,
        "targets": [{"target": label, "met": ok, "value": value} for label, ok, value in checks],
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(report, indent=2))
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    print(f"\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""The benchmark's own logic. make bench itself needs wrk and Prism, so it is not run here: its
parts are, with the real mock and floor, and a stand-in for the load generator."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scripts.bench import __main__ as cli
from scripts.bench import client_modes, inprocess, load, scale, tools
from scripts.bench.client_cost import measure_client
from scripts.bench.load import parse_wrk
from scripts.bench.report import verdicts
from scripts.bench.scenarios import SCENARIOS

WRK_OUTPUT = """Running 8s test @ http://127.0.0.1:4010/v1/x
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.10ms    3.51ms  60.00ms   90.00%
    Req/Sec     2.66k   150.00     2.90k    70.00%
  Latency Distribution
     50%   11.53ms
     75%   13.00ms
     90%   15.00ms
     99%    1.20s
  21304 requests in 8.00s, 30.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:   2662.96
Transfer/sec:      3.75MB
"""


def test_parse_wrk_reads_rate_percentiles_and_failures() -> None:
    stats = parse_wrk(WRK_OUTPUT)
    assert stats == {
        "rps": 2662.96,
        "p50_ms": 11.53,
        "p99_ms": 1200.0,
        "non2xx": 7.0,
        "errors": 3.0,
    }


def _server(rps: float, p99: float) -> dict[str, dict[str, float]]:
    return {
        name: {"rps": rps, "p99_ms": p99}
        for name in ("list runs", "run details", "run release flow")
    }


def test_verdicts_are_ratios_within_one_run() -> None:
    results = {"ours": _server(5000, 10), "prism": _server(2000, 20), "floor": _server(20000, 2)}
    scale = {
        "1000": {"first_page_us": 100.0, "deep_page_us": 100.0},
        "100000": {
            "first_page_us": 160.0,
            "deep_page_us": 120.0,
            "status_filter_us": 900.0,
            "concluded_filter_us": 4000.0,
        },
    }
    checks = {label: ok for label, ok, _ in verdicts(results, {"ours": 0.5}, scale)}
    assert checks["list runs: >= 2x Prism req/s"] is True
    assert checks["list runs: p99 <= Prism's"] is True
    assert checks["list runs: >= 0.2x the floor"] is True
    assert checks["start to first 200 < 1 s"] is True
    assert checks["list first page flat 1k -> 100k (<= 1.5x)"] is False
    assert checks["list deep page flat 1k -> 100k (<= 1.5x)"] is True
    assert checks["list status filter at 100k runs <= 3000 us"] is True
    assert checks["list concluded filter at 100k runs <= 3000 us"] is False


def test_each_server_keeps_its_best_round_and_every_round_is_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real mock and floor start each round; the load generator is stood in for."""
    monkeypatch.setattr(load, "CACHE", tmp_path)
    rates = iter(range(1, 1000))

    def fake_wrk(wrk: str, url: str, scenario: Any, seconds: float, connections: int) -> Any:
        assert url.startswith("http://127.0.0.1:")
        return {"rps": float(next(rates)), "p50_ms": 1.0, "p99_ms": 2.0, "non2xx": 0.0}

    monkeypatch.setattr(load, "run_wrk", fake_wrk)
    args = argparse.Namespace(no_prism=True, rounds=2, duration=1, connections=4)
    results, startups, rounds = load.measure_servers(args, "wrk")
    assert set(results) == set(rounds) == {"ours", "floor"}
    assert set(startups) == {"ours"} and 0 < startups["ours"] < 60
    for name in ("ours", "floor"):
        for scenario in SCENARIOS:
            every = rounds[name][scenario.name]
            assert len(every) == 2 and every[0] < every[1]  # later rounds got higher stand-in rates
            assert results[name][scenario.name]["rps"] == max(every)
    # The floor repeats the mock's own answers, captured from the running mock.
    answers = json.loads((tmp_path / "bench-floor-answers.json").read_text())
    assert {key.split()[0] for key in answers} == {"GET", "POST"}
    assert all(json.loads(body)["data"] for body in answers.values())


def test_the_scale_test_reports_every_size() -> None:
    sizes = scale.measure_scale([200, 400])  # a deep page needs 50 runs past the middle
    assert set(sizes) == {"200", "400"}
    for size in sizes.values():
        assert size["first_page_us"] > 0 and size["deep_page_us"] > 0
        assert size["status_filter_us"] > 0 and size["concluded_filter_us"] > 0
        assert 100 < size["bytes_per_run"] < 10_000


def test_the_client_cost_compares_the_same_bytes() -> None:
    client = measure_client()
    assert set(client) == {"100-run list page", "run details"}
    for payload in client.values():
        assert payload["bytes"] > 0 and payload["json_loads_us"] > 0
        assert payload["ratio"] == payload["client_us"] / payload["json_loads_us"]


def test_the_in_process_cost_is_measured_for_every_scenario() -> None:
    costs = inprocess.measure_requests(loops=20, rounds=2)
    assert set(costs) == {scenario.name for scenario in SCENARIOS}
    assert all(0 < micros < 100_000 for micros in costs.values())


def test_the_client_is_measured_in_process_and_over_http() -> None:
    rates = client_modes.measure_client_modes(calls=5, rounds=1)
    assert set(rates) == {scenario.name for scenario in SCENARIOS}
    for modes in rates.values():
        assert modes["in_process"] > 0 and modes["http"] > 0
        assert modes["ratio"] == modes["in_process"] / modes["http"]


def test_installing_a_tool_says_what_where_and_why_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: Any) -> Any:
        calls.append(command)
        assert "Installing @stoplight/prism-cli@" in capsys.readouterr().out  # said before
        return None

    monkeypatch.setattr(tools, "PRISM", tmp_path / "missing" / "prism")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(subprocess, "run", fake_run)
    tools.ensure_prism()
    assert calls and calls[0][:2] == ["npm", "install"]


def test_the_command_line_takes_the_documented_options() -> None:
    args = cli.parse_args(["--duration", "2", "--rounds", "3", "--no-prism", "--sizes", "10"])
    assert (args.duration, args.rounds, args.no_prism, args.sizes) == (2.0, 3, True, "10")

"""The targets, the table, and the JSON record of a run."""

from __future__ import annotations

import argparse
import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .load import Results
from .scenarios import RESULTS, ROOT, SCENARIOS

FILTER_TARGET_US = 3000  # "a few milliseconds" for a filtered page at 100,000 stored runs


def verdicts(
    results: Results, startups: dict[str, float], scale: dict[str, dict[str, float]]
) -> list[tuple[str, bool, str]]:
    """Each target: its label, whether this run met it, and the measured value."""
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
    if "100000" in scale:
        for label in ("status_filter_us", "concluded_filter_us"):
            micros = scale["100000"].get(label)
            if micros is not None:
                checks.append(
                    (
                        f"list {label.split('_')[0]} filter at 100k runs <= {FILTER_TARGET_US} us",
                        micros <= FILTER_TARGET_US,
                        f"{micros:.0f} us",
                    )
                )
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


def print_table(results: Results, startups: dict[str, float]) -> None:
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


def write(args: argparse.Namespace, measured: dict[str, Any]) -> Path:
    """The run as JSON in bench-results/ (and as latest.json); returns the file written."""
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load": {"tool": "wrk", "threads": 1, "connections": args.connections,
                 "seconds": args.duration, "rounds": args.rounds},
        **measured,
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(report, indent=2))
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    print(f"\nwritten to {path.relative_to(ROOT)}")
    return path

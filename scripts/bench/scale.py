"""List latency with many stored runs (in-process, the whole app): the first page, a deep page
by cursor, and first pages filtered by `status` and by `concluded`; and memory per stored run."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .inprocess import call, get, scope
from .scenarios import STAGE


def measure_scale(sizes: list[int]) -> dict[str, dict[str, float]]:
    """List latency and memory per run with `size` stored runs, for each size.

    Every size's app is built first, then all are timed in turns, in one event loop, keeping
    each one's best: a noisy second slows every size alike rather than whichever was next."""
    from mock_server import Settings, create_app
    from mock_server.domain.clock import Clock
    from mock_server.domain.pagination import encode_cursor
    from mock_server.storage.fixtures import DEFAULT_FIXTURES, load_dataset
    from mock_server.storage.store import Store

    cases: list[tuple[int, str, Any, bytes]] = []  # size, label, app, query
    # The dataset has a failure in every FAILURE_EVERY runs and a running run in every
    # RUNNING_EVERY: each filter matches a page and more at every size measured.
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
                ("status filter", b"per_page=50&status=failure"),
                ("concluded filter", b"per_page=50&concluded=false"),
            ):
                status, body = get(app, STAGE, query)
                expected = min(50, _matches(size, label))
                assert status == 200 and len(json.loads(body)["data"]["runs"]) == expected, (
                    label,
                    body[:200],
                )
                cases.append((size, label, app, query))

    async def timed() -> dict[tuple[int, str], float]:
        best: dict[tuple[int, str], float] = {}
        for _ in range(10):
            for size, label, app, query in cases:
                request = scope("GET", STAGE, query)
                started = time.perf_counter()
                for _ in range(200):
                    await call(app, request)
                seconds = (time.perf_counter() - started) / 200
                best[size, label] = min(seconds, best.get((size, label), seconds))
        return best

    best = asyncio.run(timed())
    results: dict[str, dict[str, float]] = {}
    for size in sizes:
        first, deep_us = best[size, "first page"] * 1e6, best[size, "deep page"] * 1e6
        by_status = best[size, "status filter"] * 1e6
        by_concluded = best[size, "concluded filter"] * 1e6
        results[str(size)] = {
            "first_page_us": first,
            "deep_page_us": deep_us,
            "status_filter_us": by_status,
            "concluded_filter_us": by_concluded,
            "bytes_per_run": memory[size],
        }
        print(
            f"  {size:>7} runs: first page {first:7.0f} us, deep page {deep_us:7.0f} us, "
            f"status= {by_status:7.0f} us, concluded= {by_concluded:7.0f} us, "
            f"{memory[size]:6.0f} bytes per stored item",
            flush=True,
        )
    return results


FAILURE_EVERY = 97
RUNNING_EVERY = 997


def _matches(size: int, label: str) -> int:
    """How many runs of a `size`-run dataset a case's filter matches."""
    if label == "status filter":
        return len(range(0, size, FAILURE_EVERY))
    if label == "concluded filter":
        return len([i for i in range(0, size, RUNNING_EVERY) if i % FAILURE_EVERY])
    return size


def _scale_runs(size: int) -> list[dict[str, Any]]:
    """`size` runs a minute apart: successes, with a failure every FAILURE_EVERY runs and a
    run still running every RUNNING_EVERY (spread over the whole list, so that a filter that
    walked the list would pay for it)."""
    base = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
    runs = []
    for index in range(size):
        stamp = (
            datetime.fromtimestamp(base + index * 60, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        times = dict.fromkeys(("startedAt", "concludedAt", "createdAt", "updatedAt"), stamp)
        run = {"id": f"run-{index:07d}", "status": "success", "concluded": True, **times}
        if index % FAILURE_EVERY == 0:
            run["status"] = "failure"
        elif index % RUNNING_EVERY == 0:
            run.update(status="running", concluded=False)
            del run["concludedAt"]
        runs.append(run)
    return runs

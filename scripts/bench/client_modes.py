"""Calls per second through the generated client (`Northflank`), in-process against over HTTP:
the same calls, one at a time, to a mock with no port (the pytest plugin's in-process transport)
and to a real mock process on 127.0.0.1 (`python -m mock_server`, as the load test starts it).
What a test suite gains by dropping the socket."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .scenarios import EXAMPLE_RUN, TOKEN
from .servers import Server, command_for, free_port

CALLS: list[tuple[str, Callable[[Any], Any]]] = [
    ("list runs", lambda nf: nf.pipelines.list_release_flow_runs(
        "demo-project", "demo-pipeline", "development", per_page=50)),
    ("run details", lambda nf: nf.pipelines.get_release_flow_run(
        "demo-project", "demo-pipeline", "development", EXAMPLE_RUN)),
    ("run release flow", lambda nf: nf.pipelines.run_release_flow(
        "demo-project", "demo-pipeline", "development", name="Bench run", arguments={"A": "1"})),
]  # fmt: skip


def measure_client_modes(calls: int = 300, rounds: int = 5) -> dict[str, dict[str, float]]:
    """Best calls per second of `rounds` rounds of `calls` calls, per call and mode; the modes
    take turns, so that noise hits both alike."""
    from northflank_release_client import Northflank

    from mock_server import EmbeddedMock, Settings

    port = free_port()
    server = Server("ours", command_for("ours", port), port)
    try:
        with EmbeddedMock(Settings(), listen=False) as embedded:
            clients = {
                "in_process": Northflank(
                    base_url=embedded.url,
                    api_token=TOKEN,
                    transport=embedded.transport(),
                    retry=None,
                ),
                "http": Northflank(base_url=server.url, api_token=TOKEN, retry=None),
            }
            best: dict[str, dict[str, float]] = {name: {} for name, _ in CALLS}
            for _, call in CALLS:
                for client in clients.values():
                    call(client)  # warm up: imports, connections, caches
            for _ in range(rounds):
                for name, call in CALLS:
                    for mode, client in clients.items():
                        started = time.perf_counter()
                        for _ in range(calls):
                            call(client)
                        rate = calls / (time.perf_counter() - started)
                        best[name][mode] = max(rate, best[name].get(mode, 0.0))
            for client in clients.values():
                client.close()
    finally:
        server.stop()
    for name, rates in best.items():
        rates["ratio"] = rates["in_process"] / rates["http"]
        print(
            f"  {name:17} in-process {rates['in_process']:7.0f} calls/s, "
            f"over HTTP {rates['http']:7.0f} calls/s ({rates['ratio']:.2f}x)",
            flush=True,
        )
    return best


if __name__ == "__main__":
    measure_client_modes()

"""Requests straight into the mock's ASGI app, with no server or socket: what a request costs
the mock itself. Also the way the scale test and the client cost get their payloads."""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

from .scenarios import SCENARIOS, TOKEN, Scenario

Scope = dict[str, Any]


def scope(method: str, path: str, query: bytes = b"", body: bytes = b"") -> Scope:
    headers = [(b"host", b"bench"), (b"authorization", f"Bearer {TOKEN}".encode())]
    if body:
        headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
        "root_path": "", "headers": headers,
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip


async def call(app: Any, request: Scope, body: bytes = b"") -> tuple[int, bytes]:
    """One request through `app`: its status and body."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(dict(request), receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def get(app: Any, path: str, query: bytes = b"") -> tuple[int, bytes]:
    return asyncio.run(call(app, scope("GET", path, query)))


def _case(scenario: Scenario) -> tuple[Scope, bytes]:
    path, _, query = scenario.path.partition("?")
    body = (scenario.body or "").encode()
    return scope(scenario.method, path, query.encode(), body), body


def measure_requests(loops: int = 1000, rounds: int = 7) -> dict[str, float]:
    """Microseconds per request of each scenario through the whole app, in-process: the best
    of `rounds` rounds of `loops` requests, taken in turns so that noise hits all alike."""
    from mock_server import Settings, create_app
    from mock_server.app import settle_heap

    # With the Host check on, as the command line turns it on for a server.
    app = create_app(Settings(allowed_hosts=("bench",)))
    cases = [(scenario.name, *_case(scenario)) for scenario in SCENARIOS]

    async def timed() -> dict[str, float]:
        for name, request, body in cases:
            status, answer = await call(app, request, body)
            assert status == 200, (name, answer[:200])
        settle_heap()  # as the server does before it serves
        best: dict[str, float] = {}
        for _ in range(rounds):
            for name, request, body in cases:
                started = time.perf_counter()
                for _ in range(loops):
                    await call(app, request, body)
                micros = (time.perf_counter() - started) / loops * 1e6
                best[name] = min(micros, best.get(name, micros))
        return best

    try:
        results = asyncio.run(timed())
    finally:
        gc.unfreeze()
    for name, micros in results.items():
        print(f"  {name:17} {micros:7.1f} us per request", flush=True)
    return results


if __name__ == "__main__":
    measure_requests()

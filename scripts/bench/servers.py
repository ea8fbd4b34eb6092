"""Starting the servers under test, each alone on a free port of 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from .scenarios import ROOT, SCENARIOS, SPEC, TOKEN


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


def command_for(
    name: str, port: int, prism: Path | None = None, answers: Path | None = None
) -> list[str]:
    """How to start `ours` (the mock), `floor` (scripts/bench/floor.py) or `prism`."""
    if name == "ours":
        return [sys.executable, "-m", "mock_server", "--host", "127.0.0.1", "--port", str(port),
                "--log-level", "warning", "--no-access-log"]  # fmt: skip
    if name == "floor":
        assert answers is not None
        return [sys.executable, "-m", "scripts.bench.floor", str(answers), str(port)]
    assert prism is not None
    return [str(prism), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "-v", "silent"]


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

"""Start the real mock server (uvicorn, a free port on 127.0.0.1) in a subprocess for tests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
BANNER = re.compile(r"listening on (http://\S+)")
TOKEN = "test-token"


class MockProcess:
    """One `python -m mock_server` process. Use as a context manager, or call stop()."""

    def __init__(self, *args: str, startup_timeout: float = 30.0) -> None:
        command = [
            sys.executable, "-m", "mock_server", "--host", "127.0.0.1", "--port", "0",
            "--log-level", "warning", "--no-access-log", *args,
        ]  # fmt: skip
        # A file, not a pipe: nothing reads the log while the mock runs, and a full pipe would
        # stall it. Its stdout carries the banner only.
        self.log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.url = self._wait_for_banner(startup_timeout)
        self.client = httpx.Client(base_url=self.url, timeout=30.0)
        self._wait_until_healthy(startup_timeout)

    def _wait_for_banner(self, timeout: float) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = BANNER.search(line)
            if match:
                return match.group(1)
        self.process.kill()
        self.process.wait(timeout=10)
        raise RuntimeError(f"mock did not start (exit {self.process.returncode}):\n{self.stderr()}")

    def stderr(self) -> str:
        """What the mock has logged so far."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.client.get("/_mock/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("mock did not become healthy")

    def api(self, token: str = TOKEN) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=30.0
        )

    def reset(self) -> None:
        self.client.post("/_mock/reset").raise_for_status()

    def requests(self) -> list[dict[str, Any]]:
        response = self.client.get("/_mock/requests")
        response.raise_for_status()
        records: list[dict[str, Any]] = response.json()["requests"]
        return records

    def advance(self, seconds: float) -> float:
        response = self.client.post("/_mock/clock", json={"advance": seconds})
        response.raise_for_status()
        now: float = response.json()["now"]
        return now

    def now(self) -> float:
        now: float = self.client.get("/_mock/clock").json()["now"]
        return now

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()

    def __enter__(self) -> MockProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run_cli(*args: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    """Run `python -m mock_server ARGS` to completion (for start-up refusals)."""
    return subprocess.run(
        [sys.executable, "-m", "mock_server", "--port", "0", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip

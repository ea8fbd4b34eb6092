"""The mock as a separate process (`python -m mock_server`), for the tests of the command line
itself and of what only a process shows (worker processes, restarts, signals). Tests of the mock's
behaviour use the pytest plugin's in-process server (mock_server/pytest_plugin.py), which is faster.

A `MockProcess` is a `NorthflankMock` (the plugin's helper) for a mock in another process: the same
control helpers, clients and request checks. Its output goes to files, never to a pipe nobody
reads, so a chatty server cannot stall."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from mock_server.control_client import DEFAULT_TOKEN, NorthflankMock

ROOT = Path(__file__).resolve().parent.parent
BANNER = re.compile(r"listening on (http://\S+)")
TOKEN = DEFAULT_TOKEN


class MockProcess(NorthflankMock):
    """One `python -m mock_server` process. Use as a context manager, or call stop()."""

    def __init__(self, *args: str, startup_timeout: float = 30.0) -> None:
        command = [
            sys.executable, "-m", "mock_server", "--host", "127.0.0.1", "--port", "0",
            "--log-level", "warning", "--no-access-log", *args,
        ]  # fmt: skip
        self._output = tempfile.TemporaryDirectory(prefix="mockproc-")
        self.stdout_path = Path(self._output.name) / "stdout"
        self.stderr_path = Path(self._output.name) / "stderr"
        with self.stdout_path.open("wb") as stdout, self.stderr_path.open("wb") as stderr:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=stdout, stderr=stderr,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )  # fmt: skip
        try:
            super().__init__(url=self._wait_for_banner(startup_timeout))
            self._wait_until_healthy(startup_timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_for_banner(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = BANNER.search(self.stdout_path.read_text())
            if match:
                return match.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        self.process.kill()
        self.process.wait(timeout=10)
        raise RuntimeError(f"mock did not start (exit {self.process.returncode}):\n{self.stderr()}")

    def stderr(self) -> str:
        """What the mock has logged so far."""
        return self.stderr_path.read_text(errors="replace")

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.control.get("/_mock/health").status_code < 500:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise RuntimeError("mock did not become healthy")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if hasattr(self, "control"):  # started far enough to have clients
            self.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._output.cleanup()

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

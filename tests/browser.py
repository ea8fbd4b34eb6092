"""A real headless Chromium for tests, driven over the DevTools protocol (a websocket; the
`websockets` package the mock's server already installs). Just enough to load pages, type,
click and read the page's state. Tests that need it call `chromium_or_skip()`: without Chromium
they skip saying so, unless NORTHFLANK_MOCK_REQUIRE_BROWSER=1 (CI sets it)."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
]  # fmt: skip
LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


def chromium_or_skip() -> str:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    reason = "no Chromium here (apt-get install chromium)"
    if os.environ.get("NORTHFLANK_MOCK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NORTHFLANK_MOCK_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


class Browser:
    """One Chromium process with its own profile; stopped by its process id."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        # Chromium's helper processes may still be writing as the folder goes: no error for that.
        self._home = tempfile.TemporaryDirectory(prefix="chromium-", ignore_cleanup_errors=True)
        home = Path(self._home.name)
        self._log = home / "stderr"
        with self._log.open("wb") as log:
            # A session of its own: its helper processes (renderer, GPU, zygote) share the
            # browser's process group, and end with it.
            self.process = subprocess.Popen(
                [executable, *FLAGS, f"--user-data-dir={home / 'profile'}", "about:blank"],
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not (found := LISTENING.search(self._log.read_text(errors="replace"))):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"Chromium did not start:\n{self._log.read_text()[-3000:]}")
            time.sleep(0.05)
        self.devtools = found.group(1).split("/devtools/")[0].replace("ws://", "http://")

    @contextmanager
    def page(self) -> Iterator[Page]:
        """The browser's page, driven until the block ends."""
        with urllib.request.urlopen(f"{self.devtools}/json/list", timeout=10) as response:
            targets = json.load(response)
        (target,) = [t for t in targets if t["type"] == "page"][:1]
        with connect(target["webSocketDebuggerUrl"], max_size=None) as socket:
            yield Page(socket)

    def close(self) -> None:
        """Stop the browser and its helpers (its process group, by the browser's id)."""
        group = self.process.pid
        _signal_group(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _signal_group(group, signal.SIGKILL)
            self.process.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _signal_group(group, 0) and time.monotonic() < deadline:
            time.sleep(0.05)  # helpers still exiting
        _signal_group(group, signal.SIGKILL)
        self._home.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _signal_group(group: int, number: int) -> bool:
    """Send a signal to the process group; False when no process of it is left."""
    try:
        os.killpg(group, number)
    except ProcessLookupError:
        return False
    return True


class Page:
    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self._ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method: str, timeout: float = 30.0, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self.socket.recv(timeout=max(0.01, deadline - time.monotonic())))
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def evaluate(self, expression: str) -> Any:
        answer = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0) -> Any:
        """The value of `expression` once it is truthy."""
        deadline = time.monotonic() + timeout
        while not (value := self.evaluate(expression)):
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            time.sleep(0.1)
        return value

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def click(self, selector: str) -> None:
        self.wait_for(f"document.querySelector({json.dumps(selector)}) !== null")
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def type(self, selector: str, text: str) -> None:
        """Focus the element, type into it as a person would (input events and all), and move
        on (a blur: debounced inputs commit their value then)."""
        self.wait_for(f"document.querySelector({json.dumps(selector)}) !== null")
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).blur()")

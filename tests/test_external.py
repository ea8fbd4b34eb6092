"""The mock as another repository uses it: the README's install commands run in a clean
virtualenv outside this repository, then its command, its environment example and its pytest
example (a real-port test and an in-process test), and the in-process examples of
docs/testing.md, run there as written."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import venv
from pathlib import Path
from typing import Any

import httpx
import pytest

from scripts.generate_client import OUTPUT
from tests.readme_blocks import CHECKOUT, TESTING_DOC, blocks, commands
from tests.test_packaging import SOURCES

ROOT = Path(__file__).resolve().parent.parent


class Outside:
    """A clean virtualenv in a folder outside the repository, with the README's install done."""

    def __init__(self, home: Path) -> None:
        self.home = home
        checkout = home / "northflank-release-toolkit"
        checkout.mkdir()
        for name in SOURCES:  # what a build of the mock reads, and the client's package
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(
                    source, checkout / name, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy(source, checkout / name)
        shutil.copytree(
            OUTPUT, checkout / "generated" / OUTPUT.name,
            ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__"),
        )  # fmt: skip
        venv.create(home / "venv", with_pip=True)
        self.bin = home / "venv" / "bin"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("NORTHFLANK_", "PYTHON"))},
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
        self.project = home / "project"
        self.project.mkdir()
        self.checkout = checkout

    def shell(self, line: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """One README command line, with the README's checkout path pointing at the copy."""
        return subprocess.run(
            ["bash", "-c", line.replace(CHECKOUT, str(self.checkout))],
            cwd=self.project, env=self.env, capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Outside:
    home = tmp_path_factory.mktemp("outside")
    assert ROOT not in home.parents
    place = Outside(home)
    install = commands("Install")
    assert [line.split()[0:2] for line in install] == [
        ["pip", "install"],
        ["pip", "install"],
        ["northflank-mock", "--version"],
    ]
    for line in install:
        result = place.shell(line)
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    assert re.fullmatch(r"northflank-mock \d+\.\d+\.\d+\n", result.stdout), result.stdout
    return place


def test_the_installed_command_serves_and_stops(outside: Outside) -> None:
    log = outside.home / "mock.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(outside.bin / "northflank-mock"), "--port", "0"],
            cwd=outside.project, env=outside.env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (found := re.search(r"listening on (http://\S+)", log.read_text())):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        url = found.group(1)
        health = wait_for_health(url, server, log)
        assert health["runs"] == 250 and health["builds"] == 150  # the packaged fixtures
        spec = httpx.get(f"{url}/openapi.yaml")  # the packaged spec
        assert spec.status_code == 200 and "openapi: 3.0.3" in spec.text
    finally:
        server.terminate()
        # uvicorn shuts down cleanly, then ends by the signal it was sent, as it should.
        assert server.wait(timeout=10) in (0, -signal.SIGTERM)
    assert "Finished server process" in log.read_text()


def test_the_readme_pytest_example_passes(outside: Outside) -> None:
    (example,) = blocks("Testing with pytest", "python")
    assert len([line for line in example.splitlines() if line.strip()]) <= 10  # ten lines
    (outside.project / "test_release_script.py").write_text(example)
    result = outside.shell("python -m pytest -q -p no:cacheprovider test_release_script.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_the_readme_in_process_examples_run(outside: Outside) -> None:
    sync, asynchronous = blocks("In-process mode", "python", TESTING_DOC)
    outputs = []
    for number, code in enumerate((sync, asynchronous)):
        path = outside.project / f"in_process_{number}.py"
        path.write_text(code)
        result = outside.shell(f"python {path.name}", timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(result.stdout.strip())
    assert outputs[0] == "pending"
    assert re.fullmatch(r"[a-z]+-[a-z]+-\d+", outputs[1]), outputs[1]


def test_the_readme_environment_example(outside: Outside) -> None:
    (line,) = [line for line in commands("Running the mock") if "NORTHFLANK_MOCK_PORT" in line]
    port = free_port()
    log = outside.home / "env.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            # `exec env`: the variables as the line sets them, and the server is this process.
            ["bash", "-c", "exec env " + line.replace("4011", str(port))],
            cwd=outside.project, env=outside.env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        health = wait_for_health(f"http://127.0.0.1:{port}", server, log)
        assert health["clock"]["manual"] is True
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for_health(url: str, server: subprocess.Popen[bytes], log: Path) -> dict[str, Any]:
    """The health answer, once the server answers (the banner may come a moment before)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            health: dict[str, Any] = httpx.get(f"{url}/_mock/health").json()
            return health
        except httpx.TransportError:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)


def free_port() -> int:
    """A port free a moment ago, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port

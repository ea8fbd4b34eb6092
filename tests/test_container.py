"""The container image: built as `make image` builds it, run with host networking on a loopback
port from an environment variable, healthy by its own HEALTHCHECK, non-root, and stopped by
SIGTERM at once. Without a container engine the tests skip, saying so, unless
NORTHFLANK_MOCK_REQUIRE_CONTAINER=1 (CI sets it): then they fail."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from scripts import container
from tests.readme_blocks import CONTAINER_DOC, blocks, commands

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parent.parent

REQUIRED = os.environ.get("NORTHFLANK_MOCK_REQUIRE_CONTAINER") == "1"
# Building the image from nothing (a base made with mmdebstrap, then the build) takes minutes.
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def engine() -> str:
    try:
        return container.engine()
    except container.NoEngine as exc:
        if REQUIRED:
            pytest.fail(f"NORTHFLANK_MOCK_REQUIRE_CONTAINER=1 but {exc}")
        pytest.skip(f"no container engine here: {exc}")


@pytest.fixture(scope="module")
def image(engine: str) -> str:
    return container.build()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Running:
    def __init__(self, engine: str, container_id: str, port: int) -> None:
        self.engine, self.id = engine, container_id
        self.url = f"http://127.0.0.1:{port}"

    def engine_run(self, *args: str, check: bool = True) -> str:
        return container.run(self.engine, *args, check=check, timeout=60)

    def wait_until_serving(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/_mock/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        logs = self.engine_run("logs", self.id, check=False)
        raise AssertionError(f"the container did not serve within {timeout} s:\n{logs}")


Start = Callable[..., "Running"]


@pytest.fixture
def start(engine: str, image: str) -> Iterator[Start]:
    """start(**env) -> Running: the image with host networking (traffic stays on loopback);
    every container started is removed by its id."""
    started: list[str] = []

    def run(*options: str, **env: str) -> Running:
        port = free_port()
        variables = {"NORTHFLANK_MOCK_HOST": "127.0.0.1", "NORTHFLANK_MOCK_PORT": str(port), **env}
        args = ["run", "--detach", "--network", "host", *options]
        for name, value in variables.items():
            args += ["--env", f"{name}={value}"]
        container_id = container.run(engine, *args, image, timeout=120)
        started.append(container_id)
        running = Running(engine, container_id, port)
        running.wait_until_serving()
        return running

    try:
        yield run
    finally:
        for container_id in started:
            container.run(engine, "rm", "--force", container_id, check=False, timeout=60)


def test_it_serves_on_loopback_as_a_non_root_user_and_is_healthy(start: Start) -> None:
    mock = start(NORTHFLANK_MOCK_MANUAL_CLOCK="1")
    health = httpx.get(f"{mock.url}/_mock/health").json()
    assert health["status"] == "ok" and health["clock"]["manual"] is True  # options by env
    runs = httpx.get(
        f"{mock.url}/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs",
        headers={"Authorization": "Bearer t"},
    )
    assert runs.status_code == 200 and runs.json()["pagination"]["count"] == 50
    if mock.engine == "podman":
        # podman runs health checks from systemd timers, absent here: run it by hand.
        mock.engine_run("healthcheck", "run", mock.id)
        assert (
            mock.engine_run("inspect", "--format", "{{.State.Health.Status}}", mock.id) == "healthy"
        )
    assert mock.engine_run("exec", mock.id, "id", "-u") == "10001"
    configured = mock.engine_run("inspect", "--format", "{{.Config.User}} {{.Config.Env}}", mock.id)
    assert configured.startswith("10001:10001 ")
    assert "NORTHFLANK_MOCK_HOST=0.0.0.0" in mock.engine_run(
        "image", "inspect", "--format", "{{.Config.Env}}", "northflank-mock:latest"
    )


def test_the_health_check_fails_when_the_mock_does_not_answer(start: Start, engine: str) -> None:
    mock = start()
    # The image's HEALTHCHECK command, pointed at a port where nothing listens.
    check = subprocess.run(
        [engine, "exec", "--env", "NORTHFLANK_MOCK_PORT=1", mock.id, "python3", "-m", "mock_server.healthcheck"],
        capture_output=True, text=True, timeout=60, check=False, env=container.environment(engine),
    )  # fmt: skip
    assert check.returncode == 1
    assert "unhealthy: http://127.0.0.1:1/_mock/health" in check.stderr


def test_sigterm_stops_it_at_once(start: Start) -> None:
    mock = start()
    with httpx.Client(base_url=mock.url) as idle:  # a kept-alive connection stays open
        assert idle.get("/_mock/health").status_code == 200
        began = time.monotonic()
        mock.engine_run("stop", "--time", "10", mock.id)
        took = time.monotonic() - began
    assert took < 3, f"stopping took {took:.1f} s: SIGTERM was not handled"
    assert mock.engine_run("inspect", "--format", "{{.State.ExitCode}}", mock.id) == "0"


# The container examples of the README and docs/container.md, as written (ports and host names
# moved to a free loopback port: the tests' containers share the host's network).

SERVICE_TEST = """
def test_against_the_service(northflank_mock):
    assert northflank_mock.health()["clock"]["manual"] is True
    with northflank_mock.http() as api:
        api.post("/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs", json={})
    northflank_mock.assert_called("runReleaseFlow", times=1)
"""


def local(command: list[str], port: int) -> list[str]:
    """A README `podman run` as the tests run it: detached, on the host's network."""
    moved = [
        "--network",
        "host",
        "--env",
        "NORTHFLANK_MOCK_HOST=127.0.0.1",
        "--env",
        f"NORTHFLANK_MOCK_PORT={port}",
    ]
    out: list[str] = ["run"]
    words = iter(command[2:])  # after `podman run`
    for word in words:
        if word == "--rm":
            out.append("--detach")
        elif word == "-p":
            assert next(words) == "4010:4010"
            out += moved
        else:
            out.append(word)
    return out


def test_the_readme_container_commands(engine: str, image: str) -> None:
    make, *runs = commands("Container image")
    assert make == "make image"
    built = subprocess.run(
        ["make", "image"], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert len(runs) == 2
    for line in runs:
        command = shlex.split(line)
        assert command[:2] == ["podman", "run"] and command[-1] == image
        port = free_port()
        container_id = container.run(engine, *local(command, port), timeout=120)
        try:
            running = Running(engine, container_id, port)
            running.wait_until_serving()
            manual = httpx.get(f"{running.url}/_mock/health").json()["clock"]["manual"]
            assert manual is ("NORTHFLANK_MOCK_MANUAL_CLOCK=1" in line)
        finally:
            container.run(engine, "rm", "--force", container_id, check=False, timeout=60)


def test_the_documented_ci_services(
    start: Start, image: str, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    github, gitlab = (
        yaml.safe_load(block) for block in blocks("Running in CI", "yaml", CONTAINER_DOC)
    )
    pytester.makepyfile(SERVICE_TEST)
    # GitHub Actions: the service's image, environment and health command; then the job's step.
    (job,) = github["jobs"].values()
    service = job["services"]["northflank"]
    assert service["image"].rsplit("/", 1)[1] == image and service["ports"] == ["4010:4010"]
    mock = start(**service["env"])
    health_command = re.search(r'--health-cmd "([^"]+)"', service["options"])
    assert health_command is not None
    mock.engine_run("exec", mock.id, *shlex.split(health_command.group(1)))
    (step,) = [step["run"] for step in job["steps"] if "pytest" in step.get("run", "")]
    step = step.replace("http://localhost:4010", mock.url)
    command = shlex.split(step.replace("pytest", f"{sys.executable} -m pytest", 1))
    result = pytester.run(*command, timeout=300)
    assert result.ret == 0, str(result.stdout)
    assert job["env"]["NORTHFLANK_BASE_URL"] == "http://localhost:4010"
    # GitLab CI: the service's image and variables, reached by its alias; then the script.
    (job,) = gitlab.values()
    (service,) = job["services"]
    assert service["name"].rsplit("/", 1)[1] == image and service["alias"] == "northflank"
    mock = start(**service["variables"])
    base_url = job["variables"]["NORTHFLANK_BASE_URL"].replace("http://northflank:4010", mock.url)
    (line,) = [line for line in job["script"] if "pytest" in line]
    monkeypatch.setenv("NORTHFLANK_BASE_URL", base_url)
    script = line.replace("pytest", f"{sys.executable} -m pytest", 1)
    result = pytester.run("bash", "-c", script, timeout=300)
    assert result.ret == 0, str(result.stdout)

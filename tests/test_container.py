"""The container image: built as `make image` builds it, run with host networking on a loopback
port from an environment variable, healthy by its own HEALTHCHECK, non-root, and stopped by
SIGTERM at once. Without a container engine the tests skip, saying so, unless
NORTHFLANK_MOCK_REQUIRE_CONTAINER=1 (CI sets it): then they fail."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from scripts import container

REQUIRED = os.environ.get("NORTHFLANK_MOCK_REQUIRE_CONTAINER") == "1"


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

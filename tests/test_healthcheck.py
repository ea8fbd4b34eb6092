"""The container's health check command, and the podman configuration `make image` writes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mock_server import EmbeddedMock
from mock_server.healthcheck import health_url
from scripts import container


@pytest.mark.parametrize(
    ("environ", "url"),
    [
        ({}, "http://127.0.0.1:4010/_mock/health"),
        (
            {"NORTHFLANK_MOCK_HOST": "0.0.0.0", "NORTHFLANK_MOCK_PORT": "8080"},
            "http://127.0.0.1:8080/_mock/health",
        ),
        ({"NORTHFLANK_MOCK_HOST": "::"}, "http://[::1]:4010/_mock/health"),
        ({"NORTHFLANK_MOCK_HOST": "10.0.0.5"}, "http://10.0.0.5:4010/_mock/health"),
    ],
)
def test_the_url_it_checks(environ: dict[str, str], url: str) -> None:
    assert health_url(environ) == url


def check(port: int | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mock_server.healthcheck"],
        env={"NORTHFLANK_MOCK_HOST": "127.0.0.1", "NORTHFLANK_MOCK_PORT": str(port)},
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip


def test_healthy_and_unhealthy() -> None:
    with EmbeddedMock() as mock:
        port = mock.url.rsplit(":", 1)[1]
        assert check(port).returncode == 0
    refused = check(port)
    assert refused.returncode == 1 and refused.stderr.startswith("unhealthy: http://127.0.0.1:")


def test_podman_gets_limits_it_may_set() -> None:
    conf = container.podman_conf()
    assert conf.startswith("# Written by scripts/container.py.\n[containers]\ndefault_ulimits = [")
    assert '"nofile=' in conf

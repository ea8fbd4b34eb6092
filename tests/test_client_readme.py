"""The client READMEs' examples run as written against the real mock, and say what they print."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_server import EmbeddedMock, NorthflankMock, Settings
from mock_server.domain.lifecycle import Durations
from scripts.generate_client import OUTPUT
from tests.readme_blocks import blocks

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_README = OUTPUT / "README.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def package_blocks() -> list[str]:
    return python_blocks(PACKAGE_README.read_text())


def main_readme_client_blocks() -> list[str]:
    return blocks("Using the generated client", "python")


@pytest.fixture(scope="module")
def quick() -> Iterator[NorthflankMock]:
    """A mock whose created runs conclude within a second, as a README's wait expects."""
    settings = Settings(durations=Durations(pending=0.2, running=0.6))
    with EmbeddedMock(settings) as embedded, NorthflankMock(embedded) as mock:
        yield mock


def run_block(code: str, mock: NorthflankMock) -> str:
    """Run one example as its reader would, with the environment pointing at the mock."""
    env = {**os.environ, "NORTHFLANK_API_TOKEN": "readme-token", "NORTHFLANK_BASE_URL": mock.url}
    for name in ("NORTHFLANK_TEAM_ID", "NORTHFLANK_DEBUG"):
        env.pop(name, None)
    code = code.replace("https://api.northflank.com", mock.url).replace(
        "http://127.0.0.1:4010", mock.url
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"{code}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_package_readme_is_not_the_generators_boilerplate() -> None:
    text = PACKAGE_README.read_text()
    for boilerplate in ("MyDataModel", "my_tag", "api.example.com", "SuperSecretToken"):
        assert boilerplate not in text
    for section in (
        "## Install",
        "## Every page",
        "## Waiting",
        "## Errors",
        "## Timeouts, retries and limits",
        "## Testing your automation",
    ):
        assert section in text
    assert "Northflank()" in text and "AsyncNorthflank" in text


def test_every_package_readme_example_runs(quick: NorthflankMock) -> None:
    blocks = package_blocks()
    assert len(blocks) == 8
    quick.reset()
    outputs = [run_block(block, quick) for block in blocks]
    release, pages, errors, settings, team, mocked, in_process, raw = (
        o.splitlines() for o in outputs
    )
    assert release[0].endswith(" pending") and release[1] == "success"
    assert len(pages) == 11 and pages[-1] == "150 builds"
    assert re.fullmatch(r"404 Release flow run 'no-such-run' not found \S+", errors[0])
    assert errors[1].endswith("has already concluded (success)")
    assert settings == ["50"]
    assert team == ["success", "150 builds"]
    paths = [r.path for r in quick.requests()]
    assert "/v1/teams/demo-team/projects/demo-project/jobs/demo-job/build" in paths
    assert any(
        p.startswith("/v1/teams/demo-team/projects/demo-project/pipelines/demo-pipeline/")
        and p.endswith("/runs")
        for p in paths
    )
    assert mocked == ["3600.0"]
    assert in_process[0] == "pending" and len(in_process) == 2
    assert raw == ["200 " + raw[0].split(" ", 1)[1]] and raw[0].split(" ", 1)[1] != "None"
    created = [r for r in quick.requests() if r.method == "POST" and r.path.endswith("/runs")]
    assert created[0].body["arguments"] == {"IMAGE_TAG": "v1.2.3"}


def test_the_main_readme_client_example_runs(quick: NorthflankMock) -> None:
    (block,) = main_readme_client_blocks()
    quick.reset()
    lines = run_block(block, quick).splitlines()
    assert len(lines) == 6 and lines[-1] == "success"

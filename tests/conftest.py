from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.mockproc import MockProcess

PROJECT = "demo-project"
PIPELINE = "demo-pipeline"
RUNS = f"/v1/projects/{PROJECT}/pipelines/{PIPELINE}/release-flows/{{stage}}/runs"
BUILDS = f"/v1/projects/{PROJECT}/jobs/demo-job/build"
EXAMPLE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"


TOKENS = """
tokens:
  - token: reader
    permissions: [pipelines:read, jobs:read]
  - token: releaser
    permissions: [pipelines:read, pipelines:update]
    projects: [demo-project]
  - token: jobs-only
    permissions: [jobs:read]
  - token: elsewhere
    permissions: [pipelines:read, pipelines:update, jobs:read]
    projects: [other-project]
"""


@pytest.fixture(scope="session")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockProcess]:
    """A mock with permission checks on (the tokens above) and strict response validation."""
    path = tmp_path_factory.mktemp("tokens") / "tokens.yaml"
    path.write_text(TOKENS)
    with MockProcess("--tokens", str(path), "--strict") as process:
        yield process


@pytest.fixture(scope="session")
def mock() -> Iterator[MockProcess]:
    """The mock shared by a session: strict response validation, manual clock, fixed seed."""
    with MockProcess("--strict", "--manual-clock", "--seed", "7") as process:
        yield process


@pytest.fixture
def fresh(mock: MockProcess) -> MockProcess:
    """The shared mock, back to its fixtures."""
    mock.reset()
    return mock


@pytest.fixture
def api(fresh: MockProcess) -> Iterator[httpx.Client]:
    """An authenticated HTTP client of the freshly reset shared mock."""
    with fresh.api() as client:
        yield client

from __future__ import annotations

import faulthandler
import os
import re
import signal
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_server import EmbeddedMock, NorthflankMock, Settings


def pytest_configure(config: pytest.Config) -> None:
    """A test process ended by SIGTERM says where it was first. pytest-xdist reports only "node
    down: Not properly terminated" for a worker that dies; the stacks name the test and the
    signal. The file descriptor is a copy taken before pytest captures output."""
    faulthandler.register(signal.SIGTERM, file=os.dup(2), all_threads=True, chain=True)


PROJECT = "demo-project"
PIPELINE = "demo-pipeline"
RUNS = f"/v1/projects/{PROJECT}/pipelines/{PIPELINE}/release-flows/{{stage}}/runs"
BUILDS = f"/v1/projects/{PROJECT}/jobs/demo-job/build"
EXAMPLE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
URL_SAFE = re.compile(r"^[A-Za-z0-9_.~-]+$")


def walk(api: httpx.Client, path: str, key: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, following cursors, checking each page's pagination block."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(1000):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = api.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["pagination"]["count"] == len(page["data"][key])
        items += page["data"][key]
        if not page["pagination"]["hasNextPage"]:
            assert "cursor" not in page["pagination"]
            return items
        cursor = page["pagination"]["cursor"]
        assert cursor and URL_SAFE.match(cursor)
    raise AssertionError("pagination did not end")


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
  - token: other-team
    permissions: [pipelines:read, pipelines:update, jobs:read]
    teams: [other-team]
"""


@pytest.fixture(scope="session")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NorthflankMock]:
    """A mock with permission checks on (the tokens above) and strict response validation."""
    path = tmp_path_factory.mktemp("tokens") / "tokens.yaml"
    path.write_text(TOKENS)
    settings = Settings(tokens=path, strict_responses=True)
    with EmbeddedMock(settings) as embedded, NorthflankMock(embedded) as mock:
        yield mock


# The project's own tests use the mock's pytest plugin, configured in pyproject.toml: strict
# response validation, manual clock, fixed seed.


@pytest.fixture(scope="session")
def mock(northflank_mock_session: NorthflankMock) -> NorthflankMock:
    """The mock shared by a session, on a real port."""
    return northflank_mock_session


@pytest.fixture
def fresh(northflank_mock: NorthflankMock) -> NorthflankMock:
    """The shared mock, back to its fixtures."""
    return northflank_mock


@pytest.fixture
def api(fresh: NorthflankMock) -> Iterator[httpx.Client]:
    """An authenticated HTTP client of the freshly reset shared mock."""
    with fresh.http() as client:
        yield client

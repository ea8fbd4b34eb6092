"""The Northflank / AsyncNorthflank facade against the real mock over HTTP."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterator

import pytest
from northflank_release_client import (
    AsyncNorthflank,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Northflank,
    NorthflankError,
    NotFoundError,
    PermissionDeniedError,
    unwrap,
)
from northflank_release_client.api.pipelines import get_release_flow_run, list_release_flow_runs
from northflank_release_client.models import (
    Arguments,
    BuildNode,
    ReleaseFlowRun,
    ReleaseFlowRunListResponse,
    ReleaseFlowRunStatus,
    RunReleaseFlowRequest,
)

from mock_server import EmbeddedMock, NorthflankMock, Settings
from mock_server.domain.lifecycle import Durations
from tests.conftest import EXAMPLE_RUN
from tests.mockproc import TOKEN

P, PL = "demo-project", "demo-pipeline"


@pytest.fixture(scope="module")
def quick() -> Iterator[NorthflankMock]:
    """A mock whose created runs conclude within a second."""
    settings = Settings(durations=Durations(pending=0.2, running=0.6))
    with EmbeddedMock(settings) as embedded, NorthflankMock(embedded) as mock:
        yield mock


def facade(mock: NorthflankMock, token: str = TOKEN) -> Northflank:
    return Northflank(api_token=token, base_url=mock.url)


def test_run_wait_list_and_page(quick: NorthflankMock) -> None:
    quick.reset()
    with facade(quick) as nf:
        created = nf.pipelines.run_release_flow(
            P, PL, "development", name="From the facade", arguments={"A": "1"}
        )
        final = nf.pipelines.wait_for_release_flow_run(
            P, PL, "development", created.id, timeout=30, interval=0.1
        )
        successes = nf.pipelines.list_release_flow_runs(
            P, PL, "staging", status="success", per_page=100
        )
        staging = list(nf.pipelines.iter_release_flow_runs(P, PL, "staging", per_page=7))
        builds = list(nf.jobs.iter_job_builds(P, "demo-job", per_page=40))
    assert created.status == ReleaseFlowRunStatus.PENDING
    assert isinstance(created.arguments, Arguments) and created.arguments["A"] == "1"
    assert final.id == created.id and final.concluded and final.status == "success"
    runs = successes.data.runs
    assert runs and all(isinstance(run, ReleaseFlowRun) and run.status == "success" for run in runs)
    assert len({run.id for run in staging}) == len(staging) == 60
    assert len({build.id for build in builds}) == len(builds) == 150
    posted = [r for r in quick.requests() if r.method == "POST"]
    assert posted[0].body == {"name": "From the facade", "arguments": {"A": "1"}}
    queries = [r.query for r in quick.requests() if r.path.endswith("/staging/runs")]
    assert queries[0] == "per_page=100&status=success"
    assert queries[1] == "per_page=7" and queries[2].startswith("per_page=7&cursor=")


def test_errors_of_the_mock_arrive_as_the_family(quick: NorthflankMock) -> None:
    quick.reset()
    with facade(quick) as nf:
        with pytest.raises(ConflictError) as conflict:
            nf.pipelines.abort_release_flow_run(P, PL, "development", EXAMPLE_RUN)
        with pytest.raises(NotFoundError) as missing:
            nf.pipelines.get_release_flow_run(P, PL, "development", "no-such-run")
        # The facade refuses per_page=0 itself; the generated function sends it.
        response = list_release_flow_runs.sync_detailed(
            P, PL, "development", per_page=0, client=nf.client
        )
        with pytest.raises(BadRequestError) as invalid:
            unwrap(response, ReleaseFlowRunListResponse)
    assert conflict.value.status_code == 409 and "concluded" in conflict.value.message
    assert missing.value.message == "Release flow run 'no-such-run' not found"
    assert missing.value.request_id and missing.value.error_id
    assert invalid.value.details["errors"][0]["path"] == "per_page"


def test_authentication_and_permission_errors(guarded: NorthflankMock) -> None:
    with facade(guarded, token="nobody") as nf, pytest.raises(AuthenticationError) as unknown:
        nf.jobs.list_job_builds(P, "demo-job")
    with facade(guarded, token="jobs-only") as nf, pytest.raises(PermissionDeniedError) as denied:
        nf.pipelines.run_release_flow(P, PL, "development")
    assert unknown.value.status_code == 401 and denied.value.status_code == 403


def test_token_and_url_come_from_the_environment(
    quick: NorthflankMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NORTHFLANK_API_TOKEN", "from-the-environment")
    monkeypatch.setenv("NORTHFLANK_BASE_URL", quick.url)
    quick.reset()
    with Northflank() as nf:
        run = nf.pipelines.get_release_flow_run(P, PL, "development", EXAMPLE_RUN)
    assert run.id == EXAMPLE_RUN
    assert quick.requests()[-1].headers["authorization"].startswith("Bearer ")
    with Northflank(base_url="http://elsewhere.invalid") as nf:
        assert nf.client._base_url == "http://elsewhere.invalid"
    monkeypatch.delenv("NORTHFLANK_API_TOKEN")
    with pytest.raises(NorthflankError, match="NORTHFLANK_API_TOKEN"):
        Northflank()
    assert "from-the-environment" not in repr(Northflank(api_token="from-the-environment"))


def test_the_async_facade(quick: NorthflankMock) -> None:
    async def scenario() -> tuple[str, int, str]:
        async with AsyncNorthflank(api_token=TOKEN, base_url=quick.url) as nf:
            created = await nf.pipelines.run_release_flow(
                P, PL, "staging", overrides={"r": {"a": 1}}
            )
            final = await nf.pipelines.wait_for_release_flow_run(
                P, PL, "staging", created.id, timeout=30, interval=0.1
            )
            builds = [b.id async for b in nf.jobs.iter_job_builds(P, "demo-job", per_page=100)]
            return str(final.status), len(set(builds)), created.id

    quick.reset()
    status, builds, run_id = asyncio.run(scenario())
    assert status == "success" and builds == 150
    assert any(r.path.endswith(run_id) for r in quick.requests())


def test_the_generated_functions_stay_available(quick: NorthflankMock) -> None:
    with facade(quick) as nf:
        response = get_release_flow_run.sync_detailed(
            P, PL, "development", EXAMPLE_RUN, client=nf.client
        )
    assert response.status_code == 200


def test_models_take_plain_strings_and_dicts() -> None:
    request = RunReleaseFlowRequest(
        name="x", arguments={"A": "1"}, release_node_overrides={"s": {}}
    )
    assert request.to_dict() == {
        "name": "x",
        "arguments": {"A": "1"},
        "releaseNodeOverrides": {"s": {}},
    }
    now = datetime.datetime.now(datetime.UTC)
    run = ReleaseFlowRun(id="r", status="success", concluded=True, created_at=now, updated_at=now)
    assert run.status is ReleaseFlowRunStatus.SUCCESS
    tomorrow = ReleaseFlowRun(
        id="r", status="paused", concluded=False, created_at=now, updated_at=now
    )
    assert tomorrow.status == "paused" and not tomorrow.status.is_known
    assert BuildNode(kind="Build").kind == "Build"
    with pytest.raises(ValueError):
        BuildNode(kind="Release")  # a node's class and its kind always agree

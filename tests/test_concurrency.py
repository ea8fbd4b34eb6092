"""Concurrency through the generated async client against the real mock."""

from __future__ import annotations

import asyncio

import httpx
from northflank_release_client import AuthenticatedClient, aiter_release_flow_runs, unwrap
from northflank_release_client.api.pipelines import (
    abort_release_flow_run,
    get_release_flow_run,
    run_release_flow,
)
from northflank_release_client.models import (
    ReleaseFlowRunResponse,
    ReleaseFlowRunStatus,
    RunReleaseFlowRequest,
)

from mock_server import NorthflankMock
from mock_server.storage.fixtures import load_dataset
from tests.mockproc import TOKEN

P, PL, STAGE = "demo-project", "demo-pipeline", "development"
FIXTURE_RUNS = len(load_dataset().stages[(P, PL, STAGE)].runs)


def client(mock: NorthflankMock) -> AuthenticatedClient:
    limits = httpx.Limits(max_connections=50)
    return AuthenticatedClient(base_url=mock.url, token=TOKEN, httpx_args={"limits": limits})


async def create(api: AuthenticatedClient, index: int) -> str:
    body = RunReleaseFlowRequest(name=f"Concurrent {index}")
    response = await run_release_flow.asyncio_detailed(P, PL, STAGE, client=api, body=body)
    return unwrap(response, ReleaseFlowRunResponse).data.id


def test_200_concurrent_creations_give_200_runs_all_listed(fresh: NorthflankMock) -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        async with client(fresh) as api:
            created = await asyncio.gather(*(create(api, i) for i in range(200)))
            listed = [
                run.id async for run in aiter_release_flow_runs(api, P, PL, STAGE, per_page=100)
            ]
        return list(created), listed

    created, listed = asyncio.run(scenario())
    assert len(set(created)) == 200
    assert len(listed) == len(set(listed)) == FIXTURE_RUNS + 200
    assert set(created) <= set(listed)
    assert set(listed[:200]) == set(created)  # newest first


def test_concurrent_aborts_of_one_run_agree(fresh: NorthflankMock) -> None:
    async def scenario() -> tuple[list[int], list[str], str]:
        async with client(fresh) as api:
            run_id = await create(api, 0)
            responses = await asyncio.gather(
                *(
                    abort_release_flow_run.asyncio_detailed(P, PL, STAGE, run_id, client=api)
                    for _ in range(50)
                )
            )
            statuses = [int(r.status_code) for r in responses]
            seen = [
                str(unwrap(r, ReleaseFlowRunResponse).data.status)
                for r in responses
                if r.status_code == 200
            ]
            return statuses, seen, run_id

    statuses, seen, run_id = asyncio.run(scenario())
    assert statuses == [200] * 50  # every abort lands while the run is aborting
    assert set(seen) == {"aborting"}
    fresh.advance(1)
    with client(fresh) as api:
        run = unwrap(
            get_release_flow_run.sync_detailed(P, PL, STAGE, run_id, client=api),
            ReleaseFlowRunResponse,
        ).data
        assert run.status == ReleaseFlowRunStatus.ABORTED and run.concluded
        late = abort_release_flow_run.sync_detailed(P, PL, STAGE, run_id, client=api)
    assert late.status_code == 409


def test_a_walk_while_runs_are_created_neither_repeats_nor_skips(fresh: NorthflankMock) -> None:
    existing = {run["id"] for run in load_dataset().stages[(P, PL, STAGE)].runs}

    async def scenario() -> tuple[list[str], list[str]]:
        async with client(fresh) as api:
            walked: list[str] = []

            async def walk() -> None:
                async for run in aiter_release_flow_runs(api, P, PL, STAGE, per_page=10):
                    walked.append(run.id)
                    await asyncio.sleep(0)

            created = await asyncio.gather(walk(), *(create(api, i) for i in range(60)))
            return walked, [run_id for run_id in created if run_id]

    walked, created = asyncio.run(scenario())
    assert len(walked) == len(set(walked))
    assert existing <= set(walked)
    assert len(created) == 60

"""The scenario of tests/test_official_clients.py, through Northflank's official Python SDK.

Run with the SDK's own virtualenv: `python drive_python.py BASE_URL TOKEN [TEAM_ID]`. Prints
what each step answered, as JSON, for the test to check; the mock's request journal shows the
routes the SDK chose.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
from typing import Any

from northflank import ApiCallError, ApiClient, AsyncApiClient

PROJECT, PIPELINE, STAGE, JOB = "demo-project", "demo-pipeline", "development", "demo-job"
EXAMPLE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"


async def settle(answer: Any) -> Any:
    """An async client's answer awaited; a sync client's as it is."""
    return await answer if inspect.isawaitable(answer) else answer


async def scenario(client: ApiClient | AsyncApiClient, team: str | None) -> dict[str, Any]:
    flow = {"project_id": PROJECT, "pipeline_id": PIPELINE, "stage": STAGE, "team_id": team}
    runs = await settle(client.list.release_flow_runs.all(**flow, per_page=100))
    details = await settle(client.get.release_flow_run(**flow, run_id=EXAMPLE_RUN))
    created = await settle(client.run.release_flow(**flow, data={"name": "Official SDK run"}))
    aborted = await settle(client.abort.release_flow_run(**flow, run_id=created.data["id"]))
    job = {"project_id": PROJECT, "job_id": JOB}
    builds = await settle(client.get.job.builds.all(**job, team_id=team, per_page=100))
    try:
        await settle(client.get.job.builds(**job, team_id="no-such-team"))
        missing: dict[str, Any] = {}
    except ApiCallError as error:
        missing = {"status": error.status, "message": error.message, "id": error.id}
    return {
        "runs": len(runs.data["runs"]),
        "details": [details.data["id"], details.data["status"]],
        "created": [created.data["id"], created.data["status"]],
        "aborted": [aborted.data["id"], aborted.data["status"]],
        "builds": len(builds.data["builds"]),
        "unknown_team": missing,
    }


def main() -> None:
    base_url, token, *rest = sys.argv[1:]
    team = rest[0] if rest else None
    sync = ApiClient(api_token=token, base_url=base_url, timeout=30.0)
    asynchronous = AsyncApiClient(api_token=token, base_url=base_url, timeout=30.0)
    result = {
        "sync": asyncio.run(scenario(sync, team)),
        "async": asyncio.run(scenario(asynchronous, team)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Start a release and wait for it to finish: the example app of the README.

python tests/examples/release_app.py --base-url http://127.0.0.1:4010 --token any-token
"""

from __future__ import annotations

import argparse
import itertools
import os

from northflank_release_client import (
    ApiError,
    AuthenticatedClient,
    RunWaitTimeout,
    iter_release_flow_runs,
    unwrap,
    wait_for_release_flow_run,
)
from northflank_release_client.api.pipelines import run_release_flow
from northflank_release_client.models import (
    ReleaseFlowRunResponse,
    ReleaseFlowRunStatus,
    RunReleaseFlowRequest,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="https://api.northflank.com")
    parser.add_argument("--token", default=os.environ.get("NORTHFLANK_TOKEN", ""))
    parser.add_argument("--project", default="demo-project")
    parser.add_argument("--pipeline", default="demo-pipeline")
    parser.add_argument("--stage", default="development")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    where = (args.project, args.pipeline, args.stage)

    with AuthenticatedClient(base_url=args.base_url, token=args.token) as client:
        try:
            recent = itertools.islice(iter_release_flow_runs(client, *where, per_page=5), 5)
            for run in recent:
                print(f"recent: {run.id} {run.status}")
            response = run_release_flow.sync_detailed(
                *where, client=client, body=RunReleaseFlowRequest(name="Release from example")
            )
            started = unwrap(response, ReleaseFlowRunResponse).data
            print(f"started: {started.id} {started.status}")
            final = wait_for_release_flow_run(
                client, *where, started.id, timeout=args.timeout, interval=0.2
            )
        except RunWaitTimeout as timeout:
            print(f"gave up: {timeout}")
            return 2
        except ApiError as error:
            print(f"Northflank said no: {error}")
            return 3
    print(f"concluded: {final.id} {final.status}")
    return 0 if final.status == ReleaseFlowRunStatus.SUCCESS else 1


if __name__ == "__main__":
    raise SystemExit(main())

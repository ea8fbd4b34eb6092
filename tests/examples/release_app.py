"""Start a release and wait for it to finish: the example app of the README.

python tests/examples/release_app.py --base-url http://127.0.0.1:4010 --token any-token
(without --token and --base-url: NORTHFLANK_API_TOKEN and NORTHFLANK_BASE_URL)
"""

from __future__ import annotations

import argparse
import itertools

from northflank_release_client import (
    Northflank,
    NorthflankError,
    RunWaitTimeout,
)
from northflank_release_client.models import ReleaseFlowRunStatus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--token", default=None)
    parser.add_argument("--project", default="demo-project")
    parser.add_argument("--pipeline", default="demo-pipeline")
    parser.add_argument("--stage", default="development")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    where = (args.project, args.pipeline, args.stage)

    try:
        with Northflank(api_token=args.token, base_url=args.base_url) as nf:
            for run in itertools.islice(nf.pipelines.iter_release_flow_runs(*where, per_page=5), 5):
                print(f"recent: {run.id} {run.status}")
            started = nf.pipelines.run_release_flow(
                *where, name="Release from example", arguments={"TRIGGER": "example"}
            )
            print(f"started: {started.id} {started.status}")
            final = nf.pipelines.wait_for_release_flow_run(
                *where, started.id, timeout=args.timeout, interval=0.2
            )
    except RunWaitTimeout as timeout:
        print(f"gave up: {timeout}")
        return 2
    except NorthflankError as error:
        print(f"Northflank said no: {error}")
        return 3
    print(f"concluded: {final.id} {final.status}")
    return 0 if final.status == ReleaseFlowRunStatus.SUCCESS else 1


if __name__ == "__main__":
    raise SystemExit(main())

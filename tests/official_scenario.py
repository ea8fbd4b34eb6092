"""What Northflank's official clients must manage against the mock, with and without a team id.

Each client's driver (tests/official_clients/drive_python.py for the Python SDK, in `make test`;
interop/drive_js_client.mjs for @northflank/js-client, in `make interop`, which has node) runs
one scenario per client flavour, and prints what each step answered as JSON:

1. list every run of `development` (the client's own "all pages", 100 a page)
2. get the reference page's run
3. run the release flow
4. abort the run it created
5. list every build of `demo-job` (100 a page)
6. list builds through a team that does not exist: the mock's 404, as the client reports it

`check` compares that output, and the mock's request journal, with what the mock must answer and
the routes the client must have called: `/v1/teams/<team>/projects/...` when given a team id,
`/v1/projects/...` otherwise.
"""

from __future__ import annotations

from typing import Any

from mock_server.control_client import RecordedRequest
from mock_server.storage.fixtures import load_dataset

PROJECT, PIPELINE, STAGE, JOB = "demo-project", "demo-pipeline", "development", "demo-job"
EXAMPLE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
TEAM = "demo-team"
UNKNOWN_TEAM = "no-such-team"
MOCK_ARGS = ("--strict", "--manual-clock", "--seed", "11")


def _counts() -> tuple[int, int]:
    dataset = load_dataset()
    runs = len(dataset.stages[(PROJECT, PIPELINE, STAGE)].runs)
    builds = len(dataset.jobs[(PROJECT, JOB)].builds)
    return runs, builds


def check(
    output: dict[str, Any], journal: list[RecordedRequest], team: str | None, flavours: list[str]
) -> None:
    """`output`: the driver's JSON, one scenario per flavour (`sync`, `async`, ...), run in that
    order against a freshly reset mock whose journal was cleared; `journal`: /_mock/requests."""
    runs, builds = _counts()
    assert list(output) == flavours, output
    prefix = f"/v1/teams/{team}/projects/{PROJECT}" if team else f"/v1/projects/{PROJECT}"
    flow = f"{prefix}/pipelines/{PIPELINE}/release-flows/{STAGE}/runs"
    expected: list[tuple[str, str, int]] = []
    for index, flavour in enumerate(flavours):
        answers = output[flavour]
        created = answers["created"][0]
        # Every earlier scenario added a run.
        assert answers["runs"] == runs + index, (flavour, answers)
        assert answers["details"] == [EXAMPLE_RUN, "success"], flavour
        assert answers["created"][1] == "pending", flavour
        assert answers["aborted"] == [created, "aborting"], flavour
        assert answers["builds"] == builds, flavour
        missing = answers["unknown_team"]
        assert missing["status"] == 404, flavour
        assert missing["message"] == f"Team {UNKNOWN_TEAM!r} not found", flavour
        assert missing["id"], flavour
        expected += [
            ("GET", flow, 200),
            ("GET", flow, 200),  # the second page, by its cursor
            ("GET", f"{flow}/{EXAMPLE_RUN}", 200),
            ("POST", flow, 200),
            ("POST", f"{flow}/{created}/abort", 200),
            ("GET", f"{prefix}/jobs/{JOB}/build", 200),
            ("GET", f"{prefix}/jobs/{JOB}/build", 200),
            ("GET", f"/v1/teams/{UNKNOWN_TEAM}/projects/{PROJECT}/jobs/{JOB}/build", 404),
        ]
    called = [(r.method, r.path, r.status) for r in journal]
    assert called == expected, called
    pages = [
        r.query
        for r in journal
        if r.method == "GET" and r.status == 200 and r.path.endswith(("/runs", "/build"))
    ]
    assert all("per_page=100" in query for query in pages), pages
    assert sum("cursor=" in query for query in pages) == 2 * len(flavours), pages

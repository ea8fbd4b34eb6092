"""Filtered lists page through an index of runs by status (storage/runindex.py): every page, by
`page` or by cursor, is the one a walk over all runs would give, as runs are created, aborted,
given outcomes and concluded while time moves."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.domain.clock import ManualClock
from mock_server.errors import ApiError
from mock_server.storage.fixtures import load_dataset
from mock_server.storage.flows import ReleaseFlow
from mock_server.storage.store import Store

STAGES = ("development", "staging", "production")
FILTERS: list[dict[str, Any]] = [
    {"status": "success"}, {"status": "failure"}, {"status": "running"}, {"status": "pending"},
    {"status": "aborted"}, {"status": "aborting"}, {"status": "queued"}, {"status": "skipped"},
    {"concluded": True}, {"concluded": False}, {"status": "success", "concluded": True},
    {"status": "running", "concluded": True},
]  # fmt: skip

Step = tuple[str, int]
steps = st.lists(
    st.tuples(st.sampled_from(["create", "abort", "hold", "fail", "advance", "read"]), st.integers(0, 30)),
    max_size=40,
)  # fmt: skip


def walked(store: Store, flow: ReleaseFlow, **wanted: Any) -> list[str]:
    """The ids a filter selects, newest first, by looking at every run."""
    now = store.clock.now()
    ids = []
    for record in reversed(flow.runs):
        fields = record.current(now)
        if all(fields[name] == value for name, value in wanted.items()):
            ids.append(record.id)
    return ids


def paged(store: Store, flow: ReleaseFlow, per_page: int, **wanted: Any) -> list[str]:
    """The same ids, through the API's pages: by cursor, and by page number."""
    by_cursor: list[str] = []
    cursor = None
    for _ in range(1000):
        store.start_due_runs(flow)
        runs, pagination = store.list_runs(
            flow, per_page=per_page, page=None, cursor=cursor, **_filters(wanted)
        )
        by_cursor += [json.loads(run)["id"] for run in runs]
        if not pagination["hasNextPage"]:
            break
        cursor = pagination["cursor"]
    by_page: list[str] = []
    for page in range(1, 1000):
        runs, pagination = store.list_runs(
            flow, per_page=per_page, page=page, cursor=None, **_filters(wanted)
        )
        by_page += [json.loads(run)["id"] for run in runs]
        if not pagination["hasNextPage"]:
            break
    assert by_cursor == by_page
    return by_cursor


def _filters(wanted: dict[str, Any]) -> dict[str, Any]:
    return {"status": wanted.get("status"), "concluded": wanted.get("concluded")}


@settings(max_examples=60, deadline=None)
@given(stage=st.sampled_from(STAGES), script=steps, per_page=st.integers(1, 60))
def test_filtered_pages_equal_a_walk_over_every_run(
    stage: str, script: list[Step], per_page: int
) -> None:
    store = Store(load_dataset(), ManualClock(start=1_700_000_000), seed=3)
    clock = store.clock
    assert isinstance(clock, ManualClock)
    flow = store.flow("demo-project", "demo-pipeline", stage)
    created = []
    for action, number in script:
        store.start_due_runs(flow)
        with contextlib.suppress(ApiError):  # forbid refuses; concluded runs refuse aborts
            if action == "create":
                created.append(store.create_run(flow, {}))
            elif action in ("abort", "hold", "fail") and created:
                record = created[number % len(created)]
                if action == "abort":
                    store.abort_run(flow, record)
                else:
                    store.set_outcome(flow, record, "hold" if action == "hold" else "failure")
            elif action == "advance":
                clock.advance(number / 3)
            elif action == "read":
                store.list_runs(flow, per_page=5, page=None, cursor=None, status="running",
                                concluded=None)  # fmt: skip
    store.start_due_runs(flow)
    for wanted in FILTERS:
        assert paged(store, flow, per_page, **wanted) == walked(store, flow, **wanted), wanted


def test_a_page_number_past_the_matches_is_empty() -> None:
    store = Store(load_dataset(), ManualClock(), seed=3)
    flow = store.flow("demo-project", "demo-pipeline", "development")
    runs, pagination = store.list_runs(
        flow, per_page=100, page=10**12, cursor=None, status="success", concluded=None
    )
    assert runs == [] and pagination == {"hasNextPage": False, "count": 0}

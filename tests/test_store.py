"""The store: reads change nothing; a queued run starts only when someone takes that step."""

from __future__ import annotations

from mock_server.domain.clock import ManualClock
from mock_server.storage.fixtures import load_dataset
from mock_server.storage.store import Store

STAGING = ("demo-project", "demo-pipeline", "staging")  # concurrency policy `queue`


def test_reads_are_pure_and_due_runs_start_when_asked() -> None:
    clock = ManualClock(1_800_000_000)
    store = Store(load_dataset(), clock, seed=1)
    flow = store.flow(*STAGING)
    first = store.create_run(flow, {})
    second = store.create_run(flow, {"name": "Waiting run"})
    assert second.waiting and not first.waiting
    list(store.take_dirty())
    clock.advance(3600)  # the first run has long concluded: the second's turn has come
    for _ in range(2):
        again = store.flow(*STAGING)
        store.list_runs(again, per_page=5, page=None, cursor=None, status=None, concluded=None)
        store.details_json(again, store.run(again, second.id))
        store.find_run(second.id)
    assert again is flow and second.waiting and not store.dirty
    assert store.details(flow, second)["status"] == "queued"
    store.start_due_runs(flow)
    assert not second.waiting and list(store.dirty) == [f"{'/'.join(STAGING)}/{second.id}"]
    assert store.details(flow, second)["status"] == "success"


def test_counts_and_outcome_choices_are_read_through_methods() -> None:
    store = Store(load_dataset(), ManualClock(1_800_000_000))
    assert store.counts() == {"releaseFlows": 3, "runs": 250, "jobs": 1, "builds": 150}
    assert store.outcome_choices() == {"default": "success", "choices": []}

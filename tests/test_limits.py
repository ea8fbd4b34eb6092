"""What clients can make the mock hold: arguments kept per run, the request log's bytes, the
rate-limit table; each bounded, with a 4xx envelope where a request goes past a limit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_server.domain.clock import ManualClock
from mock_server.domain.ratelimit import WINDOW_SECONDS, RateLimiter
from tests.conftest import RUNS
from tests.mockproc import MockProcess

DEV = RUNS.format(stage="development")


@pytest.fixture(scope="module", params=["memory", "sqlite"])
def limited(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MockProcess]:
    args = ["--manual-clock", "--max-argument-bytes", "1000", "--request-log-bytes", "60000"]
    if request.param == "sqlite":
        args += ["--state", str(tmp_path_factory.mktemp("state") / "state.db")]
    with MockProcess(*args) as mock:
        yield mock


def test_arguments_past_the_limit_are_a_413_and_create_nothing(limited: MockProcess) -> None:
    limited.reset()
    before = limited.control.get("/_mock/health").json()["runs"]
    with limited.http() as api:
        too_big = api.post(DEV, json={"arguments": {"A": "x" * 1000}})
        assert too_big.status_code == 413
        assert "--max-argument-bytes" in too_big.json()["error"]["message"]
        assert limited.control.get("/_mock/health").json()["runs"] == before
        at_limit = api.post(DEV, json={"arguments": {"A": "x" * 990}})  # {"A":"..."} is 1000
    assert at_limit.status_code == 200, at_limit.text
    assert at_limit.json()["data"]["arguments"]["A"] == "x" * 990


def test_the_request_log_keeps_within_its_bytes_newest_first(limited: MockProcess) -> None:
    limited.reset()
    with limited.http() as api:
        for index in range(10):
            api.post(DEV, json={"name": f"Run {chr(65 + index)}", "description": "d" * 199,
                                "arguments": {"A": "x" * 900}})  # fmt: skip
            api.post(DEV, content=b"z" * 20_000, headers={"Content-Type": "application/json"})
    kept = limited.requests()
    held = sum(len(str(record.body)) for record in kept)
    assert held <= 60_000
    assert 1 <= len(kept) < 20
    assert kept[-1].body == "z" * 20_000  # the newest is kept
    assert kept[-2].body["name"] == "Run J"


def test_a_request_larger_than_the_whole_log_is_kept_cut_short(limited: MockProcess) -> None:
    limited.reset()
    with limited.http() as api:
        api.post(DEV, content=b"q" * 200_000, headers={"Content-Type": "application/json"})
    (record,) = limited.requests()
    assert record.body_truncated is True
    assert 0 < len(record.body) < 60_000


def test_a_deeply_nested_body_leaves_the_request_log_readable(limited: MockProcess) -> None:
    """Such a body once made GET /_mock/requests answer 500 until the log was cleared."""
    limited.reset()
    with limited.http() as api:
        deep = b"[" * 5000 + b"]" * 5000
        assert (
            api.post(DEV, content=deep, headers={"Content-Type": "application/json"}).status_code
            == 400
        )
    (record,) = limited.requests()
    assert record.status == 400 and record.body.startswith("[[[")


# Rate-limit windows.


def test_the_scheme_of_a_token_does_not_make_a_second_window() -> None:
    with MockProcess("--rate-limit", "4", "--manual-clock") as mock:
        answers = []
        for scheme in ("Bearer", "bearer", "BEARER", "Bearer ", "bEaReR"):
            with mock.http(token="same") as api:
                api.headers["Authorization"] = f"{scheme} same"
                answers.append(api.get(DEV, params={"per_page": 1}))
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert [answer.headers["x-ratelimit-remaining"] for answer in answers] == [
        "3",
        "2",
        "1",
        "0",
        "0",
    ]


def test_the_window_table_is_bounded_and_drops_expired_windows_first() -> None:
    clock = ManualClock(start=1_000_000)
    limiter = RateLimiter(clock, limit=5, max_windows=100)
    for index in range(100):
        limiter.hit(f"Bearer old-{index}".encode())
    clock.advance(WINDOW_SECONDS / 2)
    limiter.hit(b"Bearer recent")
    for index in range(99):  # renew half of the old ones before they expire
        if index % 2:
            limiter.hit(f"Bearer old-{index}".encode())
    clock.advance(WINDOW_SECONDS / 2)
    for index in range(500):
        limiter.hit(f"Bearer new-{index}".encode())
        assert len(limiter.windows) <= 100
    # The recent window outlived the expired ones and the flood of new tokens' first wave.
    verdict = limiter.hit(b"Bearer recent")
    assert verdict.allowed


def test_a_full_table_of_live_windows_makes_room_without_a_scan_per_request() -> None:
    clock = ManualClock(start=1_000_000)
    limiter = RateLimiter(clock, limit=5, max_windows=1000)
    for index in range(20_000):
        limiter.hit(f"Bearer t{index}".encode())
    assert len(limiter.windows) <= 1000
    assert limiter.hit(b"Bearer t19999").remaining == 3  # the newest windows are kept


def test_windows_are_not_written_to_the_state_file(tmp_path: Path) -> None:
    """With --state, every request used to rewrite the whole table, which grew by a row per
    token ever seen (list latency went from 2 to 40 ms after 9,000 tokens)."""
    state = tmp_path / "state.db"
    with MockProcess("--state", str(state)) as mock:
        for index in range(300):
            with mock.http(token=f"token-{index}") as api:
                assert api.get(DEV, params={"per_page": 1}).status_code == 200
        with sqlite3.connect(state) as connection:
            changes = connection.execute("SELECT total_changes()").fetchone()
            rows = dict(connection.execute("SELECT name, length(body) FROM documents").fetchall())
    assert changes is not None
    assert rows.get("ratelimit", 0) < 100, rows


def test_reset_clears_the_windows_of_every_worker(tmp_path: Path) -> None:
    """Each worker counts the requests it serves; a reset, served by one of them, clears all."""

    def remaining(mock: MockProcess) -> int:
        # A connection of its own each time, so that the requests spread over the workers.
        with mock.http(token="w") as api:
            answer = api.get(DEV, params={"per_page": 1}, headers={"Connection": "close"})
        return int(answer.headers["x-ratelimit-remaining"])

    with MockProcess("--state", str(tmp_path / "s.db"), "--workers", "2") as mock:
        before = [remaining(mock) for _ in range(40)]
        assert min(before) < 1000 - 15  # the windows have counted
        mock.reset()
        after = [remaining(mock) for _ in range(10)]
    assert min(after) >= 1000 - 10, after

"""An index of a release flow's runs by (status, concluded), so that a filtered page costs about
what an unfiltered one does at any number of runs.

A run's status moves with time only while it has a timeline that has not reached its end. So
each run is either *settled* (a fixture run nothing has happened to, or a run whose timeline has
concluded: its status is final) and filed under its (status, concluded) key, or *moving* (a
created or aborted run still in progress), and checked at the time of each read. Moving runs
settle as reads find them concluded. Runs are filed by their position in the flow's list, which
never changes (runs are only appended, or replaced in place).

A page is the newest-first merge of the matching keys' lists and the matching moving runs, from
a start position; a `page=N` skip is found by binary search rather than by walking past the
runs skipped.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from array import array
from collections.abc import Iterator, Sequence

from ..domain import lifecycle
from .flows import RunRecord

Key = tuple[str, bool]
MOVING = "moving"  # RunRecord.index_key of a moving run


def settled_key(record: RunRecord, now: float) -> Key | None:
    """The (status, concluded) a run keeps from now on; None while it can still change."""
    if record.timeline is None:
        fields = record.fields
        return str(fields.get("status")), bool(fields.get("concluded"))
    end = record.concluded_at()
    if end is None or end > now:
        return None
    return lifecycle.state_at(record.timeline, now)[0], True


class RunIndex:
    def __init__(self, runs: Sequence[RunRecord], now: float) -> None:
        self.runs = runs
        self.settled: dict[Key, array[int]] = {}
        self.moving: dict[int, RunRecord] = {}  # by position
        for position, record in enumerate(runs):
            self._file(position, record, now)

    def _file(self, position: int, record: RunRecord, now: float) -> None:
        key = settled_key(record, now)
        if key is None:
            self.moving[position] = record
            record.index_key = MOVING
            return
        positions = self.settled.get(key)
        if positions is None:
            positions = self.settled[key] = array("q")
        if not positions or positions[-1] < position:
            positions.append(position)
        else:
            positions.insert(bisect.bisect_left(positions, position), position)
        record.index_key = key

    def update(self, record: RunRecord, now: float) -> None:
        """File a run again after it changed (or was added)."""
        position = bisect.bisect_left(self.runs, record.seq, key=_seq)
        old = record.index_key
        if old == MOVING:
            self.moving.pop(position, None)
        elif old is not None:
            positions = self.settled[old]  # type: ignore[index]
            found = bisect.bisect_left(positions, position)
            if found < len(positions) and positions[found] == position:
                del positions[found]
        self._file(position, record, now)

    def settle(self, now: float) -> None:
        """File the moving runs that have concluded by `now` under their final status."""
        for position, record in list(self.moving.items()):
            if settled_key(record, now) is not None:
                del self.moving[position]
                self._file(position, record, now)

    def newest(
        self,
        start: int,
        skip: int,
        count: int,
        status: str | None,
        concluded: bool | None,
        now: float,
    ) -> list[RunRecord]:
        """Up to `count` matching runs at positions <= `start`, newest first, after skipping
        the `skip` newest of them."""
        self.settle(now)
        sources = [
            positions[: bisect.bisect_right(positions, start)]
            for key, positions in self.settled.items()
            if (status is None or key[0] == status) and (concluded is None or key[1] is concluded)
        ]
        moving = []
        for position in sorted(self.moving):
            if position > start:
                break
            fields = self.moving[position].current(now)
            if (status is None or fields["status"] == status) and (
                concluded is None or fields["concluded"] is concluded
            ):
                moving.append(position)
        sources = [source for source in (*sources, array("q", moving)) if source]
        if skip:
            start = _skipped(sources, skip)
            if start < 0:
                return []
            sources = [source[: bisect.bisect_right(source, start)] for source in sources]
        merged = heapq.merge(*(_descending(source) for source in sources), reverse=True)
        return [self.runs[position] for position in itertools.islice(merged, count)]


def _descending(positions: array[int]) -> Iterator[int]:
    return (positions[index] for index in range(len(positions) - 1, -1, -1))


def _skipped(sources: list[array[int]], skip: int) -> int:
    """The position of the newest run left once the `skip` newest of all sources are skipped
    (-1 when none is left): the largest p with more than `skip` positions >= p."""
    total = sum(len(source) for source in sources)
    if skip >= total:
        return -1
    low, high = 0, max(source[-1] for source in sources)
    while low < high:  # count(>= p) falls as p grows: find the last p where it exceeds skip
        middle = (low + high + 1) // 2
        above = sum(len(source) - bisect.bisect_left(source, middle) for source in sources)
        if above > skip:
            low = middle
        else:
            high = middle - 1
    return low


def _seq(record: RunRecord) -> int:
    return record.seq

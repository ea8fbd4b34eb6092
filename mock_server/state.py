"""Everything one running mock holds, and the one way to change it: `with state.write():`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .auth import Authenticator
from .clock import Clock
from .faults import FaultBook
from .operations import OperationIndex
from .persistence import Backend
from .ratelimit import RateLimiter
from .store import Store


@dataclass
class MockState:
    store: Store
    auth: Authenticator
    clock: Clock
    rate_limiter: RateLimiter
    faults: FaultBook
    operations: OperationIndex
    backend: Backend

    def sync(self) -> None:
        """Catch up with changes another worker process saved (SQLite state only)."""
        if self.backend.changed():
            snapshot = self.backend.load()
            documents = snapshot.documents
            self.clock.load(documents.get("clock"))
            self.store.restore(snapshot.runs, documents.get("store", {}))
            self.faults.load(documents.get("faults"))
            self.rate_limiter.load(documents.get("ratelimit"))

    @contextmanager
    def write(self) -> Iterator[None]:
        """A change: all of it saved before the block's caller answers, or none of it."""
        if not self.backend.persistent:
            yield  # memory is the state: nothing to load, save or roll back
            self.store.dirty.clear()
            return
        self.backend.begin()
        try:
            self.sync()
            yield
            for key, stage, record in self.store.take_dirty():
                self.backend.save_run(key, stage, record.to_json())
            self.backend.save_document("store", self.store.settings())
            self.backend.save_document("faults", self.faults.dump())
            self.backend.save_document("clock", self.clock.dump())
            self.backend.save_document("ratelimit", self.rate_limiter.dump())
            self.backend.commit()
        except BaseException:
            self.backend.rollback()
            raise

    def reset(self) -> None:
        """Back to the fixtures: no created runs, outcome choices, faults, requests or windows."""
        with self.write():
            self.backend.clear()
            self.store.reset()
            self.faults.reset()
            self.rate_limiter.reset()

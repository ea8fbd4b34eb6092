"""Everything one running mock holds, and the one way to change it: `with state.write():`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from types import TracebackType

from ..domain.auth import Authenticator
from ..domain.clock import Clock
from ..domain.faults import FaultBook
from ..domain.ratelimit import RateLimiter
from .fixtures import FixtureError, FixtureFolder
from .persistence import Backend
from .store import Store

logger = logging.getLogger("mock_server")


@dataclass
class MockState:
    store: Store
    auth: Authenticator
    clock: Clock
    rate_limiter: RateLimiter
    faults: FaultBook
    backend: Backend
    # Where the store's fixtures come from, read again by reset() when they changed.
    fixtures: FixtureFolder | None = None
    _in_memory: _InMemoryChange = field(init=False, repr=False, compare=False)
    _fixtures_followed: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._in_memory = _InMemoryChange(self.store)

    def sync(self) -> None:
        """Catch up with changes another worker process saved (SQLite state only)."""
        if self.backend.changed():
            snapshot = self.backend.load()
            documents = snapshot.documents
            self._follow_fixtures(documents.get("fixtures"))
            self.clock.load(documents.get("clock"))
            self.store.restore(snapshot.runs, documents.get("store", {}))
            self.faults.load(documents.get("faults"))
            self.rate_limiter.load(documents.get("ratelimit"))

    def write(self) -> AbstractContextManager[None]:
        """A change: all of it saved before the block's caller answers, or none of it."""
        return self._saved() if self.backend.persistent else self._in_memory

    @contextmanager
    def _saved(self) -> Iterator[None]:
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
        """Back to the fixtures and the clock's start: no created runs, outcome choices,
        faults, requests or rate-limit windows. The fixture folder is read again if its files
        changed; when they no longer validate, FixtureError is raised and nothing changes."""
        reloaded = self.fixtures is not None and self.fixtures.reload()
        with self.write():
            self.backend.clear()
            self.clock.reset()
            self.store.reset(self.fixtures.dataset if self.fixtures and reloaded else None)
            self.faults.reset()
            self.rate_limiter.reset()
            if self.fixtures is not None:
                # Other worker processes read the folder again when they see a new version.
                self.backend.save_document("fixtures", self.fixtures.version)
                self._fixtures_followed = self.fixtures.version

    def _follow_fixtures(self, version: str | None) -> None:
        """Another worker reset the mock with the fixture folder at `version`: read it too."""
        if self.fixtures is None or version is None or version == self._fixtures_followed:
            return
        self._fixtures_followed = version
        try:
            if self.fixtures.reload():
                self.store.dataset = self.fixtures.dataset  # restore() below resets to it
        except FixtureError as exc:
            logger.error("fixtures changed again and no longer validate; kept: %s", exc)


class _InMemoryChange:
    """A change to state kept in memory: nothing to load, save or roll back. One object serves
    every change (it holds nothing of its own), as every API request makes one."""

    __slots__ = ("store",)

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.store.forget_dirty()

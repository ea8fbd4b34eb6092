"""Where the mock's changes live: in memory (default), or in SQLite with `--state PATH`.

With SQLite, every change is committed before its response is sent, so a restart or a `kill -9`
right after a 200 loses nothing, and several worker processes share one state: each write runs
in `BEGIN IMMEDIATE`, and a process reloads whenever `PRAGMA data_version` says that another
process committed since it last looked.

Both keep the request log within MAX_REQUESTS entries and the `request_log_bytes` they are
given, dropping the oldest entries first.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ApiError
from ..jsonparse import FILE_MAX_DEPTH, JsonRefused, parse
from .requestlog import RequestRecord

MAX_REQUESTS = 1000
DEFAULT_LOG_BYTES = 8 * 1024 * 1024
STARTUP_BUSY_MS = 2000  # how long start-up waits for a state file another process has locked
BUSY_MS = 5000  # how long a change waits for another worker's; then a 503


def _saved(what: str, text: str) -> Any:
    try:
        return parse(text, max_depth=FILE_MAX_DEPTH)
    except JsonRefused as exc:
        raise ValueError(f"the saved {what[:200]}: {exc}") from None


class StateFileError(Exception):
    """A state file the mock cannot use, in one line."""


def busy_error(exc: BaseException) -> ApiError | None:
    """The 503 for a change that waited too long for the state file's lock."""
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return ApiError(
            503, "The state file is locked by another process; try again", {}, {"Retry-After": "1"}
        )
    return None


@dataclass
class Snapshot:
    """Everything saved: changed runs as (stage key, record JSON), and named documents."""

    runs: list[tuple[tuple[str, str, str], dict[str, Any]]] = field(default_factory=list)
    documents: dict[str, Any] = field(default_factory=dict)


class MemoryBackend:
    """The process's own memory holds the state; nothing to load or save."""

    persistent = False

    def __init__(self, log_bytes: int = DEFAULT_LOG_BYTES) -> None:
        self._requests: deque[RequestRecord] = deque()
        self.log_bytes = log_bytes
        self._kept = 0  # bytes of the records in _requests

    def begin(self) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def changed(self) -> bool:
        return False

    def load(self) -> Snapshot:
        return Snapshot()

    def save_run(self, key: str, stage: tuple[str, str, str], record: dict[str, Any]) -> None: ...

    def save_document(self, name: str, value: Any) -> None: ...

    def add_request(self, record: RequestRecord) -> None:
        size = record.fit(self.log_bytes)
        requests = self._requests
        requests.append(record)
        self._kept += size
        while len(requests) > MAX_REQUESTS or (self._kept > self.log_bytes and len(requests) > 1):
            self._kept -= requests.popleft().size

    def requests(self) -> list[dict[str, Any]]:
        return [record.to_json() for record in self._requests]

    def clear_requests(self) -> None:
        self._requests.clear()
        self._kept = 0

    def clear(self) -> None:
        self.clear_requests()


class SqliteBackend:
    persistent = True
    SCHEMA = """
        CREATE TABLE IF NOT EXISTS runs (
            key TEXT PRIMARY KEY, stage TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS requests (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS request_log (
            id INTEGER PRIMARY KEY CHECK (id = 1), bytes INTEGER NOT NULL, count INTEGER NOT NULL);
        INSERT OR IGNORE INTO request_log SELECT 1, COALESCE(SUM(length(body)), 0), COUNT(*)
            FROM requests;
    """

    def __init__(self, path: Path, log_bytes: int = DEFAULT_LOG_BYTES) -> None:
        """Open the state file, or raise StateFileError saying why it cannot be used."""
        self.log_bytes = log_bytes
        if path.is_dir():
            raise StateFileError(f"state file {path} is a directory")
        if not path.parent.is_dir():
            raise StateFileError(f"state file {path}: no folder {path.parent}")
        try:
            # Autocommit mode: transactions are opened explicitly, as BEGIN IMMEDIATE for writes.
            self.connection = sqlite3.connect(
                path, isolation_level=None, timeout=STARTUP_BUSY_MS / 1000, check_same_thread=False
            )
            self.connection.execute(f"PRAGMA busy_timeout={STARTUP_BUSY_MS}")
            self.connection.execute("PRAGMA journal_mode=WAL")
            # NORMAL: a commit survives the process being killed (not a power cut); FULL fsyncs.
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.executescript(self.SCHEMA)
            # Writable, and not held by a process that is not a mock: write the header's
            # version field with the value it has.
            self.connection.execute("BEGIN IMMEDIATE")
            (version,) = self.connection.execute("PRAGMA user_version").fetchone()
            self.connection.execute(f"PRAGMA user_version={int(version)}")
            self.connection.execute("COMMIT")
        except sqlite3.Error as exc:
            reason = str(exc)
            if "locked" in reason:
                reason = "locked by another process"
            elif "readonly" in reason or "unable to open" in reason:
                reason = f"cannot be written ({reason}): the file and its folder must be writable"
            raise StateFileError(f"state file {path}: {reason}") from None
        self.connection.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        self._version: int | None = None

    def begin(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        self.connection.execute("ROLLBACK")
        self._version = None  # memory may hold half a change: reload next time

    def changed(self) -> bool:
        (version,) = self.connection.execute("PRAGMA data_version").fetchone()
        if version == self._version:
            return False
        self._version = version
        return True

    def load(self) -> Snapshot:
        """Everything saved; ValueError, naming the row, for one that is not JSON the mock
        writes."""
        snapshot = Snapshot()
        for key, stage, body in self.connection.execute("SELECT key, stage, body FROM runs"):
            project, pipeline, name = _saved(f"run {key}", stage)
            snapshot.runs.append(((project, pipeline, name), _saved(f"run {key}", body)))
        for name, body in self.connection.execute("SELECT name, body FROM documents"):
            snapshot.documents[name] = _saved(name, body)
        return snapshot

    def save_run(self, key: str, stage: tuple[str, str, str], record: dict[str, Any]) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO runs (key, stage, body) VALUES (?, ?, ?)",
            (key, json.dumps(list(stage)), json.dumps(record, allow_nan=False)),
        )

    def save_document(self, name: str, value: Any) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO documents (name, body) VALUES (?, ?)",
            (name, json.dumps(value, allow_nan=False)),
        )

    def add_request(self, record: RequestRecord) -> None:
        record.fit(self.log_bytes)
        body = json.dumps(record.to_json())
        connection = self.connection
        with connection:  # one short transaction of its own
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO requests (body) VALUES (?)", (body,))
            connection.execute(
                "UPDATE request_log SET bytes = bytes + ?, count = count + 1", (len(body),)
            )
            kept, count = connection.execute("SELECT bytes, count FROM request_log").fetchone()
            if count > MAX_REQUESTS or kept > self.log_bytes:
                self._drop_oldest(kept, count)

    def _drop_oldest(self, kept: int, count: int) -> None:
        """Drop the oldest entries until the log is within its limits (never the newest)."""
        rows = self.connection.execute(
            "SELECT seq, length(body) FROM requests ORDER BY seq LIMIT ?", (count - 1,)
        )
        last, dropped, dropped_bytes = None, 0, 0
        for seq, size in rows:
            if count - dropped <= MAX_REQUESTS and kept - dropped_bytes <= self.log_bytes:
                break
            last, dropped, dropped_bytes = seq, dropped + 1, dropped_bytes + size
        if last is not None:
            self.connection.execute("DELETE FROM requests WHERE seq <= ?", (last,))
            self.connection.execute(
                "UPDATE request_log SET bytes = bytes - ?, count = count - ?",
                (dropped_bytes, dropped),
            )

    def requests(self) -> list[dict[str, Any]]:
        rows = self.connection.execute("SELECT body FROM requests ORDER BY seq")
        return [parse(body, max_depth=FILE_MAX_DEPTH) for (body,) in rows]

    def clear_requests(self) -> None:
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self._forget_requests()

    def _forget_requests(self) -> None:
        self.connection.execute("DELETE FROM requests")
        self.connection.execute("UPDATE request_log SET bytes = 0, count = 0")

    def clear(self) -> None:
        """Forget every change (the caller holds the write transaction)."""
        self.connection.execute("DELETE FROM runs")
        self.connection.execute("DELETE FROM documents")
        self._forget_requests()


Backend = MemoryBackend | SqliteBackend

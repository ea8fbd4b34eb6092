"""Where the mock's changes live: in memory (default), or in SQLite with `--state PATH`.

With SQLite, every change is committed before its response is sent, so a restart or a `kill -9`
right after a 200 loses nothing, and several worker processes share one state: each write runs
in `BEGIN IMMEDIATE`, and a process reloads whenever `PRAGMA data_version` says that another
process committed since it last looked.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .requestlog import RequestRecord

MAX_REQUESTS = 1000


@dataclass
class Snapshot:
    """Everything saved: changed runs as (stage key, record JSON), and named documents."""

    runs: list[tuple[tuple[str, str, str], dict[str, Any]]] = field(default_factory=list)
    documents: dict[str, Any] = field(default_factory=dict)


class MemoryBackend:
    """The process's own memory holds the state; nothing to load or save."""

    persistent = False

    def __init__(self) -> None:
        self._requests: deque[RequestRecord] = deque(maxlen=MAX_REQUESTS)

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
        self._requests.append(record)

    def requests(self) -> list[dict[str, Any]]:
        return [record.to_json() for record in self._requests]

    def clear_requests(self) -> None:
        self._requests.clear()

    def clear(self) -> None:
        self._requests.clear()


class SqliteBackend:
    persistent = True
    SCHEMA = """
        CREATE TABLE IF NOT EXISTS runs (
            key TEXT PRIMARY KEY, stage TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS requests (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL);
    """

    def __init__(self, path: Path) -> None:
        # Autocommit mode: transactions are opened explicitly, as BEGIN IMMEDIATE for writes.
        self.connection = sqlite3.connect(
            path, isolation_level=None, timeout=30.0, check_same_thread=False
        )
        self.connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL: a commit survives the process being killed (not a power cut); FULL fsyncs.
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute("PRAGMA busy_timeout=30000")
        self.connection.executescript(self.SCHEMA)
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
        snapshot = Snapshot()
        for stage, body in self.connection.execute("SELECT stage, body FROM runs"):
            project, pipeline, name = json.loads(stage)
            snapshot.runs.append(((project, pipeline, name), json.loads(body)))
        for name, body in self.connection.execute("SELECT name, body FROM documents"):
            snapshot.documents[name] = json.loads(body)
        return snapshot

    def save_run(self, key: str, stage: tuple[str, str, str], record: dict[str, Any]) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO runs (key, stage, body) VALUES (?, ?, ?)",
            (key, json.dumps(list(stage)), json.dumps(record)),
        )

    def save_document(self, name: str, value: Any) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO documents (name, body) VALUES (?, ?)", (name, json.dumps(value))
        )

    def add_request(self, record: RequestRecord) -> None:
        body = json.dumps(record.to_json())
        with self.connection:  # one short transaction of its own
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.execute("INSERT INTO requests (body) VALUES (?)", (body,))
            self.connection.execute(
                "DELETE FROM requests WHERE seq <= (SELECT MAX(seq) FROM requests) - ?",
                (MAX_REQUESTS,),
            )

    def requests(self) -> list[dict[str, Any]]:
        rows = self.connection.execute("SELECT body FROM requests ORDER BY seq")
        return [json.loads(body) for (body,) in rows]

    def clear_requests(self) -> None:
        self.connection.execute("DELETE FROM requests")

    def clear(self) -> None:
        """Forget every change (the caller holds the write transaction)."""
        self.connection.execute("DELETE FROM runs")
        self.connection.execute("DELETE FROM documents")
        self.connection.execute("DELETE FROM requests")


Backend = MemoryBackend | SqliteBackend

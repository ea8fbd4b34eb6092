"""Per-token request counting for the `x-ratelimit-*` headers, and 429s past a limit.

Windows are kept by each process, in memory: they are not part of the saved state (`--state`),
so a restart starts them afresh and each `--workers` process counts the requests it serves.
Saving them made every request a write of the whole table, which grew by a row per token ever
seen. The table is bounded: expired windows are dropped when room is needed, and past
MAX_WINDOWS tokens the oldest windows go first. `POST /_mock/reset` clears the windows of every
worker: a reset bumps an epoch that is saved, and a process that sees a new epoch starts afresh.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any, NamedTuple

from .clock import Clock

WINDOW_SECONDS = 3600
DEFAULT_LIMIT = 1000  # Northflank's default: 1000 requests per hour per token
MAX_WINDOWS = 10_000


@dataclass(slots=True)
class Window:
    start: float
    used: int = 0


class Verdict(NamedTuple):
    limit: int
    remaining: int
    reset: int
    allowed: bool

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"x-ratelimit-limit", str(self.limit).encode()),
            (b"x-ratelimit-remaining", str(self.remaining).encode()),
            (b"x-ratelimit-reset", str(self.reset).encode()),
        ]


def window_key(authorization: bytes | None) -> bytes:
    """Whose window a request counts in: a digest of its credentials, the scheme's case and
    spacing aside (`bearer x`, `Bearer  x` and `BEARER x` are one token), so that no token is
    kept in memory longer than its request."""
    scheme, _, credentials = (authorization or b"").strip().partition(b" ")
    return hashlib.sha256(scheme.lower() + b" " + credentials.strip()).digest()


class RateLimiter:
    """Fixed hourly windows per token. `enforce` off: headers count down, nothing is refused."""

    def __init__(
        self, clock: Clock, limit: int | None = None, max_windows: int = MAX_WINDOWS
    ) -> None:
        self.clock = clock
        self.limit = DEFAULT_LIMIT if limit is None else limit
        self.enforce = limit is not None
        self.max_windows = max_windows
        # In order of their start (a renewed window moves to the end): the oldest come first.
        self.windows: dict[bytes, Window] = {}
        self.epoch = 0

    def hit(self, authorization: bytes | None) -> Verdict:
        """Count a request with this Authorization header (its raw value, or None)."""
        key = window_key(authorization)
        now = self.clock.now()
        window = self.windows.get(key)
        if window is None or now >= window.start + WINDOW_SECONDS:
            if window is not None:
                del self.windows[key]
            elif len(self.windows) >= self.max_windows:
                self._make_room(now)
            window = self.windows[key] = Window(now)
        reset = max(1, math.ceil(window.start + WINDOW_SECONDS - now))
        if window.used >= self.limit and self.enforce:
            return Verdict(self.limit, 0, reset, False)
        window.used += 1
        return Verdict(self.limit, max(0, self.limit - window.used), reset, True)

    def _make_room(self, now: float) -> None:
        """Drop expired windows (they come first); if none has expired, the oldest tenth."""
        expired = []
        for key, window in self.windows.items():
            if now < window.start + WINDOW_SECONDS:
                break
            expired.append(key)
        if not expired:
            expired = list(self.windows)[: max(1, self.max_windows // 10)]
        for key in expired:
            del self.windows[key]

    def reset(self) -> None:
        self.windows.clear()
        self.epoch += 1

    def dump(self) -> dict[str, int]:
        return {"epoch": self.epoch}

    def load(self, data: dict[str, Any] | None) -> None:
        """Start afresh if another process reset the mock since this one last looked."""
        epoch = (data or {}).get("epoch", 0)
        if isinstance(epoch, int) and epoch != self.epoch:
            self.windows.clear()
            self.epoch = epoch

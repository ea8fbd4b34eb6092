"""Per-token request counting for the `x-ratelimit-*` headers, and 429s past a limit."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import NamedTuple

from .clock import Clock

WINDOW_SECONDS = 3600
DEFAULT_LIMIT = 1000  # Northflank's default: 1000 requests per hour per token


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


class RateLimiter:
    """Fixed hourly windows per token. `enforce` off: headers count down, nothing is refused."""

    def __init__(self, clock: Clock, limit: int | None = None) -> None:
        self.clock = clock
        self.limit = limit or DEFAULT_LIMIT
        self.enforce = limit is not None
        self.windows: dict[str, Window] = {}

    def hit(self, authorization: bytes | None) -> Verdict:
        """Count a request with this Authorization header (its raw value, or None)."""
        # Key on a digest, so no token is kept in memory longer than a request.
        key = hashlib.sha256(authorization or b"").hexdigest()
        now = self.clock.now()
        window = self.windows.get(key)
        if window is None or now >= window.start + WINDOW_SECONDS:
            window = self.windows[key] = Window(now)
        reset = max(1, math.ceil(window.start + WINDOW_SECONDS - now))
        if window.used >= self.limit and self.enforce:
            return Verdict(self.limit, 0, reset, False)
        window.used += 1
        return Verdict(self.limit, max(0, self.limit - window.used), reset, True)

    def reset(self) -> None:
        self.windows.clear()

    def dump(self) -> dict[str, list[float]]:
        return {key: [window.start, window.used] for key, window in self.windows.items()}

    def load(self, data: dict[str, list[float]] | None) -> None:
        self.windows = {
            key: Window(start, int(used)) for key, (start, used) in (data or {}).items()
        }

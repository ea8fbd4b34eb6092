"""Everything one running mock holds, shared by the API handlers and the control endpoints."""

from __future__ import annotations

from dataclasses import dataclass

from .auth import Authenticator
from .clock import Clock
from .ratelimit import RateLimiter
from .requestlog import RequestLog
from .store import Store


@dataclass
class MockState:
    store: Store
    auth: Authenticator
    clock: Clock
    rate_limiter: RateLimiter
    requests: RequestLog

    def reset(self) -> None:
        """Back to the fixtures, with no recorded requests and fresh rate-limit windows."""
        self.store.reset()
        self.requests.clear()
        self.rate_limiter.reset()

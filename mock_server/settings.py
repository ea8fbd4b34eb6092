"""How one mock behaves: what the command line sets (cli.py), in one value."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from .domain import lifecycle
from .jsonparse import DEFAULT_MAX_DEPTH
from .spec import SPEC_PATH
from .storage.fixtures import DEFAULT_FIXTURES

DEFAULT_MAX_BODY = 1024 * 1024
# Limits on what clients can make the mock hold or wait for (docs/mock.md's table of limits).
DEFAULT_MAX_ARGUMENT_BYTES = 64 * 1024  # a created run's `arguments`, as JSON
DEFAULT_REQUEST_LOG_BYTES = 8 * 1024 * 1024  # bodies and headers kept by /_mock/requests
DEFAULT_MAX_HEADER_BYTES = 32 * 1024  # a request's line and headers
DEFAULT_KEEP_ALIVE_SECONDS = 5.0  # an idle connection is closed after this
DEFAULT_REQUEST_TIMEOUT = 30.0  # a request, head and body, must arrive within this


@dataclass(frozen=True)
class Settings:
    fixtures: Path = DEFAULT_FIXTURES
    seed: int | None = None
    tokens: Path | None = None
    strict_responses: bool = False
    manual_clock: bool = False
    durations: lifecycle.Durations = field(default_factory=lifecycle.Durations)
    max_body: int = DEFAULT_MAX_BODY
    rate_limit: int | None = None
    outcome: str = "success"
    state: Path | None = None  # SQLite file; None keeps the state in memory
    # Limits (cli.py's "limits" options).
    max_json_depth: int = DEFAULT_MAX_DEPTH
    max_argument_bytes: int = DEFAULT_MAX_ARGUMENT_BYTES
    request_log_bytes: int = DEFAULT_REQUEST_LOG_BYTES
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES  # the server's (cli.py), not the app's
    keep_alive_seconds: float = DEFAULT_KEEP_ALIVE_SECONDS  # the server's too
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT  # the server's too
    # The control plane's guard (docs/control-plane.md). `allowed_hosts` None: any Host header,
    # as for an app called in-process, where there is no network to attack.
    allowed_hosts: tuple[str, ...] | None = None
    control_token: str | None = None
    cors_origins: tuple[str, ...] = ()  # origins browser apps may call the API from; "*": any
    spec: Path = SPEC_PATH  # the spec to serve: routes, checks, fixtures' schemas, /openapi.*

    def to_json(self) -> str:
        """For worker processes, which rebuild the app from the environment."""
        data = dataclasses.asdict(self)
        return json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in data.items()})

    @classmethod
    def from_json(cls, text: str) -> Settings:
        data = json.loads(text)
        for name in ("fixtures", "tokens", "state", "spec"):
            data[name] = Path(data[name]) if data[name] is not None else None
        data["durations"] = lifecycle.Durations(**data["durations"])
        data["cors_origins"] = tuple(data.get("cors_origins", ()))
        if data.get("allowed_hosts") is not None:
            data["allowed_hosts"] = tuple(data["allowed_hosts"])
        return cls(**data)

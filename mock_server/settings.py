"""How one mock behaves: what the command line sets (cli.py), in one value."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from .domain import lifecycle
from .spec import SPEC_PATH
from .storage.fixtures import DEFAULT_FIXTURES

DEFAULT_MAX_BODY = 1024 * 1024


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
        return cls(**data)

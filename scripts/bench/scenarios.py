"""What the benchmark asks every server, and where it keeps things."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / ".cache"  # tools installed for the benchmark, and the floor's answers
RESULTS = ROOT / "bench-results"
SPEC = ROOT / "openapi" / "northflank.yaml"
TOKEN = "bench-token"
STAGE = "/v1/projects/demo-project/pipelines/demo-pipeline/release-flows/development/runs"
EXAMPLE_RUN = "110ddb52-bdcd-482d-8ac2-05ba580afe2f"
POST_BODY = json.dumps(
    {"name": "Bench run", "description": "A run started by the benchmark.", "arguments": {"A": "1"}}
)


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    body: str | None = None

    @property
    def query(self) -> str:
        return self.path.partition("?")[2]


SCENARIOS = [
    Scenario("list runs", "GET", f"{STAGE}?per_page=50"),
    Scenario("run details", "GET", f"{STAGE}/{EXAMPLE_RUN}"),
    Scenario("run release flow", "POST", STAGE, POST_BODY),
]

"""Property-based fuzzing with schemathesis (pinned) against the real mock, every operation.

Fixed seed, at least 100 examples per operation per phase, every built-in check plus the
project's format-aware schema check (tests/fuzz_hooks.py), and stateful runs through the
spec's OpenAPI links (run a release flow, then get and abort the created run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mock_server.spec import SPEC_PATH, load_spec
from tests.mockproc import MockProcess

ROOT = Path(__file__).resolve().parent.parent
TOKENS = "tokens:\n  - token: fuzz-token\n    permissions: [pipelines:read, pipelines:update, jobs:read]\n"


def _operations_and_links() -> tuple[int, int]:
    operations = [
        operation
        for item in load_spec()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    links = sum(
        len(response.get("links", {}))
        for operation in operations
        for response in operation["responses"].values()
    )
    assert len(operations) == 10 and links == 4
    return len(operations), links


def test_schemathesis_finds_nothing(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.yaml"
    tokens.write_text(TOKENS)
    # Tokens on: schemathesis also checks that bad credentials are refused.
    with MockProcess("--strict", "--manual-clock", "--seed", "1", "--tokens", str(tokens)) as mock:
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "st"), "--config-file", "tests/schemathesis.toml",
                "run", str(SPEC_PATH), "--url", mock.url,
                "-H", "Authorization: Bearer fuzz-token",
                "--checks", "all", "--max-examples", "100", "--seed", "1",
                "--workers", "1", "--no-color",
            ],
            cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
            env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.fuzz_hooks", "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        statuses = [(r.method, r.status) for r in mock.requests()]
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    operations, links = _operations_and_links()
    assert f"Operations:       {operations} selected / {operations} total" in output
    generated = re.search(r"(\d+) generated, (\d+) passed", output)
    assert generated and int(generated.group(1)) >= 100 * operations
    assert generated.group(1) == generated.group(2)
    scenarios = re.search(r"Scenarios:\s+(\d+)", output)
    assert scenarios and int(scenarios.group(1)) >= 20
    # Every OpenAPI link of the spec was followed.
    assert f"API Links:    {links} covered / {links} selected / {links} total" in output
    assert all(status is not None and status < 500 for _, status in statuses)
    assert {("GET", 200), ("POST", 200), ("POST", 409), ("GET", 400)} <= set(statuses)

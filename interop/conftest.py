"""What every interoperability check shares: where `make interop` installed the third-party
tools, and the samples they must accept (every example in the spec, and real mock answers)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mock_server.spec import load_spec
from scripts.lint_spec import iter_examples
from tests.mock_answers import MOCK_ARGS, NEW_NODE_KIND, collect, with_values_not_listed
from tests.mockproc import MockProcess

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "northflank.yaml"
TOOLS = ROOT / ".cache" / "interop"
NODE_BIN = TOOLS / "node_modules" / ".bin"
TOOLS_PYTHON = TOOLS / "venv" / "bin" / "python"
TIMEOUT = 180


@dataclass(frozen=True)
class Sample:
    name: str
    schema: str  # the component schema the body is an instance of
    body: Any
    # TypeScript types an unknown node kind as an object whose fields are `never` (what lets
    # `kind` narrow the node union), so a literal with one does not compile: see
    # docs/spec-decisions.md. Runtime validators (pydantic here) accept it.
    typed_literal: bool = True


def tool(name: str) -> Path:
    path = NODE_BIN / name if name != "python" else TOOLS_PYTHON
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make interop`, which installs the pinned tools")
    return path


def run(
    *command: str | Path, cwd: Path = ROOT, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """A tool's run, bounded in time; its output is kept for the assertion messages."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _examples() -> list[Sample]:
    return [
        Sample(f"example: {where}", ref.rsplit("/", 1)[1], value)
        for where, ref, value in iter_examples(load_spec())
    ]


@pytest.fixture(scope="session")
def samples() -> Iterator[list[Sample]]:
    with MockProcess(*MOCK_ARGS) as mock:
        answers = collect(mock)
    answers.update(with_values_not_listed(answers))
    real = [
        Sample(f"mock: {name}", schema, body, typed_literal=name != NEW_NODE_KIND)
        for name, (schema, body) in answers.items()
    ]
    yield _examples() + real


def write_samples(samples: list[Sample], path: Path) -> Path:
    path.write_text(
        json.dumps([{"name": s.name, "schema": s.schema, "body": s.body} for s in samples]),
        encoding="utf-8",
    )
    return path

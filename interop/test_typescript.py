"""openapi-typescript generates types from the spec that `tsc --strict` compiles, that every
sample satisfies as a typed literal, and whose node union narrows on `kind`. ECMAScript reads
every pattern as the reference pages do."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import yaml

from interop.conftest import SPEC, Sample, run, tool
from tests.pattern_table import CASES
from tests.spec_walk import schema_at

HERE = Path(__file__).resolve().parent
TSC = ("--strict", "--noEmit", "--target", "es2022", "--module", "commonjs", "--skipLibCheck")


def _generate(spec: Path, folder: Path) -> Path:
    types = folder / "northflank.ts"
    result = run(tool("openapi-typescript"), spec, "--output", types)
    assert result.returncode == 0, result.stdout + result.stderr
    return types


def _typed_literals(samples: list[Sample]) -> str:
    lines = ['import type { components } from "./northflank";', ""]
    for index, sample in enumerate(samples):
        lines.append(f"// {sample.name}")
        body = json.dumps(sample.body, indent=1, ensure_ascii=False)
        lines.append(
            f'export const sample{index}: components["schemas"]["{sample.schema}"] = {body};'
        )
    return "\n".join(lines) + "\n"


def test_every_sample_is_a_value_of_its_generated_type(
    tmp_path: Path, samples: list[Sample]
) -> None:
    _generate(SPEC, tmp_path)
    literals = [sample for sample in samples if sample.typed_literal]
    assert len(literals) == len(samples) - 1
    (tmp_path / "samples.ts").write_text(_typed_literals(literals), encoding="utf-8")
    shutil.copy(HERE / "narrowing.ts", tmp_path / "narrowing.ts")
    result = run(tool("tsc"), *TSC, "samples.ts", "narrowing.ts", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_narrowing_check_fails_when_unknown_nodes_declare_a_kind(tmp_path: Path) -> None:
    """The check can fail: with `kind` declared a string on UnknownNode, as a plain reading of
    "any other kind" would have it, `kind === "Workflow"` no longer narrows."""
    spec = copy.deepcopy(yaml.safe_load(SPEC.read_text(encoding="utf-8")))
    parts = spec["components"]["schemas"]["UnknownNode"]["allOf"]
    parts[1]["properties"]["kind"] = {"type": "string", "description": "Any other kind."}
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(spec), encoding="utf-8")
    _generate(plain, tmp_path)
    shutil.copy(HERE / "narrowing.ts", tmp_path / "narrowing.ts")
    result = run(tool("tsc"), *TSC, "narrowing.ts", cwd=tmp_path)
    assert result.returncode != 0 and "narrowing.ts(" in result.stdout, result.stdout


def test_ecmascript_reads_every_pattern_as_the_reference_pages_do() -> None:
    cases = [
        {
            "where": case.where,
            "spec": schema_at(case.where)[0]["pattern"],
            "page": case.page,
            "accepts": list(case.accepts),
            "refuses": list(case.refuses),
        }
        for case in CASES
    ]
    node = shutil.which("node")
    assert node, "make interop needs node"
    result = run(node, HERE / "patterns.cjs", input_text=json.dumps(cases))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []

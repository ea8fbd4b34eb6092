"""datamodel-code-generator makes pydantic models from the spec that import (pydantic-core
compiles every pattern with Rust's regex), carry meaningful names, and parse every sample,
including values the spec does not list yet."""

from __future__ import annotations

import json
import re
from pathlib import Path

from interop.conftest import SPEC, Sample, run, tool, write_samples

HERE = Path(__file__).resolve().parent
# What a generator invents for an inline schema without a title: Kind1, Data1, Error1...
NUMBERED = re.compile(r"^class ([A-Za-z]+\d+)\(", re.MULTILINE)


def _generate(folder: Path) -> Path:
    models = folder / "models.py"
    codegen = tool("python").parent / "datamodel-codegen"
    result = run(
        codegen, "--input", SPEC, "--input-file-type", "openapi",
        "--output-model-type", "pydantic_v2.BaseModel", "--target-python-version", "3.11",
        "--use-title-as-name", "--disable-timestamp", "--formatters", "builtin",
        "--output", models,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return models


def test_generated_models_have_meaningful_names(tmp_path: Path) -> None:
    source = _generate(tmp_path).read_text(encoding="utf-8")
    assert NUMBERED.findall(source) == []
    for name in ("ReleaseFlowRunListResponseData", "NodeResponseError", "WorkflowNodeKind",
                 "ReleaseFlowTriggerVcsService", "GitOpsVcsService", "UnknownNode"):  # fmt: skip
        assert f"class {name}(" in source


def test_every_sample_parses(tmp_path: Path, samples: list[Sample]) -> None:
    models = _generate(tmp_path)
    listed = write_samples(samples, tmp_path / "samples.json")
    result = run(tool("python"), HERE / "check_models.py", models, listed)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []

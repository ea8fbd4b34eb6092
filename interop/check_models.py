"""Run by make interop in its own virtualenv, where datamodel-code-generator and pydantic live:
parse every sample with the pydantic models generated from the spec.

Usage: check_models.py MODELS_PY SAMPLES_JSON. Prints a JSON list of problems (empty when every
sample parses into its response model).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any


def main() -> None:
    models_path, samples_path = Path(sys.argv[1]), Path(sys.argv[2])
    spec = importlib.util.spec_from_file_location("northflank_models", models_path)
    assert spec is not None and spec.loader is not None
    models = importlib.util.module_from_spec(spec)
    sys.modules["northflank_models"] = models
    spec.loader.exec_module(models)
    problems: list[str] = []
    samples: list[dict[str, Any]] = json.loads(samples_path.read_text(encoding="utf-8"))
    for sample in samples:
        model = getattr(models, sample["schema"])
        try:
            model.model_validate(sample["body"])
        except Exception as exc:
            problems.append(f"{sample['name']}: {exc}")
    print(json.dumps(problems))


if __name__ == "__main__":
    main()

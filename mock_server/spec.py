"""The one place that reads openapi/northflank.yaml, and validators built from its schemas."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from jsonschema.protocols import Validator
from openapi_schema_validator import OAS30Validator

from .formats import FORMAT_CHECKER

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "northflank.yaml"


@functools.cache
def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The parsed spec. Cached: treat the result as read-only."""
    with path.open(encoding="utf-8") as handle:
        spec: dict[str, Any] = yaml.safe_load(handle)
    return spec


def schema_validator(ref: str, spec: dict[str, Any] | None = None) -> Validator:
    """A validator for the schema at `ref` (a JSON pointer into the spec, `#/components/...`).

    Refs inside the schema resolve against the whole spec; formats are checked with
    Northflank's timestamp forms accepted (see formats.py).
    """
    document = load_spec() if spec is None else spec
    schema = {"$ref": ref, "components": document.get("components", {})}
    validator: Validator = OAS30Validator(schema, format_checker=FORMAT_CHECKER)
    return validator


@functools.cache
def component_validator(name: str) -> Validator:
    """The cached validator of `#/components/schemas/<name>` in the project's spec."""
    return schema_validator(f"#/components/schemas/{name}")

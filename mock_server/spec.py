"""The one place that reads openapi/northflank.yaml, and validators built from its schemas."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml
from jsonschema.protocols import Validator

from .formats import FORMAT_CHECKER

SPEC_NAME = "northflank.yaml"


def _spec_path() -> Path:
    """The spec that belongs to this code. An installed package holds it in mock_server/openapi/
    (pyproject.toml maps the top-level openapi/ folder there); a checkout, or a copy of one, has
    it in openapi/ beside the package."""
    package = Path(__file__).resolve().parent
    installed = package / "openapi" / SPEC_NAME
    return installed if installed.is_file() else package.parent / "openapi" / SPEC_NAME


SPEC_PATH = _spec_path()


# libyaml's loader when PyYAML has it (its wheels do): ten times faster than pure Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SpecError(Exception):
    """A spec file the mock cannot serve."""


@functools.cache
def spec_bytes(path: Path = SPEC_PATH) -> bytes:
    """The spec file as it is on disk (served at /openapi.yaml)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read the spec {path}: {exc}") from exc


@functools.cache
def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The parsed spec. Cached: treat the result as read-only."""
    try:
        spec: Any = yaml.load(spec_bytes(path), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise SpecError(f"the spec {path} is not YAML: {exc}") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("paths"), dict):
        raise SpecError(f"the spec {path} is not an OpenAPI document (no `paths`)")
    return spec


def resolve(node: dict[str, Any], spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """Follow `$ref`s (`#/components/...`) until an object with content is reached."""
    document = load_spec() if spec is None else spec
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_validator(ref: str, spec: dict[str, Any] | None = None) -> Validator:
    """A validator for the schema at `ref` (a JSON pointer into the spec, `#/components/...`).

    Refs inside the schema resolve against the whole spec; formats are checked with JSON
    Schema's standard checks (see formats.py).
    """
    # Imported here: it takes a fifth of a second, and serving never needs it (fixtures.py
    # only asks for it when the fast check refuses a file).
    from jsonschema.validators import extend
    from openapi_schema_validator import OAS30Validator

    from .patterns import pattern

    document = load_spec() if spec is None else spec
    schema = {"$ref": ref, "components": document.get("components", {})}
    # Patterns are ECMAScript regular expressions, as the fast check reads them (patterns.py).
    validator_class = extend(OAS30Validator, {"pattern": pattern})
    validator: Validator = validator_class(schema, format_checker=FORMAT_CHECKER)
    return validator


@functools.cache
def component_validator(name: str, path: Path = SPEC_PATH) -> Validator:
    """The cached validator of `#/components/schemas/<name>` in the spec at `path`."""
    return schema_validator(f"#/components/schemas/{name}", load_spec(path))


# Keywords of OpenAPI 3.0 schemas that JSON Schema does not know; they assert nothing.
_ANNOTATIONS = {"nullable", "example", "discriminator", "xml", "externalDocs", "deprecated",
                "readOnly", "writeOnly"}  # fmt: skip


def _json_schema(node: Any) -> Any:
    """An OpenAPI 3.0 schema as plain JSON Schema: `nullable` becomes a `null` type."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key not in _ANNOTATIONS}
    if node.get("nullable") is True:
        if isinstance(converted.get("type"), str):
            converted["type"] = [converted["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


def fast_check(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A quick yes/no for an OpenAPI 3.0 schema (jsonschema-rs, compiled here: keep the result).

    Only a fast path: whatever it refuses must be validated again by a Python validator, whose
    messages name the field. It is never more lenient than that validator: `nullable` becomes
    a `null` type, and formats are checked the same way (formats.py). Tests check both agree."""
    from .formats import is_date_time

    validator = jsonschema_rs.Draft4Validator(
        _json_schema(schema), validate_formats=True, formats={"date-time": is_date_time}
    )
    check: Callable[[Any], bool] = validator.is_valid
    return check


@functools.cache
def fast_component_check(name: str, path: Path = SPEC_PATH) -> Callable[[Any], bool]:
    """fast_check() for `#/components/schemas/<name>` of the spec at `path`, compiled once."""
    components = {"schemas": load_spec(path)["components"]["schemas"]}
    return fast_check({"$ref": f"#/components/schemas/{name}", "components": components})


@dataclass(frozen=True)
class ObjectFields:
    """The fields a component schema gives an object: those it declares (in the spec's order,
    its `allOf` parts' first), those it requires, and whether it admits others."""

    declared: tuple[str, ...]
    required: frozenset[str]
    open: bool  # no part says `additionalProperties: false`

    def admits(self, name: str) -> bool:
        return self.open or name in self.declared


@functools.cache
def object_fields(name: str, path: Path = SPEC_PATH) -> ObjectFields:
    """The fields of `#/components/schemas/<name>` in the spec at `path`."""
    spec = load_spec(path)
    declared: dict[str, None] = {}  # ordered set
    required: set[str] = set()
    is_open = True

    def walk(node: dict[str, Any]) -> None:
        nonlocal is_open
        node = resolve(node, spec)
        for part in node.get("allOf", []):
            walk(part)
        declared.update(dict.fromkeys(node.get("properties", {})))
        required.update(node.get("required", []))
        if node.get("additionalProperties") is False:
            is_open = False

    walk({"$ref": f"#/components/schemas/{name}"})
    return ObjectFields(tuple(declared), frozenset(required), is_open)

"""Read schemas out of the spec the way a reader of the reference pages would."""

from __future__ import annotations

from typing import Any

from mock_server.spec import load_spec, resolve


def flatten(schema: dict[str, Any], spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """A schema's properties and required list, with `allOf` parts merged."""
    schema = resolve(schema, spec)
    properties: dict[str, Any] = {}
    required: set[str] = set()
    for part in schema.get("allOf", []):
        merged = flatten(part, spec)
        properties.update(merged["properties"])
        required.update(merged["required"])
    properties.update(schema.get("properties", {}))
    required.update(schema.get("required", []))
    return {**schema, "properties": properties, "required": sorted(required)}


def schema_at(path: str, spec: dict[str, Any] | None = None) -> tuple[dict[str, Any], bool]:
    """The schema at `Component.prop.sub` (`[]` steps into array items), and if it is required."""
    document = load_spec() if spec is None else spec
    head, *steps = path.split(".")
    node = flatten({"$ref": f"#/components/schemas/{head}"}, document)
    required = True
    for step in steps:
        items = step.endswith("[]")
        name = step.removesuffix("[]")
        parent = flatten(node, document)
        required = name in parent["required"]
        node = resolve(parent["properties"][name], document)
        if items:
            node = resolve(node["items"], document)
    return node, required


def known_part(schema: dict[str, Any], spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """The enum of known values of a growing enum (`anyOf: [<enum>, {type: string}]`); any other
    schema as it is."""
    parts = schema.get("anyOf")
    if isinstance(parts, list) and len(parts) == 2 and parts[1].get("type") == "string":
        known = resolve(parts[0], spec)
        if "enum" in known:
            return known
    return schema

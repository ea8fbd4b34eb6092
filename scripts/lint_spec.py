"""Lint openapi/northflank.yaml beyond validity: what a careful reviewer would ask for.

Every operation has an operationId, summary, description, tags, a link to its reference page
(externalDocs) and documented 4xx answers, each with an example that is true for it (the status it
is documented under; on a 403, the permission the operation requires); every parameter and
response is described; every schema and property has a type (or a $ref or composition) and a
description; every inline schema that generators turn into a type of its own (an object with
properties, a map, an enum) has a title of its own; every example validates against its schema;
text that readers see (summaries, descriptions) tells what the API does, not where the document
got it from (that goes in `x-provenance`); `info` names a contact and a license.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mock_server.spec import SPEC_PATH, resolve, schema_validator  # noqa: E402

COMPOSITION = ("allOf", "oneOf", "anyOf")
REFERENCE_DOCS = "https://northflank.com/docs/v1/api/"
# Where a text tells its provenance instead of the API's behaviour.
PROVENANCE = re.compile(
    r"reference page|official client|newest client|live API|Northflank docs", re.IGNORECASE
)
PERMISSION = re.compile(r"Required permission: (.+?)\.?$", re.MULTILINE)


def iter_examples(spec: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(where, schema $ref, example value) for every example of every operation."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            bodies = [("request", operation.get("requestBody", {}))]
            bodies += [(status, resolve(r, spec)) for status, r in operation["responses"].items()]
            for label, body in bodies:
                for media in resolve(body, spec).get("content", {}).values():
                    for name, example in media.get("examples", {}).items():
                        where = f"{method.upper()} {path} {label} example {name!r}"
                        yield where, media["schema"]["$ref"], resolve(example, spec)["value"]


def _schema_problems(schema: dict[str, Any], where: str, described: bool) -> Iterator[str]:
    """Problems of a schema; `described`: it must carry its own description (named schemas and
    properties; array items and the parts of a composition are described by their parent)."""
    if "$ref" in schema:
        return
    if "type" not in schema and not any(key in schema for key in COMPOSITION):
        yield f"{where}: no type"
    if described and not schema.get("description"):
        yield f"{where}: no description"
    for name, prop in schema.get("properties", {}).items():
        yield from _schema_problems(prop, f"{where}.{name}", described=True)
    if isinstance(schema.get("items"), dict):
        yield from _schema_problems(schema["items"], f"{where}[]", described=False)
    for key in COMPOSITION:
        for index, part in enumerate(schema.get(key, [])):
            yield from _schema_problems(part, f"{where}.{key}[{index}]", described=False)


def _becomes_a_type(schema: dict[str, Any]) -> bool:
    """Generators give such an inline schema a class or type of its own, named after it."""
    return bool(schema.get("properties") or schema.get("enum")) or (
        isinstance(schema.get("additionalProperties"), (dict, bool))
        and schema.get("type") == "object"
    )


def _inline_schemas(schema: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The inline schemas inside a schema that a generator names after their place: properties,
    array items and the alternatives of a oneOf/anyOf (allOf parts merge into their parent)."""
    children: list[tuple[str, Any]] = [
        (f"{where}.{name}", prop) for name, prop in schema.get("properties", {}).items()
    ]
    if isinstance(schema.get("items"), dict):
        children.append((f"{where}[]", schema["items"]))
    for key in ("oneOf", "anyOf"):
        children += [(f"{where}.{key}[{i}]", part) for i, part in enumerate(schema.get(key, []))]
    for index, part in enumerate(schema.get("allOf", [])):
        yield from _inline_schemas(part, f"{where}.allOf[{index}]")
    for child_where, child in children:
        if isinstance(child, dict) and "$ref" not in child:
            yield child_where, child
            yield from _inline_schemas(child, child_where)


def _title_problems(spec: dict[str, Any]) -> Iterator[str]:
    components = spec.get("components", {}).get("schemas", {})
    titles: dict[str, str] = {}
    for name, schema in components.items():
        for where, inline in _inline_schemas(schema, f"schema {name}"):
            title = inline.get("title")
            if not title:
                if _becomes_a_type(inline):
                    yield f"{where}: an inline schema that becomes a type has no title"
                continue
            if title in components:
                yield f"{where}: title {title!r} is also a component's name"
            elif title in titles:
                yield f"{where}: title {title!r} is also the title of {titles[title]}"
            titles[title] = where


def _texts(node: Any, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every summary and description readers see; `x-` extensions excluded."""
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key).startswith("x-"):
                continue
            if key in ("summary", "description") and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from _texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{where}[{index}]")


def _error_example_problems(
    spec: dict[str, Any], where: str, operation: dict[str, Any]
) -> Iterator[str]:
    permission = PERMISSION.search(operation.get("description", ""))
    for status, response in operation.get("responses", {}).items():
        if not str(status).startswith("4"):
            continue
        examples = [
            resolve(example, spec).get("value", {})
            for media in resolve(response, spec).get("content", {}).values()
            for example in media.get("examples", {}).values()
        ]
        if not examples:
            yield f"{where} {status}: no example"
        for value in examples:
            error = value.get("error", {}) if isinstance(value, dict) else {}
            if str(error.get("status")) != str(status):
                yield f"{where} {status}: an example has status {error.get('status')!r}"
            if (
                str(status) == "403"
                and permission
                and permission[1] not in error.get("message", "")
            ):
                needed = permission[1] if permission else ""
                yield f"{where} 403: an example does not name the permission {needed!r}"


def lint(spec: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    info = spec.get("info", {})
    for key in ("contact", "license"):
        if not info.get(key):
            problems.append(f"info: no {key}")
    for where, text in _texts(spec, "spec"):
        if PROVENANCE.search(text):
            problems.append(f"{where}: provenance in text readers see; move it to x-provenance")
    problems.extend(_title_problems(spec))
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            for key in ("operationId", "summary", "description", "tags"):
                if not operation.get(key):
                    problems.append(f"{where}: no {key}")
            docs = operation.get("externalDocs", {}).get("url", "")
            if not docs.startswith(REFERENCE_DOCS):
                problems.append(f"{where}: no externalDocs link to its reference page")
            responses = operation.get("responses", {})
            if not any(str(status).startswith("4") for status in responses):
                problems.append(f"{where}: no documented 4xx response")
            problems.extend(_error_example_problems(spec, where, operation))
            for status, response in responses.items():
                if not resolve(response, spec).get("description"):
                    problems.append(f"{where} {status}: no description")
            for parameter in operation.get("parameters", []):
                parameter = resolve(parameter, spec)
                for key in ("description", "schema"):
                    if not parameter.get(key):
                        problems.append(f"{where} parameter {parameter.get('name')}: no {key}")
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        problems.extend(_schema_problems(schema, f"schema {name}", described=True))
    for where, ref, value in iter_examples(spec):
        for error in schema_validator(ref, spec).iter_errors(value):
            path = "/".join(str(part) for part in error.absolute_path) or "(top)"
            problems.append(f"{where}: {path}: {error.message}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path, default=SPEC_PATH)
    args = parser.parse_args()
    problems = lint(yaml.safe_load(args.spec.read_text(encoding="utf-8")))
    for problem in problems:
        print(f"{args.spec.name}: {problem}")
    if problems:
        sys.exit(f"{len(problems)} problem(s) in {args.spec}")
    print(f"{args.spec.name}: no lint problems")


if __name__ == "__main__":
    main()

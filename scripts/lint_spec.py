"""Lint openapi/northflank.yaml beyond validity: what a careful reviewer would ask for.

Every operation has an operationId, summary, description, tags and documented 4xx answers;
every parameter and response is described; every schema and property has a type (or a $ref or
composition) and a description; every example validates against its schema.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mock_server.spec import SPEC_PATH, resolve, schema_validator  # noqa: E402

COMPOSITION = ("allOf", "oneOf", "anyOf")


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


def lint(spec: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            for key in ("operationId", "summary", "description", "tags"):
                if not operation.get(key):
                    problems.append(f"{where}: no {key}")
            responses = operation.get("responses", {})
            if not any(str(status).startswith("4") for status in responses):
                problems.append(f"{where}: no documented 4xx response")
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

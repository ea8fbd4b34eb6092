"""Which operation of the spec a request is for, before connexion routes it (for faults and
`Prefer`), and the examples the spec gives for each of its responses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .spec import load_spec, resolve


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    pattern: re.Pattern[str]
    # status -> example name -> example value
    examples: dict[int, dict[str, Any]] = field(default_factory=dict)


def load_operations(spec: dict[str, Any] | None = None) -> list[Operation]:
    spec = load_spec() if spec is None else spec
    operations = []
    for path, item in spec["paths"].items():
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))
        for method, operation in item.items():
            examples: dict[int, dict[str, Any]] = {}
            for status, response in operation.get("responses", {}).items():
                media = resolve(response, spec).get("content", {}).get("application/json", {})
                named = media.get("examples", {})
                examples[int(status)] = {
                    name: resolve(example, spec)["value"] for name, example in named.items()
                }
            operations.append(
                Operation(
                    operation["operationId"], method.upper(), re.compile(f"^{regex}$"), examples
                )
            )
    return operations


class OperationIndex:
    def __init__(self, operations: list[Operation] | None = None) -> None:
        self.operations = load_operations() if operations is None else operations
        self.ids = {operation.operation_id for operation in self.operations}

    def match(self, method: str, path: str) -> Operation | None:
        for operation in self.operations:
            if operation.method == method and operation.pattern.match(path):
                return operation
        return None

"""Schemathesis hooks for tests/test_fuzz.py (loaded through SCHEMATHESIS_HOOKS).

Schemathesis's structural check runs with format checks off (tests/schemathesis.toml); this check
validates every documented response again with the mock's own validator, every format checked
(strict RFC 3339 date-times, as everywhere else in the project: mock_server/formats.py).
"""

from __future__ import annotations

from typing import Any

import schemathesis

from mock_server.spec import load_spec, schema_validator


def _response_schema_ref(operation_id: str, status: int) -> str | None:
    spec = load_spec()
    for item in spec["paths"].values():
        for operation in item.values():
            if operation.get("operationId") != operation_id:
                continue
            response = operation["responses"].get(str(status))
            if response is None:
                return None
            if "$ref" in response:
                name = response["$ref"].rsplit("/", 1)[1]
                response = spec["components"]["responses"][name]
            ref: str = response["content"]["application/json"]["schema"]["$ref"]
            return ref
    return None


@schemathesis.check
def response_conforms_with_formats(ctx: Any, response: Any, case: Any) -> None:
    operation_id = case.operation.definition.raw.get("operationId")
    ref = _response_schema_ref(operation_id, response.status_code)
    if ref is None:
        return  # undocumented status: status_code_conformance reports it
    problems = [
        f"{'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
        for error in schema_validator(ref).iter_errors(response.json())
    ]
    if problems:
        raise AssertionError(f"{operation_id} {response.status_code} does not conform: {problems}")

"""Regenerate generated/northflank-release-client from openapi/northflank.yaml.

The spec is first adapted to this client (`for_this_client`: growing enums become this client's
tolerant enums, inline titles are left to the generator's own naming, an unknown node's `kind`
is declared); openapi-python-client (pinned) then renders it with the template overrides in
scripts/client_templates/; the convenience modules in scripts/client_extensions/ are copied into
the package; the facade and the package README are rendered (scripts/client_facade.py); the
pinned ruff formats the result; then the old output is replaced whole, so no
module of a removed operation survives. Any generator warning fails the run.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as `python scripts/generate_client.py`
    sys.path.insert(0, str(ROOT))

from scripts import client_facade  # noqa: E402

SPEC = ROOT / "openapi" / "northflank.yaml"
CONFIG = ROOT / "openapi" / "client-config.yaml"
TEMPLATES = ROOT / "scripts" / "client_templates"
EXTENSIONS = ROOT / "scripts" / "client_extensions"
OUTPUT = ROOT / "generated" / "northflank-release-client"
PACKAGE = "northflank_release_client"
BIN = Path(sys.executable).parent


class GenerationError(RuntimeError):
    """openapi-python-client or ruff failed, or warned."""


def _run(command: list[str], cwd: Path | None = None) -> str:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise GenerationError(f"{' '.join(command[:2])} failed:\n{output}")
    return output


def _schemas(node: Any) -> list[dict[str, Any]]:
    """Every schema-like mapping under `node`, outermost first."""
    found: list[dict[str, Any]] = []
    pending = [node]
    while pending:
        current = pending.pop(0)
        if isinstance(current, dict):
            found.append(current)
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return found


def _is_growing_enum(schema: dict[str, Any], spec: dict[str, Any]) -> bool:
    """`anyOf: [<an enum of strings>, {type: string}]`: the known values, or any other string."""
    parts = schema.get("anyOf")
    if not isinstance(parts, list) or len(parts) != 2:
        return False
    known, other = parts
    if "$ref" in known:
        known = spec["components"]["schemas"][known["$ref"].rsplit("/", 1)[1]]
    return "enum" in known and other.get("type") == "string" and "enum" not in other


def close_growing_enums(spec: dict[str, Any]) -> None:
    """Growing enums as their known values: this client's enum template already keeps any other
    string as an unknown member (`is_known` False), and so keeps typed members for the rest."""
    for schema in _schemas(spec):
        if _is_growing_enum(schema, spec):
            known = schema.pop("anyOf")[0]
            outer = {key: value for key, value in schema.items() if key == "description"}
            schema.clear()
            schema.update(known if "$ref" in known else {**known, **outer})


def drop_inline_titles(spec: dict[str, Any]) -> None:
    """openapi-python-client prefixes an inline schema's title with its parent's name; its own
    naming of inline schemas already gives the names the spec uses as titles."""
    for schema in spec.get("components", {}).get("schemas", {}).values():
        for inner in _schemas(schema)[1:]:
            inner.pop("title", None)
    for schema in _schemas(spec.get("paths", {})):
        schema.pop("title", None)


def declare_unknown_node_kind(spec: dict[str, Any]) -> None:
    """The spec constrains an unknown node's `kind` without declaring it (so that TypeScript can
    narrow the node union); this client declares it, as the string it is."""
    parts = spec["components"]["schemas"]["UnknownNode"]["allOf"]
    constraint = next(part for part in parts if "kind" in part.get("required", []))
    constraint["properties"] = {
        "kind": {
            "type": "string",
            "description": "The kind of node, one this document does not list.",
        }
    }


def for_this_client(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as openapi-python-client should see it for this client."""
    adapted = copy.deepcopy(spec)
    close_growing_enums(adapted)
    drop_inline_titles(adapted)
    declare_unknown_node_kind(adapted)
    return adapted


def render(spec: Path, project_dir: Path) -> None:
    """Write the client project for `spec` into `project_dir` (which must not exist)."""
    adapted = project_dir.parent / f"{spec.stem}.for-client.json"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    adapted.write_text(json.dumps(for_this_client(document), indent=1), encoding="utf-8")
    output = _run(
        [
            str(BIN / "openapi-python-client"), "generate",
            "--path", str(adapted),
            "--config", str(CONFIG),
            "--custom-template-path", str(TEMPLATES),
            "--meta", "setup",
            "--output-path", str(project_dir),
            "--fail-on-warning",
        ]
    )  # fmt: skip
    # The generator exits 0 on some warnings (a skipped post-hook, say): treat any as fatal.
    if "Warning" in output or "Error" in output:
        raise GenerationError(f"openapi-python-client reported problems:\n{output}")
    for module in sorted(EXTENSIONS.glob("*.py")):
        shutil.copyfile(module, project_dir / PACKAGE / module.name)
    render_facade(adapted, project_dir)  # the same document the generator read
    ruff = str(BIN / "ruff")
    _run([ruff, "check", "--fix", "--quiet", "--no-cache", "."], cwd=project_dir)
    _run([ruff, "format", "--quiet", "--no-cache", "."], cwd=project_dir)


def render_facade(spec: Path, project_dir: Path) -> None:
    """Add the facade module (Northflank, AsyncNorthflank) and the package README that describes
    it (see scripts/client_facade.py)."""
    try:
        client_facade.render(spec, CONFIG, TEMPLATES, project_dir)
    except client_facade.FacadeError as exc:
        raise GenerationError(f"cannot build the facade: {exc}") from exc


def generate(spec: Path = SPEC, output: Path = OUTPUT) -> None:
    """Replace `output` with the client generated from `spec`."""
    with tempfile.TemporaryDirectory() as scratch:
        project_dir = Path(scratch) / output.name
        render(spec, project_dir)
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(project_dir, output)


# What installing, building or checking the package leaves behind; never part of the output.
ARTIFACTS = ("__pycache__", ".mypy_cache", ".ruff_cache", "build", "dist")


def _is_artifact(part: str) -> bool:
    return part in ARTIFACTS or part.endswith(".egg-info")


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not any(_is_artifact(p) for p in path.relative_to(root).parts)
    }


def drift(spec: Path = SPEC, output: Path = OUTPUT) -> list[str]:
    """Files of `output` that differ from what `spec` generates now (changed, added, removed)."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / output.name
        render(spec, fresh)
        expected, actual = _files(fresh), _files(output) if output.exists() else {}
    return sorted(
        name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=SPEC, help="the OpenAPI document")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the project folder to write")
    parser.add_argument("--check", action="store_true", help="only report drift; write nothing")
    args = parser.parse_args()
    try:
        if args.check:
            stale = drift(args.spec, args.output)
            if stale:
                listed = "\n".join(f"  {args.output / name}" for name in stale)
                sys.exit(f"generated code is out of date; run `make generate`:\n{listed}")
            print("generated code is up to date")
            return
        generate(args.spec, args.output)
    except GenerationError as exc:
        sys.exit(f"make generate: {exc}")
    print(f"generated {args.output}")


if __name__ == "__main__":
    main()

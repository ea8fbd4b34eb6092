"""Regenerate generated/northflank-release-client from openapi/northflank.yaml.

openapi-python-client (pinned) renders the spec with the template overrides in
scripts/client_templates/; the convenience modules in scripts/client_extensions/ are copied into
the package; the facade and the package README are rendered (scripts/client_facade.py); the
pinned ruff formats the result; then the old output is replaced whole, so no
module of a removed operation survives. Any generator warning fails the run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def render(spec: Path, project_dir: Path) -> None:
    """Write the client project for `spec` into `project_dir` (which must not exist)."""
    output = _run(
        [
            str(BIN / "openapi-python-client"), "generate",
            "--path", str(spec),
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
    render_facade(spec, project_dir)
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

"""`make image` (`python -m scripts.container build`): build the mock's container image from the
Containerfile, with podman, or with docker when its daemon answers and podman is absent.

The base image is the Containerfile's default (python:3.12-slim) unless `--base` or
NORTHFLANK_MOCK_IMAGE_BASE names another. When the default cannot be pulled (no registry
reachable) and mmdebstrap is installed, a base is made from Debian's own packages instead
(Debian's Python 3.11 and its venv module), once, and kept as LOCAL_BASE.

With podman, the limits and runtime some machines need (a root that may not raise podman's
default open-file and process limits; crun on a hybrid cgroup v1 host) go into a containers.conf
under .cache/, unless CONTAINERS_CONF already names one.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGE = "northflank-mock"
DEFAULT_BASE = "python:3.12-slim"
LOCAL_BASE = "localhost/northflank-mock-base:bookworm"
BASE_VARIABLE = "NORTHFLANK_MOCK_IMAGE_BASE"
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
CONF = ROOT / ".cache" / "containers" / "containers.conf"
BUILD_LABEL = "io.northflank-mock.build=1"  # on this project's build images (Containerfile)


class NoEngine(RuntimeError):
    """Neither podman nor a running docker is available."""


def engine() -> str:
    """The container engine to use: podman, else docker when its daemon answers."""
    if shutil.which("podman"):
        return "podman"
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "info"], capture_output=True, timeout=30, check=False)
        if probe.returncode == 0:
            return "docker"
        raise NoEngine("docker is installed but its daemon does not answer (docker info)")
    raise NoEngine("no container engine: install podman (apt-get install podman) or docker")


def environment(tool: str) -> dict[str, str]:
    """The environment to run the engine in."""
    env = dict(os.environ)
    if tool == "podman" and "CONTAINERS_CONF" not in env:
        CONF.parent.mkdir(parents=True, exist_ok=True)
        CONF.write_text(podman_conf())
        env["CONTAINERS_CONF"] = str(CONF)
    return env


def podman_conf() -> str:
    """Containers start with the limits this user may actually set; runc where crun fails."""
    files = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    processes = resource.getrlimit(resource.RLIMIT_NPROC)[1]
    pid_max = Path("/proc/sys/kernel/pid_max")
    if pid_max.exists():
        most = int(pid_max.read_text())
        processes = most if processes == resource.RLIM_INFINITY else min(processes, most)
    limits = []
    if files != resource.RLIM_INFINITY:
        limits.append(f'"nofile={files}:{files}"')
    if processes != resource.RLIM_INFINITY:
        limits.append(f'"nproc={processes}:{processes}"')
    lines = ["# Written by scripts/container.py.", "[containers]"]
    lines.append(f"default_ulimits = [{', '.join(limits)}]")
    unified = Path("/sys/fs/cgroup/cgroup.controllers").exists()
    if shutil.which("runc") and not unified:
        lines += ["", "[engine]", 'runtime = "runc"']
    return "\n".join(lines) + "\n"


def run(tool: str, *args: str, timeout: float = 600, check: bool = True) -> str:
    result = subprocess.run(
        [tool, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=environment(tool),
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{tool} {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-4000:]}"
        )
    return result.stdout.strip()


def image_exists(tool: str, image: str) -> bool:
    result = subprocess.run(
        [tool, "image", "inspect", image],
        capture_output=True,
        timeout=60,
        check=False,
        env=environment(tool),
    )
    return result.returncode == 0


def base_image(tool: str, given: str | None = None) -> str:
    """The base to build on (see the module's docstring)."""
    chosen = given or os.environ.get(BASE_VARIABLE)
    if chosen:
        return chosen
    if image_exists(tool, DEFAULT_BASE):
        return DEFAULT_BASE
    pulled = subprocess.run(
        [tool, "pull", DEFAULT_BASE],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=environment(tool),
    )
    if pulled.returncode == 0:
        return DEFAULT_BASE
    if image_exists(tool, LOCAL_BASE):
        return LOCAL_BASE
    if not shutil.which("mmdebstrap") or tool != "podman":
        raise RuntimeError(
            f"cannot pull {DEFAULT_BASE} ({pulled.stderr.strip()[-300:]}); name a base image "
            f"with --base or {BASE_VARIABLE}, or install mmdebstrap to make one from Debian"
        )
    print(f"{DEFAULT_BASE} cannot be pulled: making {LOCAL_BASE} with mmdebstrap", flush=True)
    packages = "python3,python3-venv,ca-certificates"
    debootstrap = subprocess.Popen(
        ["mmdebstrap", "--variant=minbase", f"--include={packages}", "bookworm", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    imported = subprocess.run(
        [tool, "import", "-", LOCAL_BASE],
        stdin=debootstrap.stdout,
        capture_output=True,
        timeout=900,
        check=False,
        env=environment(tool),
    )
    assert debootstrap.stdout is not None
    debootstrap.stdout.close()
    if debootstrap.wait(timeout=900) != 0 or imported.returncode != 0:
        raise RuntimeError(f"could not make {LOCAL_BASE}: {imported.stderr.decode()[-2000:]}")
    return LOCAL_BASE


def version() -> str:
    return importlib.metadata.version("northflank-release-mock")


def build(base: str | None = None, tag: str | None = None) -> str:
    """Build the image; its tag (northflank-mock:<version>, also tagged latest)."""
    tool = engine()
    chosen = base_image(tool, base)
    tag = tag or f"{IMAGE}:{version()}"
    args = [
        "build",
        "--file",
        str(ROOT / "Containerfile"),
        "--tag",
        tag,
        "--tag",
        f"{IMAGE}:latest",
    ]
    args += ["--build-arg", f"BASE={chosen}"]
    if tool == "podman":
        args += ["--format", "docker"]  # the OCI format has no HEALTHCHECK
        if HOST_CA_BUNDLE.exists():
            # pip inside the build trusts what the host trusts (a proxy's CA, say).
            args += ["--volume", f"{HOST_CA_BUNDLE}:{HOST_CA_BUNDLE}:ro"]
    run(tool, *args, str(ROOT), timeout=900)
    # The wheel stage, and earlier builds whose tags moved to this one, are left untagged.
    run(tool, "image", "prune", "--force", "--filter", f"label={BUILD_LABEL}", timeout=300)
    return tag


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.container", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    building = commands.add_parser("build", help="build the image")
    building.add_argument("--base", help=f"base image (default {DEFAULT_BASE}, see above)")
    building.add_argument("--tag", help=f"image tag (default {IMAGE}:<version>)")
    args = parser.parse_args(argv)
    try:
        tag = build(args.base, args.tag)
    except (NoEngine, RuntimeError) as exc:
        sys.exit(f"make image: {exc}")
    print(f"built {tag} (and {IMAGE}:latest)")


if __name__ == "__main__":
    main()

"""The load generator and the server to compare with: found, or installed after saying what is
installed, where, and why."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .scenarios import CACHE

PRISM_VERSION = "5.16.0"
PRISM = CACHE / "prism" / "node_modules" / ".bin" / "prism"


def ensure_wrk() -> str:
    """wrk's path; installed with apt-get when missing and this process may."""
    found = shutil.which("wrk")
    if found:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print(
            "make bench loads each server with wrk, an HTTP load generator, which is not "
            "installed.\nInstalling the Debian package `wrk` system-wide: "
            "apt-get install -y wrk (apt-get update first if the package is not found) ...",
            flush=True,
        )
        install = ["apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, capture_output=True, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=False)
            subprocess.run(install, capture_output=True, check=False)
        found = shutil.which("wrk")
        if found:
            return found
    sys.exit("make bench needs wrk: install it with `sudo apt-get install wrk` (Debian/Ubuntu)")


def ensure_prism() -> Path:
    """Prism's path; installed with npm into .cache/ when missing."""
    if PRISM.exists():
        return PRISM
    if not shutil.which("npm"):
        sys.exit("make bench needs npm to install @stoplight/prism-cli (or run with --no-prism)")
    where = PRISM.parent.parent.parent
    print(
        "make bench compares the mock with Prism, Stoplight's mock server for the same spec, "
        "which is not installed here.\n"
        f"Installing @stoplight/prism-cli@{PRISM_VERSION} with npm into {where} "
        "(for this project only: delete .cache/ to remove it) ...",
        flush=True,
    )
    subprocess.run(
        ["npm", "install", "--prefix", str(CACHE / "prism"), "--no-audit", "--no-fund",
         "--loglevel=error", f"@stoplight/prism-cli@{PRISM_VERSION}"],
        check=True,
    )  # fmt: skip
    return PRISM

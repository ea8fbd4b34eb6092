"""Worker processes (`--workers`) end with their master, however it ends.

uvicorn's master stops its workers when it is asked to stop; killed outright (`kill -9`), it
cannot, and its workers went on serving the port and writing the state file. Each worker asks
Linux to send it SIGTERM when its parent dies (PR_SET_PDEATHSIG), and, where that is not
available, watches its parent's pid; either way it shuts down as on Ctrl-C, and it exits at
once if that has not finished within EXIT_GRACE seconds.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5
EXIT_GRACE = 2.0


def follow_parent() -> None:
    """From now on, end this process soon after its parent ends.

    The parent is the process that spawned this one (multiprocessing records its pid), not the
    parent of the moment: a worker still starting up when its master is killed has already been
    re-parented, and would otherwise follow its new parent instead."""
    spawned_by = multiprocessing.parent_process()
    parent = spawned_by.pid if spawned_by is not None and spawned_by.pid else os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    threading.Thread(target=_watch, args=(parent,), name="follow-parent", daemon=True).start()


def _watch(parent: int) -> None:
    """Poll the parent's pid (the parent may have died before prctl took effect)."""
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(EXIT_GRACE)
    os._exit(1)

"""Ids of the runs created through the API.

They need to be unique, not secret: uuid4's system call per id would cost every POST. Without a
seed they come from a process-local generator (seeded from the OS, and again in a forked worker);
with `--seed N` the n-th created run gets the same id on every start.
"""

from __future__ import annotations

import os
import random
import uuid

_UNSEEDED = random.Random()
os.register_at_fork(after_in_child=_UNSEEDED.seed)


class RunIds:
    def __init__(self, seed: int | None) -> None:
        self.seed = seed
        self.issued = 0  # saved with the state, so a seeded sequence continues after a restart

    def next(self) -> str:
        self.issued += 1
        rng = _UNSEEDED if self.seed is None else random.Random(f"{self.seed}:{self.issued}")
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

"""Jobs and their builds: read-only, each build encoded to JSON once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.clock import parse_timestamp
from ..domain.pagination import paginate
from .encoding import encode
from .fixtures import JobFixture, JobKey, oldest_first


@dataclass
class Job:
    key: JobKey
    builds: list[tuple[int, bytes]]  # (seq, the build's JSON), oldest first

    @classmethod
    def from_fixture(cls, key: JobKey, fixture: JobFixture) -> Job:
        ordered = oldest_first(fixture.builds, _build_time)
        return cls(key, list(enumerate((encode(build) for build in ordered), start=1)))

    def page(
        self, *, per_page: int, page: int | None, cursor: str | None
    ) -> tuple[list[bytes], dict[str, Any]]:
        """A page of builds, newest first, each as JSON bytes, and its pagination block."""
        result = paginate(
            self.builds, _seq, "builds:" + "/".join(self.key),
            per_page=per_page, page=page, cursor=cursor,
        )  # fmt: skip
        return [build for _, build in result.items], result.pagination()


def _build_time(build: dict[str, Any]) -> float:
    created = build.get("createdAt")
    return parse_timestamp(created) if isinstance(created, str) else float("-inf")


def _seq(entry: tuple[int, bytes]) -> int:
    return entry[0]

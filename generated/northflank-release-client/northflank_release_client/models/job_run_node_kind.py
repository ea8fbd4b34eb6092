from enum import StrEnum
from typing import Literal, TypeAlias


class JobRunNodeKind(StrEnum):
    JOBRUN = "JobRun"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "JobRunNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, JobRunNodeKind] = {member.value: member for member in JobRunNodeKind}

JobRunNodeKindValue: TypeAlias = Literal["JobRun"]
"""The values of JobRunNodeKind this client knows, as a type."""

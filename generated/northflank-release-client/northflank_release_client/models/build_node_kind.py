from enum import StrEnum
from typing import Literal, TypeAlias


class BuildNodeKind(StrEnum):
    BUILD = "Build"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "BuildNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, BuildNodeKind] = {member.value: member for member in BuildNodeKind}

BuildNodeKindValue: TypeAlias = Literal["Build"]
"""The values of BuildNodeKind this client knows, as a type."""

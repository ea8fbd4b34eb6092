from enum import StrEnum
from typing import Literal, TypeAlias


class ReleaseNodeKind(StrEnum):
    RELEASE = "Release"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "ReleaseNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, ReleaseNodeKind] = {member.value: member for member in ReleaseNodeKind}

ReleaseNodeKindValue: TypeAlias = Literal["Release"]
"""The values of ReleaseNodeKind this client knows, as a type."""

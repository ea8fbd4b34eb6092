from enum import StrEnum
from typing import Literal, TypeAlias


class LoopDataNodeKind(StrEnum):
    LOOPDATA = "LoopData"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "LoopDataNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, LoopDataNodeKind] = {member.value: member for member in LoopDataNodeKind}

LoopDataNodeKindValue: TypeAlias = Literal["LoopData"]
"""The values of LoopDataNodeKind this client knows, as a type."""

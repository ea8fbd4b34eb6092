from enum import StrEnum
from typing import Literal, TypeAlias


class ActionNodeKind(StrEnum):
    ACTION = "Action"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "ActionNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, ActionNodeKind] = {member.value: member for member in ActionNodeKind}

ActionNodeKindValue: TypeAlias = Literal["Action"]
"""The values of ActionNodeKind this client knows, as a type."""

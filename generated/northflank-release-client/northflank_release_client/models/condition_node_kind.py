from enum import StrEnum
from typing import Literal, TypeAlias


class ConditionNodeKind(StrEnum):
    CONDITION = "Condition"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "ConditionNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, ConditionNodeKind] = {member.value: member for member in ConditionNodeKind}

ConditionNodeKindValue: TypeAlias = Literal["Condition"]
"""The values of ConditionNodeKind this client knows, as a type."""

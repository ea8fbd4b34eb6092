from enum import StrEnum
from typing import Literal, TypeAlias


class RolloutStrategyNodeKind(StrEnum):
    ROLLOUTSTRATEGY = "RolloutStrategy"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "RolloutStrategyNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, RolloutStrategyNodeKind] = {member.value: member for member in RolloutStrategyNodeKind}

RolloutStrategyNodeKindValue: TypeAlias = Literal["RolloutStrategy"]
"""The values of RolloutStrategyNodeKind this client knows, as a type."""

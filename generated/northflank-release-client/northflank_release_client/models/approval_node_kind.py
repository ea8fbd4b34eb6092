from enum import StrEnum
from typing import Literal, TypeAlias


class ApprovalNodeKind(StrEnum):
    APPROVAL = "Approval"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "ApprovalNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, ApprovalNodeKind] = {member.value: member for member in ApprovalNodeKind}

ApprovalNodeKindValue: TypeAlias = Literal["Approval"]
"""The values of ApprovalNodeKind this client knows, as a type."""

from enum import StrEnum
from typing import Literal, TypeAlias


class LoopWorkflowNodeKind(StrEnum):
    LOOPWORKFLOW = "LoopWorkflow"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "LoopWorkflowNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, LoopWorkflowNodeKind] = {member.value: member for member in LoopWorkflowNodeKind}

LoopWorkflowNodeKindValue: TypeAlias = Literal["LoopWorkflow"]
"""The values of LoopWorkflowNodeKind this client knows, as a type."""

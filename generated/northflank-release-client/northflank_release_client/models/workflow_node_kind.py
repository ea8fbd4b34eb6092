from enum import StrEnum
from typing import Literal, TypeAlias


class WorkflowNodeKind(StrEnum):
    WORKFLOW = "Workflow"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "WorkflowNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, WorkflowNodeKind] = {member.value: member for member in WorkflowNodeKind}

WorkflowNodeKindValue: TypeAlias = Literal["Workflow"]
"""The values of WorkflowNodeKind this client knows, as a type."""

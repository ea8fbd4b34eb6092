from enum import StrEnum
from typing import Literal, TypeAlias


class WorkflowSpecType(StrEnum):
    PARALLEL = "parallel"
    SEQUENTIAL = "sequential"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "WorkflowSpecType":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)

    @property
    def is_known(self) -> bool:
        """False for a value the API sent that this client was generated without."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "WorkflowSpecType | None":
        """Keep a value Northflank added after this client was generated, instead of raising."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


_MEMBERS: dict[str, WorkflowSpecType] = {member.value: member for member in WorkflowSpecType}

WorkflowSpecTypeValue: TypeAlias = Literal["parallel", "sequential"]
"""The values of WorkflowSpecType this client knows, as a type."""

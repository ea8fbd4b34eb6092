from enum import StrEnum
from typing import Literal, TypeAlias


class RunTemplateNodeKind(StrEnum):
    RUNTEMPLATE = "RunTemplate"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "RunTemplateNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, RunTemplateNodeKind] = {member.value: member for member in RunTemplateNodeKind}

RunTemplateNodeKindValue: TypeAlias = Literal["RunTemplate"]
"""The values of RunTemplateNodeKind this client knows, as a type."""

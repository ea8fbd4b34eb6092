from enum import StrEnum
from typing import Literal, TypeAlias


class SecretInheritanceNodeKind(StrEnum):
    SECRETINHERITANCE = "SecretInheritance"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "SecretInheritanceNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, SecretInheritanceNodeKind] = {member.value: member for member in SecretInheritanceNodeKind}

SecretInheritanceNodeKindValue: TypeAlias = Literal["SecretInheritance"]
"""The values of SecretInheritanceNodeKind this client knows, as a type."""

from enum import StrEnum
from typing import Literal, TypeAlias


class MessageNodeKind(StrEnum):
    MESSAGE = "Message"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "MessageNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, MessageNodeKind] = {member.value: member for member in MessageNodeKind}

MessageNodeKindValue: TypeAlias = Literal["Message"]
"""The values of MessageNodeKind this client knows, as a type."""

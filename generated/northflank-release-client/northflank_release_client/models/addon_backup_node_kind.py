from enum import StrEnum
from typing import Literal, TypeAlias


class AddonBackupNodeKind(StrEnum):
    ADDONBACKUP = "AddonBackup"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "AddonBackupNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, AddonBackupNodeKind] = {member.value: member for member in AddonBackupNodeKind}

AddonBackupNodeKindValue: TypeAlias = Literal["AddonBackup"]
"""The values of AddonBackupNodeKind this client knows, as a type."""

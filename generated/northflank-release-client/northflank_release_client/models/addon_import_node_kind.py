from enum import StrEnum
from typing import Literal, TypeAlias


class AddonImportNodeKind(StrEnum):
    ADDONIMPORT = "AddonImport"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "AddonImportNodeKind":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)


_MEMBERS: dict[str, AddonImportNodeKind] = {member.value: member for member in AddonImportNodeKind}

AddonImportNodeKindValue: TypeAlias = Literal["AddonImport"]
"""The values of AddonImportNodeKind this client knows, as a type."""

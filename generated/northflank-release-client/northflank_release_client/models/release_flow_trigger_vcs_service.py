from enum import StrEnum
from typing import Literal, TypeAlias


class ReleaseFlowTriggerVcsService(StrEnum):
    AZURE = "azure"
    BITBUCKET = "bitbucket"
    GITHUB = "github"
    GITLAB = "gitlab"
    ORIGIN = "origin"
    SELF_HOSTED = "self-hosted"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "ReleaseFlowTriggerVcsService":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)

    @property
    def is_known(self) -> bool:
        """False for a value the API sent that this client was generated without."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "ReleaseFlowTriggerVcsService | None":
        """Keep a value Northflank added after this client was generated, instead of raising."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


_MEMBERS: dict[str, ReleaseFlowTriggerVcsService] = {member.value: member for member in ReleaseFlowTriggerVcsService}

ReleaseFlowTriggerVcsServiceValue: TypeAlias = Literal[
    "azure", "bitbucket", "github", "gitlab", "origin", "self-hosted"
]
"""The values of ReleaseFlowTriggerVcsService this client knows, as a type."""

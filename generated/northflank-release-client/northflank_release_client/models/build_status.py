from enum import StrEnum
from typing import Literal, TypeAlias


class BuildStatus(StrEnum):
    ABORTED = "ABORTED"
    BUILDING = "BUILDING"
    CLONING = "CLONING"
    CRASHED = "CRASHED"
    FAILURE = "FAILURE"
    IN_PROGRESS = "IN_PROGRESS"
    PENDING = "PENDING"
    QUEUED = "QUEUED"
    STARTING = "STARTING"
    SUBMISSION_FAILURE = "SUBMISSION_FAILURE"
    SUCCESS = "SUCCESS"
    UNSCHEDULABLE = "UNSCHEDULABLE"
    UPLOADING = "UPLOADING"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "BuildStatus":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)

    @property
    def is_known(self) -> bool:
        """False for a value the API sent that this client was generated without."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "BuildStatus | None":
        """Keep a value Northflank added after this client was generated, instead of raising."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


_MEMBERS: dict[str, BuildStatus] = {member.value: member for member in BuildStatus}

BuildStatusValue: TypeAlias = Literal[
    "ABORTED",
    "BUILDING",
    "CLONING",
    "CRASHED",
    "FAILURE",
    "IN_PROGRESS",
    "PENDING",
    "QUEUED",
    "STARTING",
    "SUBMISSION_FAILURE",
    "SUCCESS",
    "UNSCHEDULABLE",
    "UPLOADING",
]
"""The values of BuildStatus this client knows, as a type."""

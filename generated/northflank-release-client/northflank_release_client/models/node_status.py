from enum import StrEnum
from typing import Literal, TypeAlias


class NodeStatus(StrEnum):
    ABORTED = "aborted"
    ABORTING = "aborting"
    APPROVAL_WAIT = "approval_wait"
    ASYNC_WAIT = "async_wait"
    FAILURE = "failure"
    INVALID = "invalid"
    RETRYING = "retrying"
    SKIPPED = "skipped"
    SUCCESS = "success"
    UNKNOWN = "unknown"
    WAITING = "waiting"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def from_value(cls, value: str) -> "NodeStatus":
        """The member for `value`, as calling the class gives it, but faster for known values."""
        member = _MEMBERS.get(value)
        return member if member is not None else cls(value)

    @property
    def is_known(self) -> bool:
        """False for a value the API sent that this client was generated without."""
        return self._name_ in type(self).__members__

    @classmethod
    def _missing_(cls, value: object) -> "NodeStatus | None":
        """Keep a value Northflank added after this client was generated, instead of raising."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


_MEMBERS: dict[str, NodeStatus] = {member.value: member for member in NodeStatus}

NodeStatusValue: TypeAlias = Literal[
    "aborted",
    "aborting",
    "approval_wait",
    "async_wait",
    "failure",
    "invalid",
    "retrying",
    "skipped",
    "success",
    "unknown",
    "waiting",
]
"""The values of NodeStatus this client knows, as a type."""

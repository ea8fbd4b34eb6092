from enum import StrEnum


class ConditionNodeKind(StrEnum):
    CONDITION = "Condition"

    def __str__(self) -> str:
        return str(self.value)

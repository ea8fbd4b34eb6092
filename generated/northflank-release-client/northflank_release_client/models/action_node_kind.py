from enum import StrEnum


class ActionNodeKind(StrEnum):
    ACTION = "Action"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class RolloutStrategyNodeKind(StrEnum):
    ROLLOUTSTRATEGY = "RolloutStrategy"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class LoopDataNodeKind(StrEnum):
    LOOPDATA = "LoopData"

    def __str__(self) -> str:
        return str(self.value)

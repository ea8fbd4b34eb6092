from enum import StrEnum


class BuildNodeKind(StrEnum):
    BUILD = "Build"

    def __str__(self) -> str:
        return str(self.value)

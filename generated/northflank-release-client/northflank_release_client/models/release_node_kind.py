from enum import StrEnum


class ReleaseNodeKind(StrEnum):
    RELEASE = "Release"

    def __str__(self) -> str:
        return str(self.value)

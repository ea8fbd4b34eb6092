from enum import StrEnum


class SecretInheritanceNodeKind(StrEnum):
    SECRETINHERITANCE = "SecretInheritance"

    def __str__(self) -> str:
        return str(self.value)

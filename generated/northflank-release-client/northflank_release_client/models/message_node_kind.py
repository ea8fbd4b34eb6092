from enum import StrEnum


class MessageNodeKind(StrEnum):
    MESSAGE = "Message"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class ApprovalNodeKind(StrEnum):
    APPROVAL = "Approval"

    def __str__(self) -> str:
        return str(self.value)

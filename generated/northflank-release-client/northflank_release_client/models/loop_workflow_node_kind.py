from enum import StrEnum


class LoopWorkflowNodeKind(StrEnum):
    LOOPWORKFLOW = "LoopWorkflow"

    def __str__(self) -> str:
        return str(self.value)

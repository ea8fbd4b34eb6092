from enum import StrEnum


class WorkflowNodeKind(StrEnum):
    WORKFLOW = "Workflow"

    def __str__(self) -> str:
        return str(self.value)

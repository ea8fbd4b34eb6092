from enum import StrEnum


class RunTemplateNodeKind(StrEnum):
    RUNTEMPLATE = "RunTemplate"

    def __str__(self) -> str:
        return str(self.value)

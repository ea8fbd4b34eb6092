from enum import StrEnum


class JobRunNodeKind(StrEnum):
    JOBRUN = "JobRun"

    def __str__(self) -> str:
        return str(self.value)

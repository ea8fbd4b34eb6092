from enum import StrEnum


class AddonBackupNodeKind(StrEnum):
    ADDONBACKUP = "AddonBackup"

    def __str__(self) -> str:
        return str(self.value)

from enum import StrEnum


class AddonImportNodeKind(StrEnum):
    ADDONIMPORT = "AddonImport"

    def __str__(self) -> str:
        return str(self.value)

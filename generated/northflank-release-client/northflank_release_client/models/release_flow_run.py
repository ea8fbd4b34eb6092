from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.release_flow_run_status import ReleaseFlowRunStatus
from ..types import UNSET, Unset, wrong_type


def _to_status(value: ReleaseFlowRunStatus | str) -> ReleaseFlowRunStatus:
    return ReleaseFlowRunStatus(value)


T = TypeVar("T", bound="ReleaseFlowRun")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class ReleaseFlowRun:
    """A release flow run

    Attributes:
        id (str): ID of the release flow run
        status (ReleaseFlowRunStatus): The statuses of a release flow run this document knows. Northflank may add more:
            a run's
            `status` may be any other string too.
        concluded (bool): Whether the run has concluded (aborted, success, failed)
        created_at (datetime.datetime): Timestamp the run was created at (RFC 3339).
        updated_at (datetime.datetime): Timestamp the run was last updated at (RFC 3339).
        name (str | Unset): Optional name for the release flow run
        description (str | Unset): Optional description for the release flow run
        started_at (datetime.datetime | Unset): Timestamp the run started at (RFC 3339).
        concluded_at (datetime.datetime | Unset): Timestamp the run concluded at (RFC 3339).
    """

    id: str
    status: ReleaseFlowRunStatus = _attrs_field(converter=_to_status)
    concluded: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    concluded_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        concluded = self.concluded

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        name = self.name

        description = self.description

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        concluded_at: str | Unset = UNSET
        if not isinstance(self.concluded_at, Unset):
            concluded_at = self.concluded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "concluded": concluded,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if concluded_at is not UNSET:
            field_dict["concludedAt"] = concluded_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ReleaseFlowRun", "an object", src_dict)
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise wrong_type("ReleaseFlowRun.id", "a string", id)

        status = ReleaseFlowRunStatus.from_value(d.pop("status"))

        concluded = d.pop("concluded")
        if not isinstance(concluded, bool):
            raise wrong_type("ReleaseFlowRun.concluded", "a boolean", concluded)

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=datetime.UTC)

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))
        if updated_at.tzinfo is None:
            updated_at = updated_at.replace(tzinfo=datetime.UTC)

        name = d.pop("name", UNSET)
        if not isinstance(name, str) and name is not UNSET:
            raise wrong_type("ReleaseFlowRun.name", "a string", name)

        description = d.pop("description", UNSET)
        if not isinstance(description, str) and description is not UNSET:
            raise wrong_type("ReleaseFlowRun.description", "a string", description)

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)
            if started_at.tzinfo is None:
                started_at = started_at.replace(tzinfo=datetime.UTC)

        _concluded_at = d.pop("concludedAt", UNSET)
        concluded_at: datetime.datetime | Unset
        if isinstance(_concluded_at, Unset):
            concluded_at = UNSET
        else:
            concluded_at = datetime.datetime.fromisoformat(_concluded_at)
            if concluded_at.tzinfo is None:
                concluded_at = concluded_at.replace(tzinfo=datetime.UTC)

        release_flow_run = cls.__new__(cls)
        release_flow_run.id = id
        release_flow_run.status = status
        release_flow_run.concluded = concluded
        release_flow_run.created_at = created_at
        release_flow_run.updated_at = updated_at
        release_flow_run.name = name
        release_flow_run.description = description
        release_flow_run.started_at = started_at
        release_flow_run.concluded_at = concluded_at

        release_flow_run.additional_properties = d
        return release_flow_run

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.node_status import NodeStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.node_response_error import NodeResponseError
    from ..models.node_response_retries import NodeResponseRetries


T = TypeVar("T", bound="NodeResponse")


@_attrs_define
class NodeResponse:
    """The execution of the node in this run.

    Attributes:
        status (NodeStatus | Unset): The execution statuses of a node this document knows. Northflank may add more: a
            node's
            `response.status` may be any other string too.
        error (NodeResponseError | Unset): Why the node failed.
        retries (NodeResponseRetries | Unset): The node's attempts so far.
        start_time (float | Unset): When the node started, in epoch seconds.
        end_time (float | Unset): When the node ended, in epoch seconds.
    """

    status: NodeStatus | Unset = UNSET
    error: NodeResponseError | Unset = UNSET
    retries: NodeResponseRetries | Unset = UNSET
    start_time: float | Unset = UNSET
    end_time: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        retries: dict[str, Any] | Unset = UNSET
        if not isinstance(self.retries, Unset):
            retries = self.retries.to_dict()

        start_time = self.start_time

        end_time = self.end_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if error is not UNSET:
            field_dict["error"] = error
        if retries is not UNSET:
            field_dict["retries"] = retries
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if end_time is not UNSET:
            field_dict["endTime"] = end_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node_response_error import NodeResponseError  # noqa: PLC0415
        from ..models.node_response_retries import NodeResponseRetries  # noqa: PLC0415

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: NodeStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = NodeStatus(_status)

        _error = d.pop("error", UNSET)
        error: NodeResponseError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = NodeResponseError.from_dict(_error)

        _retries = d.pop("retries", UNSET)
        retries: NodeResponseRetries | Unset
        if isinstance(_retries, Unset):
            retries = UNSET
        else:
            retries = NodeResponseRetries.from_dict(_retries)

        start_time = d.pop("startTime", UNSET)

        end_time = d.pop("endTime", UNSET)

        node_response = cls(
            status=status,
            error=error,
            retries=retries,
            start_time=start_time,
            end_time=end_time,
        )

        node_response.additional_properties = d
        return node_response

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

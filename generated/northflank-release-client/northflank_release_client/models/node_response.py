from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.node_status import NodeStatus
from ..types import NUMBERS as _NUMBERS
from ..types import UNSET, Unset, wrong_type


def _to_status(value: NodeStatus | str | Unset) -> NodeStatus | Unset:
    if isinstance(value, Unset):
        return value
    return NodeStatus(value)


T = TypeVar("T", bound="NodeResponse")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
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

    status: NodeStatus | Unset = _attrs_field(default=UNSET, converter=_to_status)
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
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("NodeResponse", "an object", src_dict)
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: NodeStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = NodeStatus.from_value(_status)

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
        if (
            not (
                type(start_time) in _NUMBERS
                or (isinstance(start_time, (int, float)) and not isinstance(start_time, bool))
            )
            and start_time is not UNSET
        ):
            raise wrong_type("NodeResponse.startTime", "a number", start_time)

        end_time = d.pop("endTime", UNSET)
        if (
            not (type(end_time) in _NUMBERS or (isinstance(end_time, (int, float)) and not isinstance(end_time, bool)))
            and end_time is not UNSET
        ):
            raise wrong_type("NodeResponse.endTime", "a number", end_time)

        node_response = cls.__new__(cls)
        node_response.status = status
        node_response.error = error
        node_response.retries = retries
        node_response.start_time = start_time
        node_response.end_time = end_time

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


from ..models.node_response_error import NodeResponseError
from ..models.node_response_retries import NodeResponseRetries

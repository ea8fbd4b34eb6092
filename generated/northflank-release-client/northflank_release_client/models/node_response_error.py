from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="NodeResponseError")


@_attrs_define
class NodeResponseError:
    """Why the node failed.

    Attributes:
        code (str | Unset): A machine-readable error code.
        message (str | Unset): A human-readable description of the error.
    """

    code: str | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("NodeResponseError", "an object", src_dict)
        d = dict(src_dict)
        code = d.pop("code", UNSET)
        if not isinstance(code, str) and code is not UNSET:
            raise wrong_type("NodeResponseError.code", "a string", code)

        message = d.pop("message", UNSET)
        if not isinstance(message, str) and message is not UNSET:
            raise wrong_type("NodeResponseError.message", "a string", message)

        node_response_error = cls.__new__(cls)
        node_response_error.code = code
        node_response_error.message = message

        node_response_error.additional_properties = d
        return node_response_error

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

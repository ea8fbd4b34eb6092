from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="NodeSettings")


@_attrs_define
class NodeSettings:
    """How the node is retried.

    Attributes:
        max_attempts (int | Unset): How many times the node is attempted before it fails.
        backoff (NodeSettingsBackoff | Unset): The wait between attempts.
    """

    max_attempts: int | Unset = UNSET
    backoff: NodeSettingsBackoff | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_attempts = self.max_attempts

        backoff: dict[str, Any] | Unset = UNSET
        if not isinstance(self.backoff, Unset):
            backoff = self.backoff.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_attempts is not UNSET:
            field_dict["maxAttempts"] = max_attempts
        if backoff is not UNSET:
            field_dict["backoff"] = backoff

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("NodeSettings", "an object", src_dict)
        d = dict(src_dict)
        max_attempts = d.pop("maxAttempts", UNSET)
        if (
            not (type(max_attempts) is int or (isinstance(max_attempts, int) and not isinstance(max_attempts, bool)))
            and max_attempts is not UNSET
        ):
            raise wrong_type("NodeSettings.maxAttempts", "an integer", max_attempts)

        _backoff = d.pop("backoff", UNSET)
        backoff: NodeSettingsBackoff | Unset
        if isinstance(_backoff, Unset):
            backoff = UNSET
        else:
            backoff = NodeSettingsBackoff.from_dict(_backoff)

        node_settings = cls.__new__(cls)
        node_settings.max_attempts = max_attempts
        node_settings.backoff = backoff

        node_settings.additional_properties = d
        return node_settings

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


from ..models.node_settings_backoff import NodeSettingsBackoff

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="NodeSettingsBackoff")


@_attrs_define
class NodeSettingsBackoff:
    """The wait between attempts.

    Attributes:
        type_ (str | Unset): How the wait grows between attempts, for example `fixed`.
        delay (int | Unset): The wait between attempts, in seconds.
    """

    type_: str | Unset = UNSET
    delay: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        delay = self.delay

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if delay is not UNSET:
            field_dict["delay"] = delay

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("NodeSettingsBackoff", "an object", src_dict)
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)
        if not isinstance(type_, str) and type_ is not UNSET:
            raise wrong_type("NodeSettingsBackoff.type", "a string", type_)

        delay = d.pop("delay", UNSET)
        if not (type(delay) is int or (isinstance(delay, int) and not isinstance(delay, bool))) and delay is not UNSET:
            raise wrong_type("NodeSettingsBackoff.delay", "an integer", delay)

        node_settings_backoff = cls.__new__(cls)
        node_settings_backoff.type_ = type_
        node_settings_backoff.delay = delay

        node_settings_backoff.additional_properties = d
        return node_settings_backoff

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="JobBuildRegistry")


@_attrs_define
class JobBuildRegistry:
    """Where the built image is stored.

    Attributes:
        uri (str | Unset): The URI of the built image.
    """

    uri: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uri = self.uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if uri is not UNSET:
            field_dict["uri"] = uri

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("JobBuildRegistry", "an object", src_dict)
        d = dict(src_dict)
        uri = d.pop("uri", UNSET)
        if not isinstance(uri, str) and uri is not UNSET:
            raise wrong_type("JobBuildRegistry.uri", "a string", uri)

        job_build_registry = cls.__new__(cls)
        job_build_registry.uri = uri

        job_build_registry.additional_properties = d
        return job_build_registry

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import wrong_type

T = TypeVar("T", bound="JobBuildListResponseData")


@_attrs_define
class JobBuildListResponseData:
    """Result data.

    Attributes:
        builds (list[JobBuild]): An array of builds.
    """

    builds: list[JobBuild]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        builds = []
        for builds_item_data in self.builds:
            builds_item = builds_item_data.to_dict()
            builds.append(builds_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "builds": builds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("JobBuildListResponseData", "an object", src_dict)
        d = dict(src_dict)
        builds = []
        _builds = d.pop("builds")
        if not isinstance(_builds, list):
            raise wrong_type("builds", "an array", _builds)

        for builds_item_data in _builds:
            builds_item = JobBuild.from_dict(builds_item_data)

            builds.append(builds_item)

        job_build_list_response_data = cls.__new__(cls)
        job_build_list_response_data.builds = builds

        job_build_list_response_data.additional_properties = d
        return job_build_list_response_data

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


from ..models.job_build import JobBuild

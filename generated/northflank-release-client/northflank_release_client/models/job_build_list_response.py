from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import wrong_type

T = TypeVar("T", bound="JobBuildListResponse")


@_attrs_define
class JobBuildListResponse:
    """Response object.

    Attributes:
        data (JobBuildListResponseData): Result data.
        pagination (Pagination): Data about the endpoint pagination.
    """

    data: JobBuildListResponseData
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("JobBuildListResponse", "an object", src_dict)
        d = dict(src_dict)
        data = JobBuildListResponseData.from_dict(d.pop("data"))

        pagination = Pagination.from_dict(d.pop("pagination"))

        job_build_list_response = cls.__new__(cls)
        job_build_list_response.data = data
        job_build_list_response.pagination = pagination

        job_build_list_response.additional_properties = d
        return job_build_list_response

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


from ..models.job_build_list_response_data import JobBuildListResponseData
from ..models.pagination import Pagination

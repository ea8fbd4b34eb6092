from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import NUMBERS as _NUMBERS
from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="Pagination")


@_attrs_define
class Pagination:
    """Data about the endpoint pagination.

    Attributes:
        has_next_page (bool): Is there another page of results available?
        count (float): The number of results returned by this request.
        cursor (str | Unset): The cursor to access the next page of results. Absent (not null, not empty) on the
            last page.
    """

    has_next_page: bool
    count: float
    cursor: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        has_next_page = self.has_next_page

        count = self.count

        cursor = self.cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hasNextPage": has_next_page,
                "count": count,
            }
        )
        if cursor is not UNSET:
            field_dict["cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("Pagination", "an object", src_dict)
        d = dict(src_dict)
        has_next_page = d.pop("hasNextPage")
        if not isinstance(has_next_page, bool):
            raise wrong_type("Pagination.hasNextPage", "a boolean", has_next_page)

        count = d.pop("count")
        if not (type(count) in _NUMBERS or (isinstance(count, (int, float)) and not isinstance(count, bool))):
            raise wrong_type("Pagination.count", "a number", count)

        cursor = d.pop("cursor", UNSET)
        if not isinstance(cursor, str) and cursor is not UNSET:
            raise wrong_type("Pagination.cursor", "a string", cursor)

        pagination = cls.__new__(cls)
        pagination.has_next_page = has_next_page
        pagination.count = count
        pagination.cursor = cursor

        pagination.additional_properties = d
        return pagination

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

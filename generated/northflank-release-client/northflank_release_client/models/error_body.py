from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, wrong_type


def _to_details(value: ErrorBodyDetails | Mapping[str, Any] | Unset) -> ErrorBodyDetails | Unset:
    if isinstance(value, Unset):
        return value
    return value if isinstance(value, ErrorBodyDetails) else ErrorBodyDetails.from_dict(value)


T = TypeVar("T", bound="ErrorBody")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class ErrorBody:
    """What went wrong.

    Attributes:
        status (int): The HTTP status code of the response.
        message (str): A human-readable description of the error.
        id (str | Unset): An identifier of this error occurrence, to quote when asking for support.
        details (ErrorBodyDetails | Unset): Optional details. Validation errors list every violation here, as
            `{"errors": [{"location", "path", "message"}]}`.
    """

    status: int
    message: str
    id: str | Unset = UNSET
    details: ErrorBodyDetails | Unset = _attrs_field(default=UNSET, converter=_to_details)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        message = self.message

        id = self.id

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "message": message,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ErrorBody", "an object", src_dict)
        d = dict(src_dict)
        status = d.pop("status")
        if not (type(status) is int or (isinstance(status, int) and not isinstance(status, bool))):
            raise wrong_type("ErrorBody.status", "an integer", status)

        message = d.pop("message")
        if not isinstance(message, str):
            raise wrong_type("ErrorBody.message", "a string", message)

        id = d.pop("id", UNSET)
        if not isinstance(id, str) and id is not UNSET:
            raise wrong_type("ErrorBody.id", "a string", id)

        _details = d.pop("details", UNSET)
        details: ErrorBodyDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorBodyDetails.from_dict(_details)

        error_body = cls.__new__(cls)
        error_body.status = status
        error_body.message = message
        error_body.id = id
        error_body.details = details

        error_body.additional_properties = d
        return error_body

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


from ..models.error_body_details import ErrorBodyDetails

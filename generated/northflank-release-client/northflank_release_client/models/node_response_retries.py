from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import NUMBERS as _NUMBERS
from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="NodeResponseRetries")


@_attrs_define
class NodeResponseRetries:
    """The node's attempts so far.

    Attributes:
        attempts (int | Unset): How many times the node has been attempted.
        max_attempts (int | Unset): How many times the node may be attempted.
        timestamp (float | Unset): When the last attempt started, in epoch seconds.
    """

    attempts: int | Unset = UNSET
    max_attempts: int | Unset = UNSET
    timestamp: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        max_attempts = self.max_attempts

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if attempts is not UNSET:
            field_dict["attempts"] = attempts
        if max_attempts is not UNSET:
            field_dict["maxAttempts"] = max_attempts
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("NodeResponseRetries", "an object", src_dict)
        d = dict(src_dict)
        attempts = d.pop("attempts", UNSET)
        if (
            not (type(attempts) is int or (isinstance(attempts, int) and not isinstance(attempts, bool)))
            and attempts is not UNSET
        ):
            raise wrong_type("NodeResponseRetries.attempts", "an integer", attempts)

        max_attempts = d.pop("maxAttempts", UNSET)
        if (
            not (type(max_attempts) is int or (isinstance(max_attempts, int) and not isinstance(max_attempts, bool)))
            and max_attempts is not UNSET
        ):
            raise wrong_type("NodeResponseRetries.maxAttempts", "an integer", max_attempts)

        timestamp = d.pop("timestamp", UNSET)
        if (
            not (
                type(timestamp) in _NUMBERS or (isinstance(timestamp, (int, float)) and not isinstance(timestamp, bool))
            )
            and timestamp is not UNSET
        ):
            raise wrong_type("NodeResponseRetries.timestamp", "a number", timestamp)

        node_response_retries = cls.__new__(cls)
        node_response_retries.attempts = attempts
        node_response_retries.max_attempts = max_attempts
        node_response_retries.timestamp = timestamp

        node_response_retries.additional_properties = d
        return node_response_retries

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

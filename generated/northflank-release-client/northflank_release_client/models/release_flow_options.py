from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.release_flow_options_concurrency_policy import ReleaseFlowOptionsConcurrencyPolicy
from ..types import UNSET, Unset, wrong_type


def _to_concurrency_policy(
    value: ReleaseFlowOptionsConcurrencyPolicy | str | Unset,
) -> ReleaseFlowOptionsConcurrencyPolicy | Unset:
    if isinstance(value, Unset):
        return value
    return ReleaseFlowOptionsConcurrencyPolicy(value)


T = TypeVar("T", bound="ReleaseFlowOptions")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class ReleaseFlowOptions:
    """Options regarding how the template is run.

    Attributes:
        concurrency_policy (ReleaseFlowOptionsConcurrencyPolicy | Unset): Defines the concurrency behaviour of the
            template with respect to parallel runs. One
            of the known policies, or one added since.
        paused (bool | Unset): If `true`, the template will not run when triggered by git.
    """

    concurrency_policy: ReleaseFlowOptionsConcurrencyPolicy | Unset = _attrs_field(
        default=UNSET, converter=_to_concurrency_policy
    )
    paused: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        concurrency_policy: str | Unset = UNSET
        if not isinstance(self.concurrency_policy, Unset):
            concurrency_policy = self.concurrency_policy.value

        paused = self.paused

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if concurrency_policy is not UNSET:
            field_dict["concurrencyPolicy"] = concurrency_policy
        if paused is not UNSET:
            field_dict["paused"] = paused

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ReleaseFlowOptions", "an object", src_dict)
        d = dict(src_dict)
        _concurrency_policy = d.pop("concurrencyPolicy", UNSET)
        concurrency_policy: ReleaseFlowOptionsConcurrencyPolicy | Unset
        if isinstance(_concurrency_policy, Unset):
            concurrency_policy = UNSET
        else:
            concurrency_policy = ReleaseFlowOptionsConcurrencyPolicy.from_value(_concurrency_policy)

        paused = d.pop("paused", UNSET)
        if not isinstance(paused, bool) and paused is not UNSET:
            raise wrong_type("ReleaseFlowOptions.paused", "a boolean", paused)

        release_flow_options = cls.__new__(cls)
        release_flow_options.concurrency_policy = concurrency_policy
        release_flow_options.paused = paused

        release_flow_options.additional_properties = d
        return release_flow_options

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

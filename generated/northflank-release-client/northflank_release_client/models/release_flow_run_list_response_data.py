from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, wrong_type

T = TypeVar("T", bound="ReleaseFlowRunListResponseData")


@_attrs_define
class ReleaseFlowRunListResponseData:
    """Result data.

    Attributes:
        runs (list[ReleaseFlowRun] | Unset): A release flow run
    """

    runs: list[ReleaseFlowRun] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        runs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.runs, Unset):
            runs = []
            for runs_item_data in self.runs:
                runs_item = runs_item_data.to_dict()
                runs.append(runs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if runs is not UNSET:
            field_dict["runs"] = runs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ReleaseFlowRunListResponseData", "an object", src_dict)
        d = dict(src_dict)
        _runs = d.pop("runs", UNSET)
        runs: list[ReleaseFlowRun] | Unset = UNSET
        if _runs is not UNSET:
            if not isinstance(_runs, list):
                raise wrong_type("runs", "an array", _runs)

            runs = []
            for runs_item_data in _runs:
                runs_item = ReleaseFlowRun.from_dict(runs_item_data)

                runs.append(runs_item)

        release_flow_run_list_response_data = cls.__new__(cls)
        release_flow_run_list_response_data.runs = runs

        release_flow_run_list_response_data.additional_properties = d
        return release_flow_run_list_response_data

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


from ..models.release_flow_run import ReleaseFlowRun

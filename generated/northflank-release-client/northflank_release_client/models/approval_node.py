from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.approval_node_kind import ApprovalNodeKind
from ..types import UNSET, Unset, wrong_type


def _to_kind(value: ApprovalNodeKind | str) -> ApprovalNodeKind:
    return ApprovalNodeKind(value)


def _to_spec(value: NodeKindSpec | Mapping[str, Any] | Unset) -> NodeKindSpec | Unset:
    if isinstance(value, Unset):
        return value
    return value if isinstance(value, NodeKindSpec) else NodeKindSpec.from_dict(value)


T = TypeVar("T", bound="ApprovalNode")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class ApprovalNode:
    """A node that waits for a person's approval.

    Attributes:
        kind (ApprovalNodeKind): The kind of node.
        ref (str | Unset): A reference that can be used to access the output of this node in the template.
        settings (NodeSettings | Unset): How the node is retried.
        skip_node_execution (bool | Unset): If `true`, the node is skipped when the template runs.
        response (NodeResponse | Unset): The execution of the node in this run.
        spec (NodeKindSpec | Unset): The kind-specific settings of a node.
    """

    kind: ApprovalNodeKind = _attrs_field(converter=_to_kind)
    ref: str | Unset = UNSET
    settings: NodeSettings | Unset = UNSET
    skip_node_execution: bool | Unset = UNSET
    response: NodeResponse | Unset = UNSET
    spec: NodeKindSpec | Unset = _attrs_field(default=UNSET, converter=_to_spec)
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        ref = self.ref

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        skip_node_execution = self.skip_node_execution

        response: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response, Unset):
            response = self.response.to_dict()

        spec: dict[str, Any] | Unset = UNSET
        if not isinstance(self.spec, Unset):
            spec = self.spec.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
            }
        )
        if ref is not UNSET:
            field_dict["ref"] = ref
        if settings is not UNSET:
            field_dict["settings"] = settings
        if skip_node_execution is not UNSET:
            field_dict["skipNodeExecution"] = skip_node_execution
        if response is not UNSET:
            field_dict["response"] = response
        if spec is not UNSET:
            field_dict["spec"] = spec

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ApprovalNode", "an object", src_dict)
        d = dict(src_dict)
        kind = ApprovalNodeKind.from_value(d.pop("kind"))

        ref = d.pop("ref", UNSET)
        if not isinstance(ref, str) and ref is not UNSET:
            raise wrong_type("ApprovalNode.ref", "a string", ref)

        _settings = d.pop("settings", UNSET)
        settings: NodeSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = NodeSettings.from_dict(_settings)

        skip_node_execution = d.pop("skipNodeExecution", UNSET)
        if not isinstance(skip_node_execution, bool) and skip_node_execution is not UNSET:
            raise wrong_type("ApprovalNode.skipNodeExecution", "a boolean", skip_node_execution)

        _response = d.pop("response", UNSET)
        response: NodeResponse | Unset
        if isinstance(_response, Unset):
            response = UNSET
        else:
            response = NodeResponse.from_dict(_response)

        _spec = d.pop("spec", UNSET)
        spec: NodeKindSpec | Unset
        if isinstance(_spec, Unset):
            spec = UNSET
        else:
            spec = NodeKindSpec.from_dict(_spec)

        approval_node = cls.__new__(cls)
        approval_node.kind = kind
        approval_node.ref = ref
        approval_node.settings = settings
        approval_node.skip_node_execution = skip_node_execution
        approval_node.response = response
        approval_node.spec = spec

        approval_node.additional_properties = d
        return approval_node

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


from ..models.node_kind_spec import NodeKindSpec
from ..models.node_response import NodeResponse
from ..models.node_settings import NodeSettings

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, wrong_type


def _to_arguments(value: Arguments | Mapping[str, Any] | Unset) -> Arguments | Unset:
    if isinstance(value, Unset):
        return value
    return value if isinstance(value, Arguments) else Arguments.from_dict(value)


def _to_overrides(
    value: RunReleaseFlowRequestOverrides | Mapping[str, Any] | Unset,
) -> RunReleaseFlowRequestOverrides | Unset:
    if isinstance(value, Unset):
        return value
    return (
        value if isinstance(value, RunReleaseFlowRequestOverrides) else RunReleaseFlowRequestOverrides.from_dict(value)
    )


def _to_release_node_overrides(
    value: RunReleaseFlowRequestReleaseNodeOverrides | Mapping[str, Any] | Unset,
) -> RunReleaseFlowRequestReleaseNodeOverrides | Unset:
    if isinstance(value, Unset):
        return value
    return (
        value
        if isinstance(value, RunReleaseFlowRequestReleaseNodeOverrides)
        else RunReleaseFlowRequestReleaseNodeOverrides.from_dict(value)
    )


T = TypeVar("T", bound="RunReleaseFlowRequest")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class RunReleaseFlowRequest:
    """Every field is optional.

    Attributes:
        name (str | Unset): The optional name of the release-flow run.
        description (str | Unset): The optional description of the release-flow run.
        arguments (Arguments | Unset): A set of arguments that can be referenced in a template using
            '${args.argumentName}'.
        overrides (RunReleaseFlowRequestOverrides | Unset): Overrides for specific reference values. This should be an
            object where each key
            corresponds to a ref defined in the template. The values of each of these keys should
            also be an object, where each key value pair provided will overwrite the value for
            that key in the given ref. For example, the value
            `{ 'example-ref': { 'branch': 'devel' } }` would set the `branch` field to `devel` for
            the node with ref `example-ref`.
        release_node_overrides (RunReleaseFlowRequestReleaseNodeOverrides | Unset): Overrides for release nodes. This
            should be an object where each key is the id of a
            deployment service used in a release node. The value of each of these keys should be
            also be an object containing the new spec of the release for that deployment service.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    arguments: Arguments | Unset = _attrs_field(default=UNSET, converter=_to_arguments)
    overrides: RunReleaseFlowRequestOverrides | Unset = _attrs_field(default=UNSET, converter=_to_overrides)
    release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Unset = _attrs_field(
        default=UNSET, converter=_to_release_node_overrides
    )

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments.to_dict()

        overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        release_node_overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.release_node_overrides, Unset):
            release_node_overrides = self.release_node_overrides.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if overrides is not UNSET:
            field_dict["overrides"] = overrides
        if release_node_overrides is not UNSET:
            field_dict["releaseNodeOverrides"] = release_node_overrides

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("RunReleaseFlowRequest", "an object", src_dict)
        d = dict(src_dict)
        name = d.pop("name", UNSET)
        if not isinstance(name, str) and name is not UNSET:
            raise wrong_type("RunReleaseFlowRequest.name", "a string", name)

        description = d.pop("description", UNSET)
        if not isinstance(description, str) and description is not UNSET:
            raise wrong_type("RunReleaseFlowRequest.description", "a string", description)

        _arguments = d.pop("arguments", UNSET)
        arguments: Arguments | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = Arguments.from_dict(_arguments)

        _overrides = d.pop("overrides", UNSET)
        overrides: RunReleaseFlowRequestOverrides | Unset
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = RunReleaseFlowRequestOverrides.from_dict(_overrides)

        _release_node_overrides = d.pop("releaseNodeOverrides", UNSET)
        release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Unset
        if isinstance(_release_node_overrides, Unset):
            release_node_overrides = UNSET
        else:
            release_node_overrides = RunReleaseFlowRequestReleaseNodeOverrides.from_dict(_release_node_overrides)

        run_release_flow_request = cls.__new__(cls)
        run_release_flow_request.name = name
        run_release_flow_request.description = description
        run_release_flow_request.arguments = arguments
        run_release_flow_request.overrides = overrides
        run_release_flow_request.release_node_overrides = release_node_overrides

        return run_release_flow_request


from ..models.arguments import Arguments
from ..models.run_release_flow_request_overrides import RunReleaseFlowRequestOverrides
from ..models.run_release_flow_request_release_node_overrides import RunReleaseFlowRequestReleaseNodeOverrides

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.arguments import Arguments
    from ..models.run_release_flow_request_overrides import RunReleaseFlowRequestOverrides
    from ..models.run_release_flow_request_release_node_overrides import RunReleaseFlowRequestReleaseNodeOverrides


T = TypeVar("T", bound="RunReleaseFlowRequest")


@_attrs_define
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
    arguments: Arguments | Unset = UNSET
    overrides: RunReleaseFlowRequestOverrides | Unset = UNSET
    release_node_overrides: RunReleaseFlowRequestReleaseNodeOverrides | Unset = UNSET

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
        from ..models.arguments import Arguments  # noqa: PLC0415
        from ..models.run_release_flow_request_overrides import RunReleaseFlowRequestOverrides  # noqa: PLC0415
        from ..models.run_release_flow_request_release_node_overrides import RunReleaseFlowRequestReleaseNodeOverrides  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

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

        run_release_flow_request = cls(
            name=name,
            description=description,
            arguments=arguments,
            overrides=overrides,
            release_node_overrides=release_node_overrides,
        )

        return run_release_flow_request

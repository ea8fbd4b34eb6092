from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.workflow_spec_type import WorkflowSpecType
from ..types import UNSET, Unset, wrong_type


def _to_type_(value: WorkflowSpecType | str | Unset) -> WorkflowSpecType | Unset:
    if isinstance(value, Unset):
        return value
    return WorkflowSpecType(value)


T = TypeVar("T", bound="WorkflowSpec")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class WorkflowSpec:
    """The settings of a Workflow node.

    Attributes:
        type_ (WorkflowSpecType | Unset): Whether the steps run one after another or all at once.
        steps (list[ActionNode | AddonBackupNode | AddonImportNode | ApprovalNode | BuildNode | ConditionNode |
            JobRunNode | LoopDataNode | LoopWorkflowNode | MessageNode | ReleaseNode | RolloutStrategyNode | RunTemplateNode
            | SecretInheritanceNode | UnknownNode | WorkflowNode] | Unset): The child nodes of the workflow.
    """

    type_: WorkflowSpecType | Unset = _attrs_field(default=UNSET, converter=_to_type_)
    steps: (
        list[
            ActionNode
            | AddonBackupNode
            | AddonImportNode
            | ApprovalNode
            | BuildNode
            | ConditionNode
            | JobRunNode
            | LoopDataNode
            | LoopWorkflowNode
            | MessageNode
            | ReleaseNode
            | RolloutStrategyNode
            | RunTemplateNode
            | SecretInheritanceNode
            | UnknownNode
            | WorkflowNode
        ]
        | Unset
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        steps: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.steps, Unset):
            steps = []
            for steps_item_data in self.steps:
                steps_item: dict[str, Any]
                if isinstance(steps_item_data, WorkflowNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, BuildNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, ReleaseNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, ConditionNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, ApprovalNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, JobRunNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, ActionNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, MessageNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, RunTemplateNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, AddonBackupNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, AddonImportNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, LoopWorkflowNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, LoopDataNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, RolloutStrategyNode):
                    steps_item = steps_item_data.to_dict()
                elif isinstance(steps_item_data, SecretInheritanceNode):
                    steps_item = steps_item_data.to_dict()
                else:
                    steps_item = steps_item_data.to_dict()

                steps.append(steps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if steps is not UNSET:
            field_dict["steps"] = steps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("WorkflowSpec", "an object", src_dict)
        d = dict(src_dict)
        _type_ = d.pop("type", UNSET)
        type_: WorkflowSpecType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = WorkflowSpecType.from_value(_type_)

        _steps = d.pop("steps", UNSET)
        steps: (
            list[
                ActionNode
                | AddonBackupNode
                | AddonImportNode
                | ApprovalNode
                | BuildNode
                | ConditionNode
                | JobRunNode
                | LoopDataNode
                | LoopWorkflowNode
                | MessageNode
                | ReleaseNode
                | RolloutStrategyNode
                | RunTemplateNode
                | SecretInheritanceNode
                | UnknownNode
                | WorkflowNode
            ]
            | Unset
        ) = UNSET
        if _steps is not UNSET:
            if not isinstance(_steps, list):
                raise wrong_type("steps", "an array", _steps)

            steps = []
            for steps_item_data in _steps:

                def _parse_steps_item(
                    data: object,
                ) -> (
                    ActionNode
                    | AddonBackupNode
                    | AddonImportNode
                    | ApprovalNode
                    | BuildNode
                    | ConditionNode
                    | JobRunNode
                    | LoopDataNode
                    | LoopWorkflowNode
                    | MessageNode
                    | ReleaseNode
                    | RolloutStrategyNode
                    | RunTemplateNode
                    | SecretInheritanceNode
                    | UnknownNode
                    | WorkflowNode
                ):
                    if not isinstance(data, dict):
                        raise TypeError(f"expected an object with a kind, got {type(data).__name__}")
                    kind = data.get("kind")
                    if kind == "Workflow":
                        return WorkflowNode.from_dict(data)
                    if kind == "Build":
                        return BuildNode.from_dict(data)
                    if kind == "Release":
                        return ReleaseNode.from_dict(data)
                    if kind == "Condition":
                        return ConditionNode.from_dict(data)
                    if kind == "Approval":
                        return ApprovalNode.from_dict(data)
                    if kind == "JobRun":
                        return JobRunNode.from_dict(data)
                    if kind == "Action":
                        return ActionNode.from_dict(data)
                    if kind == "Message":
                        return MessageNode.from_dict(data)
                    if kind == "RunTemplate":
                        return RunTemplateNode.from_dict(data)
                    if kind == "AddonBackup":
                        return AddonBackupNode.from_dict(data)
                    if kind == "AddonImport":
                        return AddonImportNode.from_dict(data)
                    if kind == "LoopWorkflow":
                        return LoopWorkflowNode.from_dict(data)
                    if kind == "LoopData":
                        return LoopDataNode.from_dict(data)
                    if kind == "RolloutStrategy":
                        return RolloutStrategyNode.from_dict(data)
                    if kind == "SecretInheritance":
                        return SecretInheritanceNode.from_dict(data)
                    return UnknownNode.from_dict(data)

                steps_item = _parse_steps_item(steps_item_data)

                steps.append(steps_item)

        workflow_spec = cls.__new__(cls)
        workflow_spec.type_ = type_
        workflow_spec.steps = steps

        workflow_spec.additional_properties = d
        return workflow_spec

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


from ..models.action_node import ActionNode
from ..models.addon_backup_node import AddonBackupNode
from ..models.addon_import_node import AddonImportNode
from ..models.approval_node import ApprovalNode
from ..models.build_node import BuildNode
from ..models.condition_node import ConditionNode
from ..models.job_run_node import JobRunNode
from ..models.loop_data_node import LoopDataNode
from ..models.loop_workflow_node import LoopWorkflowNode
from ..models.message_node import MessageNode
from ..models.release_node import ReleaseNode
from ..models.rollout_strategy_node import RolloutStrategyNode
from ..models.run_template_node import RunTemplateNode
from ..models.secret_inheritance_node import SecretInheritanceNode
from ..models.unknown_node import UnknownNode
from ..models.workflow_node import WorkflowNode

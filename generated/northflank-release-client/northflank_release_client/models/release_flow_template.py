from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.release_flow_template_api_version import ReleaseFlowTemplateApiVersion
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.action_node import ActionNode
    from ..models.addon_backup_node import AddonBackupNode
    from ..models.addon_import_node import AddonImportNode
    from ..models.approval_node import ApprovalNode
    from ..models.arguments import Arguments
    from ..models.build_node import BuildNode
    from ..models.condition_node import ConditionNode
    from ..models.git_ops import GitOps
    from ..models.job_run_node import JobRunNode
    from ..models.loop_data_node import LoopDataNode
    from ..models.loop_workflow_node import LoopWorkflowNode
    from ..models.message_node import MessageNode
    from ..models.release_flow_options import ReleaseFlowOptions
    from ..models.release_flow_template_refs import ReleaseFlowTemplateRefs
    from ..models.release_flow_trigger import ReleaseFlowTrigger
    from ..models.release_node import ReleaseNode
    from ..models.rollout_strategy_node import RolloutStrategyNode
    from ..models.run_template_node import RunTemplateNode
    from ..models.secret_inheritance_node import SecretInheritanceNode
    from ..models.unknown_node import UnknownNode
    from ..models.workflow_node import WorkflowNode


T = TypeVar("T", bound="ReleaseFlowTemplate")


@_attrs_define
class ReleaseFlowTemplate:
    """The template a release flow runs.

    Attributes:
        api_version (ReleaseFlowTemplateApiVersion): The version of the Northflank API to run the template against.
        spec (ActionNode | AddonBackupNode | AddonImportNode | ApprovalNode | BuildNode | ConditionNode | JobRunNode |
            LoopDataNode | LoopWorkflowNode | MessageNode | ReleaseNode | RolloutStrategyNode | RunTemplateNode |
            SecretInheritanceNode | UnknownNode | WorkflowNode): A node representing an action to be performed as part of
            the template. Nodes form a
            tree: a `Workflow` node's `spec.steps` holds its child nodes. Every node carries a
            required `kind`; each known kind has its own schema whose `kind` enum has that single
            value, so that a client can tell them apart without `discriminator` support. A node of a
            kind this document does not list yet matches `UnknownNode`.
        arguments (Arguments | Unset): A set of arguments that can be referenced in a template using
            '${args.argumentName}'.
        triggers (list[ReleaseFlowTrigger] | Unset): Git triggers that start the template.
        options (ReleaseFlowOptions | Unset): Options regarding how the template is run.
        gitops (GitOps | Unset): Where the template is kept in Git, when it is synced with a repository.
        schema (str | Unset): The JSON schema the template follows.
        refs (ReleaseFlowTemplateRefs | Unset): The outputs of the template's nodes and triggers, keyed by their `ref`.
    """

    api_version: ReleaseFlowTemplateApiVersion
    spec: (
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
    )
    arguments: Arguments | Unset = UNSET
    triggers: list[ReleaseFlowTrigger] | Unset = UNSET
    options: ReleaseFlowOptions | Unset = UNSET
    gitops: GitOps | Unset = UNSET
    schema: str | Unset = UNSET
    refs: ReleaseFlowTemplateRefs | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.action_node import ActionNode  # noqa: PLC0415
        from ..models.addon_backup_node import AddonBackupNode  # noqa: PLC0415
        from ..models.addon_import_node import AddonImportNode  # noqa: PLC0415
        from ..models.approval_node import ApprovalNode  # noqa: PLC0415
        from ..models.build_node import BuildNode  # noqa: PLC0415
        from ..models.condition_node import ConditionNode  # noqa: PLC0415
        from ..models.job_run_node import JobRunNode  # noqa: PLC0415
        from ..models.loop_data_node import LoopDataNode  # noqa: PLC0415
        from ..models.loop_workflow_node import LoopWorkflowNode  # noqa: PLC0415
        from ..models.message_node import MessageNode  # noqa: PLC0415
        from ..models.release_node import ReleaseNode  # noqa: PLC0415
        from ..models.rollout_strategy_node import RolloutStrategyNode  # noqa: PLC0415
        from ..models.run_template_node import RunTemplateNode  # noqa: PLC0415
        from ..models.secret_inheritance_node import SecretInheritanceNode  # noqa: PLC0415
        from ..models.workflow_node import WorkflowNode  # noqa: PLC0415

        api_version = self.api_version.value

        spec: dict[str, Any]
        if isinstance(self.spec, WorkflowNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, BuildNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, ReleaseNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, ConditionNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, ApprovalNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, JobRunNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, ActionNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, MessageNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, RunTemplateNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, AddonBackupNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, AddonImportNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, LoopWorkflowNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, LoopDataNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, RolloutStrategyNode):
            spec = self.spec.to_dict()
        elif isinstance(self.spec, SecretInheritanceNode):
            spec = self.spec.to_dict()
        else:
            spec = self.spec.to_dict()

        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments.to_dict()

        triggers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.triggers, Unset):
            triggers = []
            for triggers_item_data in self.triggers:
                triggers_item = triggers_item_data.to_dict()
                triggers.append(triggers_item)

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        gitops: dict[str, Any] | Unset = UNSET
        if not isinstance(self.gitops, Unset):
            gitops = self.gitops.to_dict()

        schema = self.schema

        refs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.refs, Unset):
            refs = self.refs.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "apiVersion": api_version,
                "spec": spec,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if triggers is not UNSET:
            field_dict["triggers"] = triggers
        if options is not UNSET:
            field_dict["options"] = options
        if gitops is not UNSET:
            field_dict["gitops"] = gitops
        if schema is not UNSET:
            field_dict["$schema"] = schema
        if refs is not UNSET:
            field_dict["refs"] = refs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_node import ActionNode  # noqa: PLC0415
        from ..models.addon_backup_node import AddonBackupNode  # noqa: PLC0415
        from ..models.addon_import_node import AddonImportNode  # noqa: PLC0415
        from ..models.approval_node import ApprovalNode  # noqa: PLC0415
        from ..models.arguments import Arguments  # noqa: PLC0415
        from ..models.build_node import BuildNode  # noqa: PLC0415
        from ..models.condition_node import ConditionNode  # noqa: PLC0415
        from ..models.git_ops import GitOps  # noqa: PLC0415
        from ..models.job_run_node import JobRunNode  # noqa: PLC0415
        from ..models.loop_data_node import LoopDataNode  # noqa: PLC0415
        from ..models.loop_workflow_node import LoopWorkflowNode  # noqa: PLC0415
        from ..models.message_node import MessageNode  # noqa: PLC0415
        from ..models.release_flow_options import ReleaseFlowOptions  # noqa: PLC0415
        from ..models.release_flow_template_refs import ReleaseFlowTemplateRefs  # noqa: PLC0415
        from ..models.release_flow_trigger import ReleaseFlowTrigger  # noqa: PLC0415
        from ..models.release_node import ReleaseNode  # noqa: PLC0415
        from ..models.rollout_strategy_node import RolloutStrategyNode  # noqa: PLC0415
        from ..models.run_template_node import RunTemplateNode  # noqa: PLC0415
        from ..models.secret_inheritance_node import SecretInheritanceNode  # noqa: PLC0415
        from ..models.unknown_node import UnknownNode  # noqa: PLC0415
        from ..models.workflow_node import WorkflowNode  # noqa: PLC0415

        d = dict(src_dict)
        api_version = ReleaseFlowTemplateApiVersion(d.pop("apiVersion"))

        def _parse_spec(
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
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_0 = WorkflowNode.from_dict(data)

                return componentsschemas_node_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_1 = BuildNode.from_dict(data)

                return componentsschemas_node_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_2 = ReleaseNode.from_dict(data)

                return componentsschemas_node_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_3 = ConditionNode.from_dict(data)

                return componentsschemas_node_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_4 = ApprovalNode.from_dict(data)

                return componentsschemas_node_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_5 = JobRunNode.from_dict(data)

                return componentsschemas_node_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_6 = ActionNode.from_dict(data)

                return componentsschemas_node_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_7 = MessageNode.from_dict(data)

                return componentsschemas_node_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_8 = RunTemplateNode.from_dict(data)

                return componentsschemas_node_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_9 = AddonBackupNode.from_dict(data)

                return componentsschemas_node_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_10 = AddonImportNode.from_dict(data)

                return componentsschemas_node_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_11 = LoopWorkflowNode.from_dict(data)

                return componentsschemas_node_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_12 = LoopDataNode.from_dict(data)

                return componentsschemas_node_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_13 = RolloutStrategyNode.from_dict(data)

                return componentsschemas_node_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_node_type_14 = SecretInheritanceNode.from_dict(data)

                return componentsschemas_node_type_14
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_node_type_15 = UnknownNode.from_dict(data)

            return componentsschemas_node_type_15

        spec = _parse_spec(d.pop("spec"))

        _arguments = d.pop("arguments", UNSET)
        arguments: Arguments | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = Arguments.from_dict(_arguments)

        _triggers = d.pop("triggers", UNSET)
        triggers: list[ReleaseFlowTrigger] | Unset = UNSET
        if _triggers is not UNSET:
            triggers = []
            for triggers_item_data in _triggers:
                triggers_item = ReleaseFlowTrigger.from_dict(triggers_item_data)

                triggers.append(triggers_item)

        _options = d.pop("options", UNSET)
        options: ReleaseFlowOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = ReleaseFlowOptions.from_dict(_options)

        _gitops = d.pop("gitops", UNSET)
        gitops: GitOps | Unset
        if isinstance(_gitops, Unset):
            gitops = UNSET
        else:
            gitops = GitOps.from_dict(_gitops)

        schema = d.pop("$schema", UNSET)

        _refs = d.pop("refs", UNSET)
        refs: ReleaseFlowTemplateRefs | Unset
        if isinstance(_refs, Unset):
            refs = UNSET
        else:
            refs = ReleaseFlowTemplateRefs.from_dict(_refs)

        release_flow_template = cls(
            api_version=api_version,
            spec=spec,
            arguments=arguments,
            triggers=triggers,
            options=options,
            gitops=gitops,
            schema=schema,
            refs=refs,
        )

        release_flow_template.additional_properties = d
        return release_flow_template

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

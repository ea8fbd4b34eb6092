from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.release_flow_run_status import ReleaseFlowRunStatus
from ..models.release_flow_template_api_version import ReleaseFlowTemplateApiVersion
from ..types import UNSET, Unset, wrong_type


def _to_api_version(value: ReleaseFlowTemplateApiVersion | str) -> ReleaseFlowTemplateApiVersion:
    return ReleaseFlowTemplateApiVersion(value)


def _to_status(value: ReleaseFlowRunStatus | str) -> ReleaseFlowRunStatus:
    return ReleaseFlowRunStatus(value)


def _to_arguments(value: Arguments | Mapping[str, Any] | Unset) -> Arguments | Unset:
    if isinstance(value, Unset):
        return value
    return value if isinstance(value, Arguments) else Arguments.from_dict(value)


def _to_refs(value: ReleaseFlowTemplateRefs | Mapping[str, Any] | Unset) -> ReleaseFlowTemplateRefs | Unset:
    if isinstance(value, Unset):
        return value
    return value if isinstance(value, ReleaseFlowTemplateRefs) else ReleaseFlowTemplateRefs.from_dict(value)


T = TypeVar("T", bound="ReleaseFlowRunDetails")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class ReleaseFlowRunDetails:
    """A release flow run with the template it executes: the template's fields (apiVersion,
    arguments, triggers, options, gitops, `$schema`, spec, refs) and the run's own fields.

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
            id (str): ID of the release flow run
            status (ReleaseFlowRunStatus): The statuses of a release flow run this document knows. Northflank may add more:
                a run's
                `status` may be any other string too.
            concluded (bool): Whether the run has concluded (aborted, success, failed)
            created_at (datetime.datetime): Timestamp the run was created at (RFC 3339).
            updated_at (datetime.datetime): Timestamp the run was last updated at (RFC 3339).
            arguments (Arguments | Unset): A set of arguments that can be referenced in a template using
                '${args.argumentName}'.
            triggers (list[ReleaseFlowTrigger] | Unset): Git triggers that start the template.
            options (ReleaseFlowOptions | Unset): Options regarding how the template is run.
            gitops (GitOps | Unset): Where the template is kept in Git, when it is synced with a repository.
            schema (str | Unset): The JSON schema the template follows.
            refs (ReleaseFlowTemplateRefs | Unset): The outputs of the template's nodes and triggers, keyed by their `ref`.
            name (str | Unset): Optional name for the release flow run
            description (str | Unset): Optional description for the release flow run
            started_at (datetime.datetime | Unset): Timestamp the run started at (RFC 3339).
            concluded_at (datetime.datetime | Unset): Timestamp the run concluded at (RFC 3339).
    """

    api_version: ReleaseFlowTemplateApiVersion = _attrs_field(converter=_to_api_version)
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
    id: str
    status: ReleaseFlowRunStatus = _attrs_field(converter=_to_status)
    concluded: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    arguments: Arguments | Unset = _attrs_field(default=UNSET, converter=_to_arguments)
    triggers: list[ReleaseFlowTrigger] | Unset = UNSET
    options: ReleaseFlowOptions | Unset = UNSET
    gitops: GitOps | Unset = UNSET
    schema: str | Unset = UNSET
    refs: ReleaseFlowTemplateRefs | Unset = _attrs_field(default=UNSET, converter=_to_refs)
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    started_at: datetime.datetime | Unset = UNSET
    concluded_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        id = self.id

        status = self.status.value

        concluded = self.concluded

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

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

        name = self.name

        description = self.description

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        concluded_at: str | Unset = UNSET
        if not isinstance(self.concluded_at, Unset):
            concluded_at = self.concluded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "apiVersion": api_version,
                "spec": spec,
                "id": id,
                "status": status,
                "concluded": concluded,
                "createdAt": created_at,
                "updatedAt": updated_at,
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
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if concluded_at is not UNSET:
            field_dict["concludedAt"] = concluded_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ReleaseFlowRunDetails", "an object", src_dict)
        d = dict(src_dict)
        api_version = ReleaseFlowTemplateApiVersion.from_value(d.pop("apiVersion"))

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

        spec = _parse_spec(d.pop("spec"))

        id = d.pop("id")
        if not isinstance(id, str):
            raise wrong_type("ReleaseFlowRunDetails.id", "a string", id)

        status = ReleaseFlowRunStatus.from_value(d.pop("status"))

        concluded = d.pop("concluded")
        if not isinstance(concluded, bool):
            raise wrong_type("ReleaseFlowRunDetails.concluded", "a boolean", concluded)

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=datetime.UTC)

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))
        if updated_at.tzinfo is None:
            updated_at = updated_at.replace(tzinfo=datetime.UTC)

        _arguments = d.pop("arguments", UNSET)
        arguments: Arguments | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = Arguments.from_dict(_arguments)

        _triggers = d.pop("triggers", UNSET)
        triggers: list[ReleaseFlowTrigger] | Unset = UNSET
        if _triggers is not UNSET:
            if not isinstance(_triggers, list):
                raise wrong_type("triggers", "an array", _triggers)

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
        if not isinstance(schema, str) and schema is not UNSET:
            raise wrong_type("ReleaseFlowRunDetails.$schema", "a string", schema)

        _refs = d.pop("refs", UNSET)
        refs: ReleaseFlowTemplateRefs | Unset
        if isinstance(_refs, Unset):
            refs = UNSET
        else:
            refs = ReleaseFlowTemplateRefs.from_dict(_refs)

        name = d.pop("name", UNSET)
        if not isinstance(name, str) and name is not UNSET:
            raise wrong_type("ReleaseFlowRunDetails.name", "a string", name)

        description = d.pop("description", UNSET)
        if not isinstance(description, str) and description is not UNSET:
            raise wrong_type("ReleaseFlowRunDetails.description", "a string", description)

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)
            if started_at.tzinfo is None:
                started_at = started_at.replace(tzinfo=datetime.UTC)

        _concluded_at = d.pop("concludedAt", UNSET)
        concluded_at: datetime.datetime | Unset
        if isinstance(_concluded_at, Unset):
            concluded_at = UNSET
        else:
            concluded_at = datetime.datetime.fromisoformat(_concluded_at)
            if concluded_at.tzinfo is None:
                concluded_at = concluded_at.replace(tzinfo=datetime.UTC)

        release_flow_run_details = cls.__new__(cls)
        release_flow_run_details.api_version = api_version
        release_flow_run_details.spec = spec
        release_flow_run_details.id = id
        release_flow_run_details.status = status
        release_flow_run_details.concluded = concluded
        release_flow_run_details.created_at = created_at
        release_flow_run_details.updated_at = updated_at
        release_flow_run_details.arguments = arguments
        release_flow_run_details.triggers = triggers
        release_flow_run_details.options = options
        release_flow_run_details.gitops = gitops
        release_flow_run_details.schema = schema
        release_flow_run_details.refs = refs
        release_flow_run_details.name = name
        release_flow_run_details.description = description
        release_flow_run_details.started_at = started_at
        release_flow_run_details.concluded_at = concluded_at

        release_flow_run_details.additional_properties = d
        return release_flow_run_details

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

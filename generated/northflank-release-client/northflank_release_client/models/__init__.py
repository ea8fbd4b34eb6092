"""Contains all the data models used in inputs/outputs"""

from .action_node import ActionNode
from .action_node_kind import ActionNodeKind, ActionNodeKindValue
from .addon_backup_node import AddonBackupNode
from .addon_backup_node_kind import AddonBackupNodeKind, AddonBackupNodeKindValue
from .addon_import_node import AddonImportNode
from .addon_import_node_kind import AddonImportNodeKind, AddonImportNodeKindValue
from .approval_node import ApprovalNode
from .approval_node_kind import ApprovalNodeKind, ApprovalNodeKindValue
from .arguments import Arguments
from .build_node import BuildNode
from .build_node_kind import BuildNodeKind, BuildNodeKindValue
from .build_status import BuildStatus, BuildStatusValue
from .condition_node import ConditionNode
from .condition_node_kind import ConditionNodeKind, ConditionNodeKindValue
from .error_body import ErrorBody
from .error_body_details import ErrorBodyDetails
from .error_envelope import ErrorEnvelope
from .git_ops import GitOps
from .git_ops_vcs_service import GitOpsVcsService, GitOpsVcsServiceValue
from .job_build import JobBuild
from .job_build_list_response import JobBuildListResponse
from .job_build_list_response_data import JobBuildListResponseData
from .job_build_registry import JobBuildRegistry
from .job_run_node import JobRunNode
from .job_run_node_kind import JobRunNodeKind, JobRunNodeKindValue
from .loop_data_node import LoopDataNode
from .loop_data_node_kind import LoopDataNodeKind, LoopDataNodeKindValue
from .loop_workflow_node import LoopWorkflowNode
from .loop_workflow_node_kind import LoopWorkflowNodeKind, LoopWorkflowNodeKindValue
from .message_node import MessageNode
from .message_node_kind import MessageNodeKind, MessageNodeKindValue
from .node_common import NodeCommon
from .node_kind_spec import NodeKindSpec
from .node_response import NodeResponse
from .node_response_error import NodeResponseError
from .node_response_retries import NodeResponseRetries
from .node_settings import NodeSettings
from .node_settings_backoff import NodeSettingsBackoff
from .node_status import NodeStatus, NodeStatusValue
from .pagination import Pagination
from .release_flow_options import ReleaseFlowOptions
from .release_flow_options_concurrency_policy import (
    ReleaseFlowOptionsConcurrencyPolicy,
    ReleaseFlowOptionsConcurrencyPolicyValue,
)
from .release_flow_run import ReleaseFlowRun
from .release_flow_run_details import ReleaseFlowRunDetails
from .release_flow_run_list_response import ReleaseFlowRunListResponse
from .release_flow_run_list_response_data import ReleaseFlowRunListResponseData
from .release_flow_run_response import ReleaseFlowRunResponse
from .release_flow_run_status import ReleaseFlowRunStatus, ReleaseFlowRunStatusValue
from .release_flow_template import ReleaseFlowTemplate
from .release_flow_template_api_version import ReleaseFlowTemplateApiVersion, ReleaseFlowTemplateApiVersionValue
from .release_flow_template_refs import ReleaseFlowTemplateRefs
from .release_flow_trigger import ReleaseFlowTrigger
from .release_flow_trigger_vcs_service import ReleaseFlowTriggerVcsService, ReleaseFlowTriggerVcsServiceValue
from .release_node import ReleaseNode
from .release_node_kind import ReleaseNodeKind, ReleaseNodeKindValue
from .rollout_strategy_node import RolloutStrategyNode
from .rollout_strategy_node_kind import RolloutStrategyNodeKind, RolloutStrategyNodeKindValue
from .run_release_flow_request import RunReleaseFlowRequest
from .run_release_flow_request_overrides import RunReleaseFlowRequestOverrides
from .run_release_flow_request_release_node_overrides import RunReleaseFlowRequestReleaseNodeOverrides
from .run_template_node import RunTemplateNode
from .run_template_node_kind import RunTemplateNodeKind, RunTemplateNodeKindValue
from .secret_inheritance_node import SecretInheritanceNode
from .secret_inheritance_node_kind import SecretInheritanceNodeKind, SecretInheritanceNodeKindValue
from .unknown_node import UnknownNode
from .workflow_node import WorkflowNode
from .workflow_node_kind import WorkflowNodeKind, WorkflowNodeKindValue
from .workflow_spec import WorkflowSpec
from .workflow_spec_type import WorkflowSpecType, WorkflowSpecTypeValue

__all__ = (
    "ActionNode",
    "ActionNodeKind",
    "ActionNodeKindValue",
    "AddonBackupNode",
    "AddonBackupNodeKind",
    "AddonBackupNodeKindValue",
    "AddonImportNode",
    "AddonImportNodeKind",
    "AddonImportNodeKindValue",
    "ApprovalNode",
    "ApprovalNodeKind",
    "ApprovalNodeKindValue",
    "Arguments",
    "BuildNode",
    "BuildNodeKind",
    "BuildNodeKindValue",
    "BuildStatus",
    "BuildStatusValue",
    "ConditionNode",
    "ConditionNodeKind",
    "ConditionNodeKindValue",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorEnvelope",
    "GitOps",
    "GitOpsVcsService",
    "GitOpsVcsServiceValue",
    "JobBuild",
    "JobBuildListResponse",
    "JobBuildListResponseData",
    "JobBuildRegistry",
    "JobRunNode",
    "JobRunNodeKind",
    "JobRunNodeKindValue",
    "LoopDataNode",
    "LoopDataNodeKind",
    "LoopDataNodeKindValue",
    "LoopWorkflowNode",
    "LoopWorkflowNodeKind",
    "LoopWorkflowNodeKindValue",
    "MessageNode",
    "MessageNodeKind",
    "MessageNodeKindValue",
    "NodeCommon",
    "NodeKindSpec",
    "NodeResponse",
    "NodeResponseError",
    "NodeResponseRetries",
    "NodeSettings",
    "NodeSettingsBackoff",
    "NodeStatus",
    "NodeStatusValue",
    "Pagination",
    "ReleaseFlowOptions",
    "ReleaseFlowOptionsConcurrencyPolicy",
    "ReleaseFlowOptionsConcurrencyPolicyValue",
    "ReleaseFlowRun",
    "ReleaseFlowRunDetails",
    "ReleaseFlowRunListResponse",
    "ReleaseFlowRunListResponseData",
    "ReleaseFlowRunResponse",
    "ReleaseFlowRunStatus",
    "ReleaseFlowRunStatusValue",
    "ReleaseFlowTemplate",
    "ReleaseFlowTemplateApiVersion",
    "ReleaseFlowTemplateApiVersionValue",
    "ReleaseFlowTemplateRefs",
    "ReleaseFlowTrigger",
    "ReleaseFlowTriggerVcsService",
    "ReleaseFlowTriggerVcsServiceValue",
    "ReleaseNode",
    "ReleaseNodeKind",
    "ReleaseNodeKindValue",
    "RolloutStrategyNode",
    "RolloutStrategyNodeKind",
    "RolloutStrategyNodeKindValue",
    "RunReleaseFlowRequest",
    "RunReleaseFlowRequestOverrides",
    "RunReleaseFlowRequestReleaseNodeOverrides",
    "RunTemplateNode",
    "RunTemplateNodeKind",
    "RunTemplateNodeKindValue",
    "SecretInheritanceNode",
    "SecretInheritanceNodeKind",
    "SecretInheritanceNodeKindValue",
    "UnknownNode",
    "WorkflowNode",
    "WorkflowNodeKind",
    "WorkflowNodeKindValue",
    "WorkflowSpec",
    "WorkflowSpecType",
    "WorkflowSpecTypeValue",
)

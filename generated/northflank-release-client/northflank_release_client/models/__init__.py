"""Contains all the data models used in inputs/outputs"""

from .action_node import ActionNode
from .action_node_kind import ActionNodeKind
from .addon_backup_node import AddonBackupNode
from .addon_backup_node_kind import AddonBackupNodeKind
from .addon_import_node import AddonImportNode
from .addon_import_node_kind import AddonImportNodeKind
from .approval_node import ApprovalNode
from .approval_node_kind import ApprovalNodeKind
from .arguments import Arguments
from .build_node import BuildNode
from .build_node_kind import BuildNodeKind
from .build_status import BuildStatus
from .condition_node import ConditionNode
from .condition_node_kind import ConditionNodeKind
from .error_body import ErrorBody
from .error_body_details import ErrorBodyDetails
from .error_envelope import ErrorEnvelope
from .git_ops import GitOps
from .git_ops_vcs_service import GitOpsVcsService
from .job_build import JobBuild
from .job_build_list_response import JobBuildListResponse
from .job_build_list_response_data import JobBuildListResponseData
from .job_build_registry import JobBuildRegistry
from .job_run_node import JobRunNode
from .job_run_node_kind import JobRunNodeKind
from .loop_data_node import LoopDataNode
from .loop_data_node_kind import LoopDataNodeKind
from .loop_workflow_node import LoopWorkflowNode
from .loop_workflow_node_kind import LoopWorkflowNodeKind
from .message_node import MessageNode
from .message_node_kind import MessageNodeKind
from .node_common import NodeCommon
from .node_kind_spec import NodeKindSpec
from .node_response import NodeResponse
from .node_response_error import NodeResponseError
from .node_response_retries import NodeResponseRetries
from .node_settings import NodeSettings
from .node_settings_backoff import NodeSettingsBackoff
from .node_status import NodeStatus
from .pagination import Pagination
from .release_flow_options import ReleaseFlowOptions
from .release_flow_options_concurrency_policy import ReleaseFlowOptionsConcurrencyPolicy
from .release_flow_run import ReleaseFlowRun
from .release_flow_run_details import ReleaseFlowRunDetails
from .release_flow_run_list_response import ReleaseFlowRunListResponse
from .release_flow_run_list_response_data import ReleaseFlowRunListResponseData
from .release_flow_run_response import ReleaseFlowRunResponse
from .release_flow_run_status import ReleaseFlowRunStatus
from .release_flow_template import ReleaseFlowTemplate
from .release_flow_template_api_version import ReleaseFlowTemplateApiVersion
from .release_flow_template_refs import ReleaseFlowTemplateRefs
from .release_flow_trigger import ReleaseFlowTrigger
from .release_flow_trigger_vcs_service import ReleaseFlowTriggerVcsService
from .release_node import ReleaseNode
from .release_node_kind import ReleaseNodeKind
from .rollout_strategy_node import RolloutStrategyNode
from .rollout_strategy_node_kind import RolloutStrategyNodeKind
from .run_release_flow_request import RunReleaseFlowRequest
from .run_release_flow_request_overrides import RunReleaseFlowRequestOverrides
from .run_release_flow_request_release_node_overrides import RunReleaseFlowRequestReleaseNodeOverrides
from .run_template_node import RunTemplateNode
from .run_template_node_kind import RunTemplateNodeKind
from .secret_inheritance_node import SecretInheritanceNode
from .secret_inheritance_node_kind import SecretInheritanceNodeKind
from .unknown_node import UnknownNode
from .workflow_node import WorkflowNode
from .workflow_node_kind import WorkflowNodeKind
from .workflow_spec import WorkflowSpec
from .workflow_spec_type import WorkflowSpecType

__all__ = (
    "ActionNode",
    "ActionNodeKind",
    "AddonBackupNode",
    "AddonBackupNodeKind",
    "AddonImportNode",
    "AddonImportNodeKind",
    "ApprovalNode",
    "ApprovalNodeKind",
    "Arguments",
    "BuildNode",
    "BuildNodeKind",
    "BuildStatus",
    "ConditionNode",
    "ConditionNodeKind",
    "ErrorBody",
    "ErrorBodyDetails",
    "ErrorEnvelope",
    "GitOps",
    "GitOpsVcsService",
    "JobBuild",
    "JobBuildListResponse",
    "JobBuildListResponseData",
    "JobBuildRegistry",
    "JobRunNode",
    "JobRunNodeKind",
    "LoopDataNode",
    "LoopDataNodeKind",
    "LoopWorkflowNode",
    "LoopWorkflowNodeKind",
    "MessageNode",
    "MessageNodeKind",
    "NodeCommon",
    "NodeKindSpec",
    "NodeResponse",
    "NodeResponseError",
    "NodeResponseRetries",
    "NodeSettings",
    "NodeSettingsBackoff",
    "NodeStatus",
    "Pagination",
    "ReleaseFlowOptions",
    "ReleaseFlowOptionsConcurrencyPolicy",
    "ReleaseFlowRun",
    "ReleaseFlowRunDetails",
    "ReleaseFlowRunListResponse",
    "ReleaseFlowRunListResponseData",
    "ReleaseFlowRunResponse",
    "ReleaseFlowRunStatus",
    "ReleaseFlowTemplate",
    "ReleaseFlowTemplateApiVersion",
    "ReleaseFlowTemplateRefs",
    "ReleaseFlowTrigger",
    "ReleaseFlowTriggerVcsService",
    "ReleaseNode",
    "ReleaseNodeKind",
    "RolloutStrategyNode",
    "RolloutStrategyNodeKind",
    "RunReleaseFlowRequest",
    "RunReleaseFlowRequestOverrides",
    "RunReleaseFlowRequestReleaseNodeOverrides",
    "RunTemplateNode",
    "RunTemplateNodeKind",
    "SecretInheritanceNode",
    "SecretInheritanceNodeKind",
    "UnknownNode",
    "WorkflowNode",
    "WorkflowNodeKind",
    "WorkflowSpec",
    "WorkflowSpecType",
)

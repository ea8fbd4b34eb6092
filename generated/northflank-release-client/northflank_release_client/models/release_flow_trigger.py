from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.release_flow_trigger_vcs_service import ReleaseFlowTriggerVcsService
from ..types import UNSET, Unset, wrong_type


def _to_vcs_service(value: ReleaseFlowTriggerVcsService | str) -> ReleaseFlowTriggerVcsService:
    return ReleaseFlowTriggerVcsService(value)


T = TypeVar("T", bound="ReleaseFlowTrigger")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class ReleaseFlowTrigger:
    """A Git trigger of the template.

    Attributes:
        vcs_service (ReleaseFlowTriggerVcsService): The VCS provider to use. One of the known providers, or one added
            since.
        repo_url (str): URL of the Git repo that will trigger the template.
        ref (str | Unset): A reference that can be used to access the output of this trigger in the template.
        self_hosted_vcs_id (str | Unset): If projectType is self-hosted, the ID of the self-hosted vcs to use.
        account_login (str | Unset): By default, if you have multiple version control accounts of the same provider
            linked,
            Northflank will pick a linked account that has access to the repository. If
            `accountLogin` is provided, Northflank will instead use your linked account with that
            login name.
        vcs_link_id (str | Unset): Legacy key. Please use accountLogin instead.
        branch_restrictions (list[str] | Unset): Branches that trigger the template.
        pr_restrictions (list[str] | Unset): Pull requests that trigger the template.
        path_ignore_rules (list[str] | Unset): An array of path ignore rules. A commit will only be built if a file has
            been changed
            that does not match any of the ignore rules. Path ignore rules follow `.gitignore`
            syntax.
        ci_ignore_flags (list[str] | Unset): An array of commit ignore flags. If a commit message contains one or more
            of these
            flags, that commit will not be built. Defaults to `["[skip ci]", "[ci skip]",
            "[no ci]", "[skip nf]", "[nf skip]", "[northflank skip]", "[skip northflank]"]`
        ci_ignore_flags_enabled (bool | Unset): Whether `ciIgnoreFlags` are applied.
        is_allow_list (bool | Unset): Whether `pathIgnoreRules` list the paths that trigger a build instead of those
            that do not.
        ignore_drafts (bool | Unset): If `true`, draft pull requests from this repo will not trigger the template.
    """

    vcs_service: ReleaseFlowTriggerVcsService = _attrs_field(converter=_to_vcs_service)
    repo_url: str
    ref: str | Unset = UNSET
    self_hosted_vcs_id: str | Unset = UNSET
    account_login: str | Unset = UNSET
    vcs_link_id: str | Unset = UNSET
    branch_restrictions: list[str] | Unset = UNSET
    pr_restrictions: list[str] | Unset = UNSET
    path_ignore_rules: list[str] | Unset = UNSET
    ci_ignore_flags: list[str] | Unset = UNSET
    ci_ignore_flags_enabled: bool | Unset = UNSET
    is_allow_list: bool | Unset = UNSET
    ignore_drafts: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vcs_service = self.vcs_service.value

        repo_url = self.repo_url

        ref = self.ref

        self_hosted_vcs_id = self.self_hosted_vcs_id

        account_login = self.account_login

        vcs_link_id = self.vcs_link_id

        branch_restrictions: list[str] | Unset = UNSET
        if not isinstance(self.branch_restrictions, Unset):
            branch_restrictions = self.branch_restrictions

        pr_restrictions: list[str] | Unset = UNSET
        if not isinstance(self.pr_restrictions, Unset):
            pr_restrictions = self.pr_restrictions

        path_ignore_rules: list[str] | Unset = UNSET
        if not isinstance(self.path_ignore_rules, Unset):
            path_ignore_rules = self.path_ignore_rules

        ci_ignore_flags: list[str] | Unset = UNSET
        if not isinstance(self.ci_ignore_flags, Unset):
            ci_ignore_flags = self.ci_ignore_flags

        ci_ignore_flags_enabled = self.ci_ignore_flags_enabled

        is_allow_list = self.is_allow_list

        ignore_drafts = self.ignore_drafts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vcsService": vcs_service,
                "repoUrl": repo_url,
            }
        )
        if ref is not UNSET:
            field_dict["ref"] = ref
        if self_hosted_vcs_id is not UNSET:
            field_dict["selfHostedVcsId"] = self_hosted_vcs_id
        if account_login is not UNSET:
            field_dict["accountLogin"] = account_login
        if vcs_link_id is not UNSET:
            field_dict["vcsLinkId"] = vcs_link_id
        if branch_restrictions is not UNSET:
            field_dict["branchRestrictions"] = branch_restrictions
        if pr_restrictions is not UNSET:
            field_dict["prRestrictions"] = pr_restrictions
        if path_ignore_rules is not UNSET:
            field_dict["pathIgnoreRules"] = path_ignore_rules
        if ci_ignore_flags is not UNSET:
            field_dict["ciIgnoreFlags"] = ci_ignore_flags
        if ci_ignore_flags_enabled is not UNSET:
            field_dict["ciIgnoreFlagsEnabled"] = ci_ignore_flags_enabled
        if is_allow_list is not UNSET:
            field_dict["isAllowList"] = is_allow_list
        if ignore_drafts is not UNSET:
            field_dict["ignoreDrafts"] = ignore_drafts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("ReleaseFlowTrigger", "an object", src_dict)
        d = dict(src_dict)
        vcs_service = ReleaseFlowTriggerVcsService.from_value(d.pop("vcsService"))

        repo_url = d.pop("repoUrl")
        if not isinstance(repo_url, str):
            raise wrong_type("ReleaseFlowTrigger.repoUrl", "a string", repo_url)

        ref = d.pop("ref", UNSET)
        if not isinstance(ref, str) and ref is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.ref", "a string", ref)

        self_hosted_vcs_id = d.pop("selfHostedVcsId", UNSET)
        if not isinstance(self_hosted_vcs_id, str) and self_hosted_vcs_id is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.selfHostedVcsId", "a string", self_hosted_vcs_id)

        account_login = d.pop("accountLogin", UNSET)
        if not isinstance(account_login, str) and account_login is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.accountLogin", "a string", account_login)

        vcs_link_id = d.pop("vcsLinkId", UNSET)
        if not isinstance(vcs_link_id, str) and vcs_link_id is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.vcsLinkId", "a string", vcs_link_id)

        _branch_restrictions = d.pop("branchRestrictions", UNSET)
        branch_restrictions: list[str] | Unset = UNSET
        if _branch_restrictions is not UNSET:
            if not isinstance(_branch_restrictions, list):
                raise wrong_type("branchRestrictions", "an array", _branch_restrictions)
            for item in _branch_restrictions:
                if not isinstance(item, str):
                    raise wrong_type("branchRestrictions[]", "a string", item)

            branch_restrictions = cast(list[str], _branch_restrictions)

        _pr_restrictions = d.pop("prRestrictions", UNSET)
        pr_restrictions: list[str] | Unset = UNSET
        if _pr_restrictions is not UNSET:
            if not isinstance(_pr_restrictions, list):
                raise wrong_type("prRestrictions", "an array", _pr_restrictions)
            for item in _pr_restrictions:
                if not isinstance(item, str):
                    raise wrong_type("prRestrictions[]", "a string", item)

            pr_restrictions = cast(list[str], _pr_restrictions)

        _path_ignore_rules = d.pop("pathIgnoreRules", UNSET)
        path_ignore_rules: list[str] | Unset = UNSET
        if _path_ignore_rules is not UNSET:
            if not isinstance(_path_ignore_rules, list):
                raise wrong_type("pathIgnoreRules", "an array", _path_ignore_rules)
            for item in _path_ignore_rules:
                if not isinstance(item, str):
                    raise wrong_type("pathIgnoreRules[]", "a string", item)

            path_ignore_rules = cast(list[str], _path_ignore_rules)

        _ci_ignore_flags = d.pop("ciIgnoreFlags", UNSET)
        ci_ignore_flags: list[str] | Unset = UNSET
        if _ci_ignore_flags is not UNSET:
            if not isinstance(_ci_ignore_flags, list):
                raise wrong_type("ciIgnoreFlags", "an array", _ci_ignore_flags)
            for item in _ci_ignore_flags:
                if not isinstance(item, str):
                    raise wrong_type("ciIgnoreFlags[]", "a string", item)

            ci_ignore_flags = cast(list[str], _ci_ignore_flags)

        ci_ignore_flags_enabled = d.pop("ciIgnoreFlagsEnabled", UNSET)
        if not isinstance(ci_ignore_flags_enabled, bool) and ci_ignore_flags_enabled is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.ciIgnoreFlagsEnabled", "a boolean", ci_ignore_flags_enabled)

        is_allow_list = d.pop("isAllowList", UNSET)
        if not isinstance(is_allow_list, bool) and is_allow_list is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.isAllowList", "a boolean", is_allow_list)

        ignore_drafts = d.pop("ignoreDrafts", UNSET)
        if not isinstance(ignore_drafts, bool) and ignore_drafts is not UNSET:
            raise wrong_type("ReleaseFlowTrigger.ignoreDrafts", "a boolean", ignore_drafts)

        release_flow_trigger = cls.__new__(cls)
        release_flow_trigger.vcs_service = vcs_service
        release_flow_trigger.repo_url = repo_url
        release_flow_trigger.ref = ref
        release_flow_trigger.self_hosted_vcs_id = self_hosted_vcs_id
        release_flow_trigger.account_login = account_login
        release_flow_trigger.vcs_link_id = vcs_link_id
        release_flow_trigger.branch_restrictions = branch_restrictions
        release_flow_trigger.pr_restrictions = pr_restrictions
        release_flow_trigger.path_ignore_rules = path_ignore_rules
        release_flow_trigger.ci_ignore_flags = ci_ignore_flags
        release_flow_trigger.ci_ignore_flags_enabled = ci_ignore_flags_enabled
        release_flow_trigger.is_allow_list = is_allow_list
        release_flow_trigger.ignore_drafts = ignore_drafts

        release_flow_trigger.additional_properties = d
        return release_flow_trigger

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

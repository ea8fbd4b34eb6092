from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.git_ops_vcs_service import GitOpsVcsService
from ..types import UNSET, Unset, wrong_type


def _to_vcs_service(value: GitOpsVcsService | str) -> GitOpsVcsService:
    return GitOpsVcsService(value)


T = TypeVar("T", bound="GitOps")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class GitOps:
    """Where the template is kept in Git, when it is synced with a repository.

    Attributes:
        vcs_service (GitOpsVcsService): The VCS provider to use. One of the known providers, or one added since.
        repo_url (str): URL of the Git repo to sync the template with.
        branch (str): The name of the branch to use.
        self_hosted_vcs_id (str | Unset): If projectType is self-hosted, the ID of the self-hosted vcs to use.
        account_login (str | Unset): By default, if you have multiple version control accounts of the same provider
            linked,
            Northflank will pick a linked account that has access to the repository. If
            `accountLogin` is provided, Northflank will instead use your linked account with that
            login name.
        vcs_link_id (str | Unset): Legacy key. Please use accountLogin instead.
        file_path (str | Unset): The file path to the template in the repository. If using an existing template, it
            should be in JSON format.
    """

    vcs_service: GitOpsVcsService = _attrs_field(converter=_to_vcs_service)
    repo_url: str
    branch: str
    self_hosted_vcs_id: str | Unset = UNSET
    account_login: str | Unset = UNSET
    vcs_link_id: str | Unset = UNSET
    file_path: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vcs_service = self.vcs_service.value

        repo_url = self.repo_url

        branch = self.branch

        self_hosted_vcs_id = self.self_hosted_vcs_id

        account_login = self.account_login

        vcs_link_id = self.vcs_link_id

        file_path = self.file_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vcsService": vcs_service,
                "repoUrl": repo_url,
                "branch": branch,
            }
        )
        if self_hosted_vcs_id is not UNSET:
            field_dict["selfHostedVcsId"] = self_hosted_vcs_id
        if account_login is not UNSET:
            field_dict["accountLogin"] = account_login
        if vcs_link_id is not UNSET:
            field_dict["vcsLinkId"] = vcs_link_id
        if file_path is not UNSET:
            field_dict["filePath"] = file_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("GitOps", "an object", src_dict)
        d = dict(src_dict)
        vcs_service = GitOpsVcsService.from_value(d.pop("vcsService"))

        repo_url = d.pop("repoUrl")
        if not isinstance(repo_url, str):
            raise wrong_type("GitOps.repoUrl", "a string", repo_url)

        branch = d.pop("branch")
        if not isinstance(branch, str):
            raise wrong_type("GitOps.branch", "a string", branch)

        self_hosted_vcs_id = d.pop("selfHostedVcsId", UNSET)
        if not isinstance(self_hosted_vcs_id, str) and self_hosted_vcs_id is not UNSET:
            raise wrong_type("GitOps.selfHostedVcsId", "a string", self_hosted_vcs_id)

        account_login = d.pop("accountLogin", UNSET)
        if not isinstance(account_login, str) and account_login is not UNSET:
            raise wrong_type("GitOps.accountLogin", "a string", account_login)

        vcs_link_id = d.pop("vcsLinkId", UNSET)
        if not isinstance(vcs_link_id, str) and vcs_link_id is not UNSET:
            raise wrong_type("GitOps.vcsLinkId", "a string", vcs_link_id)

        file_path = d.pop("filePath", UNSET)
        if not isinstance(file_path, str) and file_path is not UNSET:
            raise wrong_type("GitOps.filePath", "a string", file_path)

        git_ops = cls.__new__(cls)
        git_ops.vcs_service = vcs_service
        git_ops.repo_url = repo_url
        git_ops.branch = branch
        git_ops.self_hosted_vcs_id = self_hosted_vcs_id
        git_ops.account_login = account_login
        git_ops.vcs_link_id = vcs_link_id
        git_ops.file_path = file_path

        git_ops.additional_properties = d
        return git_ops

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

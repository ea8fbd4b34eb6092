from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.build_status import BuildStatus
from ..types import NUMBERS as _NUMBERS
from ..types import UNSET, Unset, wrong_type


def _to_status(value: BuildStatus | str | Unset) -> BuildStatus | Unset:
    if isinstance(value, Unset):
        return value
    return BuildStatus(value)


T = TypeVar("T", bound="JobBuild")


@_attrs_define(on_setattr=_attrs_setters.NO_OP)
class JobBuild:
    """A build of a job.

    Attributes:
        id (str): ID of the build.
        branch (str | Unset): Name of the branch the built commit belongs to.
        pull_request_id (float | None | Unset): ID of the pull request the commit belongs to. `null` when the commit was
            not built from a pull request.
        status (BuildStatus | Unset): The statuses of a build this document knows. Northflank may add more: a build's
            `status`
            may be any other string too.
        sha (str | Unset): The sha of the built commit.
        concluded (bool | Unset): Whether the build has finished.
        created_at (datetime.datetime | Unset): Timestamp of the build initiation (RFC 3339).
        success (bool | Unset): Whether the build was successful.
        message (None | str | Unset): Description of the build status. May be `null`.
        build_concluded_at (float | Unset): Timestamp of the build concluding, in epoch seconds.
        registry (JobBuildRegistry | Unset): Where the built image is stored.
    """

    id: str
    branch: str | Unset = UNSET
    pull_request_id: float | None | Unset = UNSET
    status: BuildStatus | Unset = _attrs_field(default=UNSET, converter=_to_status)
    sha: str | Unset = UNSET
    concluded: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    success: bool | Unset = UNSET
    message: None | str | Unset = UNSET
    build_concluded_at: float | Unset = UNSET
    registry: JobBuildRegistry | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        branch = self.branch

        pull_request_id: float | None | Unset
        if isinstance(self.pull_request_id, Unset):
            pull_request_id = UNSET
        else:
            pull_request_id = self.pull_request_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        sha = self.sha

        concluded = self.concluded

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        success = self.success

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        build_concluded_at = self.build_concluded_at

        registry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.registry, Unset):
            registry = self.registry.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if branch is not UNSET:
            field_dict["branch"] = branch
        if pull_request_id is not UNSET:
            field_dict["pullRequestId"] = pull_request_id
        if status is not UNSET:
            field_dict["status"] = status
        if sha is not UNSET:
            field_dict["sha"] = sha
        if concluded is not UNSET:
            field_dict["concluded"] = concluded
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if success is not UNSET:
            field_dict["success"] = success
        if message is not UNSET:
            field_dict["message"] = message
        if build_concluded_at is not UNSET:
            field_dict["buildConcludedAt"] = build_concluded_at
        if registry is not UNSET:
            field_dict["registry"] = registry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, Mapping):
            raise wrong_type("JobBuild", "an object", src_dict)
        d = dict(src_dict)
        id = d.pop("id")
        if not isinstance(id, str):
            raise wrong_type("JobBuild.id", "a string", id)

        branch = d.pop("branch", UNSET)
        if not isinstance(branch, str) and branch is not UNSET:
            raise wrong_type("JobBuild.branch", "a string", branch)

        def _parse_pull_request_id(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                return data
            raise wrong_type("pullRequestId", "a number or null", data)

        pull_request_id = _parse_pull_request_id(d.pop("pullRequestId", UNSET))

        _status = d.pop("status", UNSET)
        status: BuildStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = BuildStatus.from_value(_status)

        sha = d.pop("sha", UNSET)
        if not isinstance(sha, str) and sha is not UNSET:
            raise wrong_type("JobBuild.sha", "a string", sha)

        concluded = d.pop("concluded", UNSET)
        if not isinstance(concluded, bool) and concluded is not UNSET:
            raise wrong_type("JobBuild.concluded", "a boolean", concluded)

        _created_at = d.pop("createdAt", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)
            if created_at.tzinfo is None:
                created_at = created_at.replace(tzinfo=datetime.UTC)

        success = d.pop("success", UNSET)
        if not isinstance(success, bool) and success is not UNSET:
            raise wrong_type("JobBuild.success", "a boolean", success)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if isinstance(data, str):
                return data
            raise wrong_type("message", "a string or null", data)

        message = _parse_message(d.pop("message", UNSET))

        build_concluded_at = d.pop("buildConcludedAt", UNSET)
        if (
            not (
                type(build_concluded_at) in _NUMBERS
                or (isinstance(build_concluded_at, (int, float)) and not isinstance(build_concluded_at, bool))
            )
            and build_concluded_at is not UNSET
        ):
            raise wrong_type("JobBuild.buildConcludedAt", "a number", build_concluded_at)

        _registry = d.pop("registry", UNSET)
        registry: JobBuildRegistry | Unset
        if isinstance(_registry, Unset):
            registry = UNSET
        else:
            registry = JobBuildRegistry.from_dict(_registry)

        job_build = cls.__new__(cls)
        job_build.id = id
        job_build.branch = branch
        job_build.pull_request_id = pull_request_id
        job_build.status = status
        job_build.sha = sha
        job_build.concluded = concluded
        job_build.created_at = created_at
        job_build.success = success
        job_build.message = message
        job_build.build_concluded_at = build_concluded_at
        job_build.registry = registry

        job_build.additional_properties = d
        return job_build

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


from ..models.job_build_registry import JobBuildRegistry

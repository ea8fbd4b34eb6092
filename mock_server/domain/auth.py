"""Bearer tokens: any well-formed token by default; real checks with `--tokens FILE`.

A tokens file (JSON or YAML) lists what each token may do, in Northflank's terms:

    tokens:
      - token: ci-read-only
        permissions: [pipelines:read, jobs:read]
        projects: [demo-project]      # optional: every project when left out
      - token: release-bot
        permissions: [pipelines:read, pipelines:update]

Reading runs needs pipelines:read, running and aborting need pipelines:update, listing builds
needs jobs:read. An unknown token is a 401; a missing permission or another project is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ApiError

PERMISSIONS = {
    "pipelines:read": "Project > Pipelines > General > Read",
    "pipelines:update": "Project > Pipelines > General > Update",
    "jobs:read": "Project > Jobs > General > Read",
}


class TokensFileError(Exception):
    """A tokens file the mock cannot use."""


@dataclass(frozen=True)
class Grant:
    """What one token may do. `projects` None means every project."""

    token: str
    permissions: frozenset[str]
    projects: frozenset[str] | None


def load_tokens(path: Path) -> dict[str, Grant]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TokensFileError(f"{path}: cannot read: {exc}") from None
    except RecursionError:
        raise TokensFileError(f"{path}: cannot read: nested too deeply") from None
    entries = document.get("tokens") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise TokensFileError(f"{path}: expected a non-empty `tokens:` list")
    grants: dict[str, Grant] = {}
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        where = f"{path}: tokens[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("token"), str):
            raise TokensFileError(f"{where}.token: expected a string")
        if entry["token"] in first_seen:
            # Which of two grants would a token get? Neither silently: say where both are.
            raise TokensFileError(
                f"{where}.token: the same token as tokens[{first_seen[entry['token']]}]; "
                "list each token once"
            )
        first_seen[entry["token"]] = index
        permissions = entry.get("permissions", [])
        unknown = set(permissions) - set(PERMISSIONS) if isinstance(permissions, list) else {1}
        if unknown:
            raise TokensFileError(
                f"{where}.permissions: expected some of {sorted(PERMISSIONS)}, got {permissions!r}"
            )
        projects = entry.get("projects")
        if projects is not None and not (
            isinstance(projects, list) and all(isinstance(p, str) for p in projects)
        ):
            raise TokensFileError(f"{where}.projects: expected a list of project ids")
        grants[entry["token"]] = Grant(
            entry["token"],
            frozenset(permissions),
            None if projects is None else frozenset(projects),
        )
    return grants


class Authenticator:
    def __init__(self, grants: dict[str, Grant] | None = None) -> None:
        self.grants = grants

    def token_info(self, token: str) -> dict[str, Any] | None:
        """The bearer check: token info for a valid token, None (a 401) otherwise."""
        if not token.strip():
            return None
        if self.grants is None:
            return {"sub": "any-token", "grant": None}
        grant = self.grants.get(token)
        return None if grant is None else {"sub": "token", "grant": grant}

    def authorize(
        self, token_info: dict[str, Any] | None, project_id: str, permission: str
    ) -> None:
        """403 unless the token has `permission` on `project_id`."""
        grant: Grant | None = (token_info or {}).get("grant")
        if grant is None:
            return
        if permission not in grant.permissions:
            raise ApiError(403, f"Missing permission: {PERMISSIONS[permission]}")
        if grant.projects is not None and project_id not in grant.projects:
            raise ApiError(403, f"This token has no access to project {project_id!r}")

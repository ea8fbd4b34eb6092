"""Bearer tokens: any well-formed token by default; real checks with `--tokens FILE`.

A tokens file (JSON or YAML) lists what each token may do, in Northflank's terms:

    tokens:
      - token: ci-read-only
        permissions: [pipelines:read, jobs:read]
        projects: [demo-project]      # optional: every project when left out
      - token: release-bot
        permissions: [pipelines:read, pipelines:update]
        teams: [demo-team]            # optional: every team when left out

Reading runs needs pipelines:read, running and aborting need pipelines:update, listing builds
needs jobs:read. An unknown token is a 401; a missing permission, another project or another
team is a 403. The team is the one a team-scoped route names, or on a project-scoped route the
team the project belongs to.
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
    """What one token may do. `projects` None means every project; `teams` None every team."""

    token: str
    permissions: frozenset[str]
    projects: frozenset[str] | None
    teams: frozenset[str] | None = None


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
        projects = _ids(entry, "projects", where)
        grants[entry["token"]] = Grant(
            entry["token"], frozenset(permissions), projects, _ids(entry, "teams", where)
        )
    return grants


def _ids(entry: dict[str, Any], key: str, where: str) -> frozenset[str] | None:
    """The ids a tokens-file entry restricts its token to (`projects`, `teams`); None: all."""
    ids = entry.get(key)
    if ids is None:
        return None
    if not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)):
        raise TokensFileError(f"{where}.{key}: expected a list of {key[:-1]} ids")
    return frozenset(ids)


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
        self,
        token_info: dict[str, Any] | None,
        project_id: str,
        permission: str,
        team_id: str | None = None,
    ) -> None:
        """403 unless the token has `permission` on `project_id` in team `team_id` (None: a
        team not known, whose project the lookup after this refuses)."""
        grant: Grant | None = (token_info or {}).get("grant")
        if grant is None:
            return
        if permission not in grant.permissions:
            raise ApiError(403, f"Missing permission: {PERMISSIONS[permission]}")
        if grant.teams is not None and team_id is not None and team_id not in grant.teams:
            raise ApiError(403, f"This token has no access to team {team_id!r}")
        if grant.projects is not None and project_id not in grant.projects:
            raise ApiError(403, f"This token has no access to project {project_id!r}")

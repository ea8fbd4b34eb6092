"""The node tree of a run's details: the template's nodes with a `response` per node that
follows the run's status (done, current, or not reached yet)."""

from __future__ import annotations

from typing import Any

from .clock import parse_timestamp

# The status the root Workflow node shows for each run status.
_ROOT_STATUS = {
    "pending": "waiting", "queued": "waiting", "waiting": "waiting", "running": "async_wait",
    "success": "success", "failure": "failure", "aborted": "aborted", "aborting": "aborting",
    "skipped": "skipped", "approval_wait": "approval_wait", "async_wait": "async_wait",
    "retrying": "retrying",
}  # fmt: skip


def _skeleton(node: dict[str, Any]) -> dict[str, Any]:
    """A copy of the tree's nodes and step lists, sharing everything else with the template:
    responses are set on the copies only, and the rest is never changed (it is serialised)."""
    copied = dict(node)
    steps = node.get("spec", {}).get("steps") if node.get("kind") == "Workflow" else None
    if isinstance(steps, list):
        copied["spec"] = {**node["spec"], "steps": [_skeleton(step) for step in steps]}
    return copied


def _leaves(node: dict[str, Any]) -> list[dict[str, Any]]:
    steps = node.get("spec", {}).get("steps") if node.get("kind") == "Workflow" else None
    if not isinstance(steps, list):
        return [node]
    return [leaf for step in steps for leaf in _leaves(step)]


def _current_index(leaves: list[dict[str, Any]], status: str, progress: float) -> int:
    """Index of the node the run is at (or stopped at)."""
    if status == "approval_wait":
        for index, leaf in enumerate(leaves):
            if leaf.get("kind") == "Approval":
                return index
    return min(int(progress * len(leaves)), len(leaves) - 1)


def render_tree(
    spec: dict[str, Any], run: dict[str, Any], now: float, progress: float | None = None
) -> dict[str, Any]:
    """A copy of the template's root node with every node's `response` filled in.

    `progress` (0..1) says how far a running run has got; None reads it from the run's times.
    """
    tree = _skeleton(spec)
    status = run["status"]
    start = parse_timestamp(run["startedAt"]) if "startedAt" in run else None
    end = parse_timestamp(run["concludedAt"]) if "concludedAt" in run else now
    leaves = _leaves(tree)
    if progress is None:
        progress = 0.5 if status in ("running", "aborting", "failure", "aborted") else 1.0
    current = _current_index(leaves, status, progress)
    span = (end - start) / len(leaves) if start is not None else 0.0
    for index, leaf in enumerate(leaves):
        leaf["response"] = _leaf_response(leaf, index, current, status, start, span)
    if tree is not leaves[0] or len(leaves) != 1:
        tree["response"] = _root_response(status, start, end if run.get("concluded") else None)
    return tree


def _leaf_response(
    leaf: dict[str, Any], index: int, current: int, status: str, start: float | None, span: float
) -> dict[str, Any]:
    attempts = leaf.get("settings", {}).get("maxAttempts", 1)
    if status in ("pending", "queued", "waiting") or start is None:
        return {"status": "waiting"}
    if status == "skipped":
        return {"status": "skipped"}
    times = {"startTime": int(start + index * span), "endTime": int(start + (index + 1) * span)}
    done = {"status": "success", "retries": {"attempts": 1, "maxAttempts": attempts}, **times}
    if status == "success" or index < current:
        return done
    if index > current:
        return {"status": "skipped"} if status in ("failure", "aborted") else {"status": "waiting"}
    ongoing = {"startTime": times["startTime"], "retries": {"attempts": 1, "maxAttempts": attempts}}
    if status == "failure":
        error = {"code": "NODE_FAILED", "message": f"{leaf.get('kind', 'Node')} node failed"}
        return {"status": "failure", "error": error, **ongoing, "endTime": times["endTime"]}
    if status in ("aborted", "aborting"):
        return {"status": status, **ongoing}
    if status == "approval_wait":
        return {"status": "approval_wait", **ongoing}
    return {"status": "async_wait", **ongoing}


def _root_response(status: str, start: float | None, end: float | None) -> dict[str, Any]:
    response: dict[str, Any] = {"status": _ROOT_STATUS.get(status, "unknown")}
    if start is not None:
        response["startTime"] = int(start)
    if end is not None:
        response["endTime"] = int(end)
    return response

"""Runs as the API answers them, as JSON bytes, re-encoding only what can have changed.

Fixture runs are encoded once. A created run is re-encoded only when its timeline reaches a new
step. Run details are put together from pieces encoded once: the template's fields, and the node
tree of a run that has not started or has concluded. The caches live on the RunRecord and
ReleaseFlow they belong to (flows.py); this module is the only one that fills them.
"""

from __future__ import annotations

from typing import Any

from ..domain import lifecycle
from ..domain.nodes import render_tree
from .encoding import encode
from .flows import ReleaseFlow, RunRecord

_MAX_CACHED_TREES = 1024  # per flow


def run_json(record: RunRecord, now: float) -> bytes:
    """The run as the list endpoint answers it; encoded again only at a new timeline step."""
    if record.timeline is None and record.list_json is not None:
        return record.list_json  # most runs: fixture runs nothing has happened to
    step = -1 if record.timeline is None else sum(1 for at, _ in record.timeline if at <= now)
    if (
        record.list_json is None
        or record.list_json_step != step
        or record.list_json_timeline is not record.timeline
    ):
        record.list_json = encode(record.current(now))
        record.list_json_step, record.list_json_timeline = step, record.timeline
    return record.list_json


def runs_json(records: list[RunRecord], now: float) -> list[bytes]:
    """run_json() of each record, with its first case inline: a call per run was a tenth of a
    page's time."""
    return [
        record.list_json
        if record.timeline is None and record.list_json is not None
        else run_json(record, now)
        for record in records
    ]


def details(flow: ReleaseFlow, record: RunRecord, now: float) -> dict[str, Any]:
    """The run as "get release flow run details" answers it."""
    fields = record.current(now)
    if record.details is not None:
        return {**record.details, **fields}
    # Shared with the template, not copied: the result is serialised and never changed.
    result: dict[str, Any] = dict(flow.template_fields)
    arguments = _arguments(flow, record)
    if arguments is not None:
        result["arguments"] = arguments
    result["spec"] = render_tree(flow.template["spec"], fields, now, _progress(record, fields, now))
    result.update(fields)
    return result


def details_json(flow: ReleaseFlow, record: RunRecord, now: float) -> bytes:
    """details() as JSON bytes, from pieces encoded once where they cannot change; a fixture
    run that can no longer change is encoded once as a whole."""
    if record.timeline is None and record.fields.get("concluded"):
        if record.details_json is None:
            record.details_json = encode(details(flow, record, now))
        return record.details_json
    fields = record.current(now)
    if record.details is not None or _overlaps(flow, fields):
        return encode(details(flow, record, now))
    parts = [_template_json(flow)]
    arguments = _arguments(flow, record)
    if arguments is not None:
        parts.append(b'"arguments":' + encode(arguments))
    parts.append(b'"spec":' + _tree_json(flow, fields, now, _progress(record, fields, now)))
    parts.append(encode(fields)[1:-1])
    return b"{" + b",".join(part for part in parts if part) + b"}"


def _overlaps(flow: ReleaseFlow, fields: dict[str, Any]) -> bool:
    """Whether a run has a field of its own that its template's part also has (a fixture run
    may carry any field its schema admits): the run's wins, which joining pieces encoded apart
    would not do."""
    return "arguments" in fields or not flow.template_fields.keys().isdisjoint(fields)


def _template_json(flow: ReleaseFlow) -> bytes:
    """The template's fields of a run's details, encoded once: `"apiVersion":...,...`."""
    if flow.template_json is None:
        shown = dict(flow.template_fields)
        shown.pop("arguments", None)  # a run's own arguments are merged into them
        flow.template_json = encode(shown)[1:-1]
    return flow.template_json


def _arguments(flow: ReleaseFlow, record: RunRecord) -> dict[str, Any] | None:
    """The arguments a run's details show: the template's, overridden by the run's own; None
    when the details have no `arguments` field."""
    arguments = {**flow.template.get("arguments", {}), **(record.arguments or {})}
    return arguments if arguments or "arguments" in flow.template else None


def _tree_json(
    flow: ReleaseFlow, fields: dict[str, Any], now: float, progress: float | None
) -> bytes:
    """The node tree of a run's details (nodes.render_tree) as JSON bytes.

    A tree that cannot depend on `now` (a run not started yet, or concluded) is encoded once
    per state: every run created and answered while still pending shares one."""
    started = fields.get("startedAt")
    timeless = started is None or bool(fields.get("concluded"))
    key = (fields["status"], started, fields.get("concludedAt"), fields.get("concluded"), progress)
    if timeless and key in flow.trees:
        return flow.trees[key]
    encoded = encode(render_tree(flow.template["spec"], fields, now, progress))
    if timeless:
        if len(flow.trees) >= _MAX_CACHED_TREES:
            flow.trees.clear()
        flow.trees[key] = encoded
    return encoded


def _progress(record: RunRecord, fields: dict[str, Any], now: float) -> float | None:
    """Where a running or aborted run has got to; a failed run fails half-way (nodes.py)."""
    moving = record.timeline and fields["status"] in ("running", "aborting", "aborted")
    return lifecycle.progress(record.timeline, now) if moving and record.timeline else None

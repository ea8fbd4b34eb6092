"""Which fields of the fixtures the mock serves where, read from the spec's schemas at start-up.

Nothing here lists a field: a field added to the spec is served as soon as the fixtures carry
it. The schemas decide:

- a run in a list (`ReleaseFlowRun`): a fixture run written list-shaped is served as given. One
  written as full details (it has a field the template requires, `apiVersion` or `spec`) shows
  in lists the fields the run schema declares, and, when that schema admits other fields (no
  `additionalProperties: false`), the fields neither the run nor the template schema declares;
- a run's details: the template's fields (`ReleaseFlowTemplate`, every field of template.json
  but its node tree `spec`, which is rendered for the run's state), then the run's own fields.
  A full-details fixture run is served as given;
- a build (`JobBuild`): as given.

The fixtures loader has already checked every file against those schemas, so what is served
as given matches the spec; additionalProperties is followed there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..spec import SPEC_PATH, ObjectFields, object_fields

RUN_SCHEMA = "ReleaseFlowRun"
DETAILS_SCHEMA = "ReleaseFlowRunDetails"
TEMPLATE_SCHEMA = "ReleaseFlowTemplate"
BUILD_SCHEMA = "JobBuild"
TREE = "spec"  # the template's node tree, rendered for each run's state (domain/nodes.py)


@dataclass(frozen=True)
class ServedFields:
    run: ObjectFields
    template: ObjectFields

    @classmethod
    def from_spec(cls, path: Path = SPEC_PATH) -> ServedFields:
        return cls(object_fields(RUN_SCHEMA, path), object_fields(TEMPLATE_SCHEMA, path))

    def is_details(self, run: Any) -> bool:
        """Whether a fixture run is written as full details: it has a field only the template
        requires (rather than a list-shaped run, whose details come from its stage's template)."""
        markers = self.template.required.difference(self.run.declared)
        return isinstance(run, dict) and not markers.isdisjoint(run)

    def list_fields(self, run: dict[str, Any]) -> dict[str, Any]:
        """What a list shows of a fixture run."""
        if not self.is_details(run):
            return dict(run)
        shown = {name: run[name] for name in self.run.declared if name in run}
        if self.run.open:
            template = self.template.declared
            shown.update((k, v) for k, v in run.items() if k not in shown and k not in template)
        return shown

    def template_fields(self, template: dict[str, Any]) -> dict[str, Any]:
        """What a run's details show of its stage's template, before the rendered node tree:
        the declared fields in the spec's order, then any others the file has."""
        shown = {name: template[name] for name in self.template.declared if name in template}
        shown.update((k, v) for k, v in template.items() if k not in shown)
        shown.pop(TREE, None)
        return shown

    def run_fields_in_template(self, template: dict[str, Any]) -> list[str]:
        """Fields of a template file that belong to a run: every run's details would show them
        where the run has none of its own (a pending run with a `concludedAt`, say)."""
        own = self.template.declared
        return [name for name in template if name in self.run.declared and name not in own]

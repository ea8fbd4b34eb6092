"""How created runs end: the default (`--outcome`), and choices made through the control API for
the next N runs, or every run from now on, in one stage or in all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fixtures import StageKey


@dataclass
class OutcomeChoice:
    """What the next created runs end in. `remaining` None: every run from now on."""

    outcome: str
    remaining: int | None = None
    stage: StageKey | None = None  # None: any stage


class Outcomes:
    def __init__(self, default: str) -> None:
        self.default = default
        self.choices: list[OutcomeChoice] = []

    def next(self, stage: StageKey) -> str:
        """The outcome of the next run created in `stage`, spending a counted choice."""
        for choice in self.choices:
            if choice.stage is None or choice.stage == stage:
                if choice.remaining is not None:
                    choice.remaining -= 1
                    if choice.remaining <= 0:
                        self.choices.remove(choice)
                return choice.outcome
        return self.default

    def choose(self, choice: OutcomeChoice) -> None:
        if choice.remaining is None:  # a new default replaces earlier open-ended choices
            self.choices = [
                c for c in self.choices if c.remaining is not None or c.stage != choice.stage
            ]
        self.choices.append(choice)

    def clear(self) -> None:
        self.choices = []

    def dump(self) -> list[dict[str, Any]]:
        return [
            {"outcome": c.outcome, "remaining": c.remaining, "stage": c.stage} for c in self.choices
        ]

    def load(self, data: list[dict[str, Any]]) -> None:
        self.choices = [
            OutcomeChoice(c["outcome"], c["remaining"], _stage_key(c["stage"])) for c in data
        ]


def _stage_key(value: list[str] | None) -> StageKey | None:
    return (value[0], value[1], value[2]) if value else None

"""Faults on demand: a status or a delay for an operation, by rule (`/_mock/faults`). One
request can also ask for one with a Prism-style `Prefer` header (http/prefer.py).

Rules serve clients that cannot add headers (generated clients, official SDKs): answer status S,
or delay D ms, for the next N calls or with probability P. Draws come from a seeded sequence, so
a scenario replays identically, across worker processes too.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import ApiError, ValidationFailed, violation

MAX_DELAY_MS = 60_000


@dataclass
class FaultRule:
    id: int
    operation: str  # an operationId, or "*" for every operation
    status: int | None = None
    delay_ms: int = 0
    remaining: int | None = None  # None: until cleared
    probability: float | None = None  # None: always
    retry_after: int = 1


@dataclass(frozen=True)
class Fault:
    """What to do to one request: wait `delay_ms`, then answer `status` (if any)."""

    delay_ms: int
    status: int | None
    retry_after: int


def _invalid(name: str, message: str) -> ValidationFailed:
    return ValidationFailed([violation("body", name, message)])


def _number(body: dict[str, Any], name: str, low: float, high: float, integer: bool = True) -> Any:
    value = body.get(name)
    if value is None:
        return None
    kind = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or not low <= value <= high:
        raise _invalid(
            name, f"must be {'an integer' if integer else 'a number'} from {low} to {high}"
        )
    return value


class FaultBook:
    FIELDS = frozenset({"operationId", "status", "delayMs", "count", "probability", "retryAfter"})

    def __init__(self, seed: int | None, operation_ids: set[str]) -> None:
        self.seed = 0 if seed is None else seed
        self.operation_ids = operation_ids
        self.reset()

    def reset(self) -> None:
        self.rules: list[FaultRule] = []
        self.next_id = 1
        self.draws = 0

    def add(self, body: dict[str, Any]) -> FaultRule:
        """A rule from a `POST /_mock/faults` body; a 400 naming the field on anything doubtful."""
        unknown = sorted(set(body) - self.FIELDS)
        if unknown:
            raise _invalid(
                unknown[0][:200], f"unknown field; expected some of {sorted(self.FIELDS)}"
            )
        operation = body.get("operationId", "*")
        if not isinstance(operation, str) or (
            operation != "*" and operation not in self.operation_ids
        ):
            raise _invalid("operationId", f'must be "*" or one of {sorted(self.operation_ids)}')
        status = _number(body, "status", 400, 599)
        delay = _number(body, "delayMs", 0, MAX_DELAY_MS) or 0
        if status is None and not delay:
            raise _invalid("status", "a fault needs `status` (400-599), `delayMs` (> 0), or both")
        rule = FaultRule(
            id=self.next_id,
            operation=operation,
            status=status,
            delay_ms=delay,
            remaining=_number(body, "count", 1, 1_000_000),
            probability=_number(body, "probability", 0.0, 1.0, integer=False),
            retry_after=_number(body, "retryAfter", 0, 86_400) or 1,
        )
        self.next_id += 1
        self.rules.append(rule)
        return rule

    def describe(self) -> list[dict[str, Any]]:
        """The rules as the control endpoints show them."""
        return [shown(rule) for rule in self.rules]

    def remove(self, rule_id: int) -> None:
        before = len(self.rules)
        self.rules = [rule for rule in self.rules if rule.id != rule_id]
        if len(self.rules) == before:
            raise ApiError(404, f"No fault rule {rule_id}")

    def match(self, operation_id: str) -> Fault | None:
        """The fault for one call of `operation_id`, spending the rules' counts and draws."""
        delay, status, retry_after = 0, None, 1
        for rule in list(self.rules):
            if rule.operation not in ("*", operation_id):
                continue
            if rule.probability is not None:
                draw = random.Random(f"{self.seed}:{self.draws}").random()
                self.draws += 1
                if draw >= rule.probability:
                    continue
            if rule.remaining is not None:
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self.rules.remove(rule)
            delay += rule.delay_ms
            if status is None and rule.status is not None:
                status, retry_after = rule.status, rule.retry_after
        if not delay and status is None:
            return None
        return Fault(min(delay, MAX_DELAY_MS), status, retry_after)

    def dump(self) -> dict[str, Any]:
        return {
            "rules": [asdict(rule) for rule in self.rules],
            "next": self.next_id,
            "draws": self.draws,
        }

    def load(self, data: dict[str, Any] | None) -> None:
        self.reset()
        if data:
            self.rules = [FaultRule(**rule) for rule in data["rules"]]
            self.next_id, self.draws = data["next"], data["draws"]


def shown(rule: FaultRule) -> dict[str, Any]:
    """A rule in the words `POST /_mock/faults` takes it in (camelCase), with its id and the
    calls it has left (`remaining`, for the `count` it was given)."""
    return {
        "id": rule.id,
        "operationId": rule.operation,
        "status": rule.status,
        "delayMs": rule.delay_ms,
        "remaining": rule.remaining,
        "probability": rule.probability,
        "retryAfter": rule.retry_after,
    }

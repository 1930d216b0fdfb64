"""The agenda's priority score: four visible parts that add up to at most 100.

Transparent on purpose: each part is a plain rule a rep can check, and the agenda shows the
biggest parts as its "why". Pure, so it is tested without a store or a clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

VALUE_MAX = 40.0  # expected value (amount x probability), 10 points per factor of ten over 1k
STAGE_MAX = 20.0  # the stage's win probability
OVERDUE_MAX = 25.0  # 5 when due today, +5 per day late
IDLE_MAX = 15.0  # half a point per day without a touch; never touched counts as the maximum


@dataclass(frozen=True)
class Factors:
    """What the score is computed from for one agenda item."""

    amount: float = 0.0
    probability: float = 0.0
    days_overdue: int = 0  # 0 = due today; negative = not yet due
    days_since_touch: int | None = None  # None = never touched


@dataclass(frozen=True)
class Part:
    """One part of a score: `key` names the rule (value, stage, overdue, idle)."""

    key: str
    points: float


@dataclass(frozen=True)
class Priority:
    score: float
    parts: tuple[Part, ...]

    def why(self, limit: int = 2) -> tuple[Part, ...]:
        """The parts that weigh most, for the short reason shown beside each item."""
        ranked = sorted((p for p in self.parts if p.points > 0), key=lambda p: -p.points)
        return tuple(ranked[:limit])


def score(f: Factors) -> Priority:
    """Score one item; higher comes first."""
    expected = max(f.amount, 0.0) * min(max(f.probability, 0.0), 1.0)
    parts = (
        Part("value", min(VALUE_MAX, 10.0 * math.log10(1.0 + expected / 1000.0))),
        Part("stage", STAGE_MAX * min(max(f.probability, 0.0), 1.0)),
        Part(
            "overdue", 0.0 if f.days_overdue < 0 else min(OVERDUE_MAX, 5.0 + 5.0 * f.days_overdue)
        ),
        Part(
            "idle",
            IDLE_MAX
            if f.days_since_touch is None
            else min(IDLE_MAX, max(f.days_since_touch, 0) / 2.0),
        ),
    )
    return Priority(round(sum(p.points for p in parts), 1), parts)

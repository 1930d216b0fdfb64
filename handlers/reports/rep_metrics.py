"""What each rep did and left undone, for the manager digest: activity by kind, overdue steps
and silence. Pure functions over the records storage/metrics.py reads; no store, no clock.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# The input records are defined beside the SQL that fills them (storage may not import handlers).
from storage.metrics import DueStep, InteractionRow, Rep, StepEvent

INTERACTION_KINDS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")
STEP_ACTIONS = ("done", "skipped", "snoozed")
SILENT_DAYS = 3


@dataclass(frozen=True)
class RepActivity:
    person_id: int
    name: str
    by_kind: Mapping[str, int]
    done: int = 0
    skipped: int = 0
    snoozed: int = 0

    @property
    def interactions(self) -> int:
        return sum(self.by_kind.values())


def activity_by_rep(
    reps: Sequence[Rep],
    interactions: Iterable[InteractionRow],
    steps: Iterable[StepEvent],
    start: datetime,
    end: datetime,
) -> tuple[RepActivity, ...]:
    """Interactions by kind and steps done/skipped/snoozed per rep in [start, end), busiest
    first."""
    kinds: dict[int, Counter[str]] = defaultdict(Counter)
    for row in interactions:
        if start <= row.occurred_at < end:
            kinds[row.person_id][row.kind] += 1
    actions: dict[int, Counter[str]] = defaultdict(Counter)
    for event in steps:
        if start <= event.at < end:
            actions[event.person_id][event.action] += 1
    rows = [
        RepActivity(
            rep.person_id,
            rep.name,
            dict(kinds[rep.person_id]),
            actions[rep.person_id]["done"],
            actions[rep.person_id]["skipped"],
            actions[rep.person_id]["snoozed"],
        )
        for rep in reps
    ]
    return tuple(sorted(rows, key=lambda r: (-(r.interactions + r.done), r.name)))


# --- overdue and silence ---------------------------------------------------------------------


@dataclass(frozen=True)
class RepOverdue:
    person_id: int
    name: str
    count: int
    oldest_due_at: datetime
    oldest_label: str


def overdue_by_rep(
    reps: Sequence[Rep], due: Iterable[DueStep], before: datetime
) -> tuple[RepOverdue, ...]:
    """Reps with steps due before `before` (metric_windows.overdue_before: the start of the
    reader's today), most overdue first, each with their oldest step."""
    late: dict[int, list[DueStep]] = defaultdict(list)
    for step in due:
        if step.due_at < before:
            late[step.person_id].append(step)
    rows = []
    for rep in reps:
        steps = late.get(rep.person_id)
        if steps:
            oldest = min(steps, key=lambda s: s.due_at)
            rows.append(
                RepOverdue(rep.person_id, rep.name, len(steps), oldest.due_at, oldest.label)
            )
    return tuple(sorted(rows, key=lambda r: (-r.count, r.oldest_due_at)))


@dataclass(frozen=True)
class SilentRep:
    person_id: int
    name: str
    last_logged_at: datetime | None  # None: never logged anything


def silent_reps(
    reps: Sequence[Rep],
    last_logged: Mapping[int, datetime | None],
    now: datetime,
    days: int = SILENT_DAYS,
) -> tuple[SilentRep, ...]:
    """Reps with nothing logged in the last `days` days, longest silence first."""
    cutoff = now - timedelta(days=days)
    never = datetime.min.replace(tzinfo=now.tzinfo)
    rows = [
        SilentRep(rep.person_id, rep.name, last_logged.get(rep.person_id))
        for rep in reps
        if (last_logged.get(rep.person_id) or never) < cutoff
    ]
    return tuple(sorted(rows, key=lambda r: (r.last_logged_at or never, r.name)))

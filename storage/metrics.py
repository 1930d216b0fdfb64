"""The SQL behind the manager digest: one team's records for the digest metrics, set-based.

The records are plain frozen dataclasses; handlers/*_metrics.py turn them into numbers. Queries
narrow by team and time window and aggregate in SQL where the volume is large (interactions),
so one team's digest reads a few thousand rows however big the store is.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/metrics.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from storage import labels


@dataclass(frozen=True)
class Rep:
    person_id: int
    name: str


@dataclass(frozen=True)
class InteractionRow:
    person_id: int
    kind: str
    occurred_at: datetime


@dataclass(frozen=True)
class StepEvent:
    """A done/skipped/snoozed/replied event, attributed to the enrolment's owner."""

    person_id: int
    action: str
    at: datetime


@dataclass(frozen=True)
class DueStep:
    """An active enrolment's current step; overdue once `due_at` has passed."""

    person_id: int
    due_at: datetime
    label: str


@dataclass(frozen=True)
class Stage:
    key: str
    position: int
    label_pt: str
    label_en: str
    probability: float
    # Labels beyond pt-BR and English, from the labels table as the stage list reads them.
    others: tuple[tuple[str, str], ...] = ()

    def label(self, locale: str) -> str:
        return labels.pick(locale, self.label_pt, self.label_en, self.others)


@dataclass(frozen=True)
class Deal:
    id: int
    title: str
    account: str
    owner_id: int
    stage_key: str
    amount: float
    currency: str
    status: str  # open | won | lost
    created_at: datetime
    close_date: date | None = None
    closed_at: datetime | None = None
    lost_reason: str | None = None
    last_touch_at: datetime | None = None  # the latest interaction on the deal
    segment: str | None = None


@dataclass(frozen=True)
class DealChange:
    deal_id: int
    at: datetime
    from_stage: str | None
    to_stage: str | None
    from_status: str | None
    to_status: str | None


@dataclass(frozen=True)
class CadenceCount:
    cadence_key: str
    name_pt: str
    name_en: str
    enrolments: int
    replies: int
    # Names in locales beyond pt-BR and English, from the labels table.
    others: tuple[tuple[str, str], ...] = ()

    def name(self, locale: str) -> str:
        """The cadence's name in `locale` (storage.labels.cadence_name)."""
        names = {"pt-BR": self.name_pt, "en": self.name_en, **dict(self.others)}
        return labels.cadence_name(locale, names, self.cadence_key)


@dataclass(frozen=True)
class Snapshot:
    snapshot_date: date
    weighted: float
    committed: float
    best_case: float


@dataclass(frozen=True)
class TeamData:
    """Everything one team's digest is computed from, already narrowed to its windows."""

    team_id: int
    team_name: str
    currency: str
    target: float | None
    reps: tuple[Rep, ...] = ()
    stages: tuple[Stage, ...] = ()
    interactions: tuple[InteractionRow, ...] = ()
    steps: tuple[StepEvent, ...] = ()
    due: tuple[DueStep, ...] = ()
    last_logged: dict[int, datetime | None] = field(default_factory=dict)
    deals: tuple[Deal, ...] = ()
    changes: tuple[DealChange, ...] = ()
    cadences: tuple[CadenceCount, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()


# --- queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """The time ranges one team's records are read for."""

    now: datetime
    today: date  # in the reader's time zone
    activity_start: datetime
    activity_end: datetime
    since: datetime  # the previous digest, or the start of the activity window
    history_start: datetime  # conversion and cycle time look back this far
    last_month: tuple[date, date]  # the forecast accuracy period
    overdue_before: datetime | None = None  # steps due before it are overdue; None: `now`


@dataclass(frozen=True)
class Manager:
    person_id: int
    timezone: str

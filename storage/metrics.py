"""The SQL behind the manager digest: one team's records for the digest metrics, set-based.

The records are plain frozen dataclasses; handlers/*_metrics.py turn them into numbers. Queries
narrow by team and time window and aggregate in SQL where the volume is large (interactions),
so one team's digest reads a few thousand rows however big the store is.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime

from storage import labels
from storage.timefmt import date_from_db, from_db, to_db


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


def load_team(conn: sqlite3.Connection, team_id: int, span: Span) -> TeamData | None:
    """One team's digest records, or None when the team does not exist.

    Every query starts from the team's few reps through an index (owner, person or deal
    first), and the per-rep and per-deal "latest interaction" are correlated MAX lookups that
    SQLite answers from the (person|deal, occurred_at) indexes without scanning history.
    """
    team = conn.execute(
        "SELECT id, name, target_amount, target_currency FROM teams WHERE id = ?", (team_id,)
    ).fetchone()
    if team is None:
        return None
    reps = team_reps(conn, team_id)
    ids = [r.person_id for r in reps]
    first_closed = min(
        span.history_start.date(), span.last_month[0], span.since.date(), span.today.replace(day=1)
    )
    deals = team_deals(conn, ids, first_closed)
    return TeamData(
        team["id"],
        team["name"],
        team["target_currency"],
        team["target_amount"],
        reps,
        stages(conn),
        _interactions(conn, ids, span.activity_start, span.activity_end),
        _steps(conn, ids, span.activity_start, span.activity_end),
        _due(conn, ids, span.now),
        _last_logged(conn, ids),
        deals,
        _changes(conn, ids, first_closed, min(span.history_start, span.since)),
        _cadences(conn, ids, span.history_start),
        _snapshots(conn, team_id, *span.last_month),
    )


def forecast_inputs(conn: sqlite3.Connection, team_id: int, day: date) -> TeamData | None:
    """Just what the month's forecast needs: stages, open deals and this month's closes."""
    team = conn.execute(
        "SELECT id, name, target_amount, target_currency FROM teams WHERE id = ?", (team_id,)
    ).fetchone()
    if team is None:
        return None
    reps = team_reps(conn, team_id)
    deals = team_deals(conn, [r.person_id for r in reps], day.replace(day=1))
    return TeamData(
        team["id"],
        team["name"],
        team["target_currency"],
        team["target_amount"],
        reps,
        stages(conn),
        deals=deals,
    )


def team_reps(conn: sqlite3.Connection, team_id: int) -> tuple[Rep, ...]:
    """Active reps of the team, plus anyone else on it (a selling manager) who owns open deals
    or active enrolments; a manager who only manages is not listed as a silent rep."""
    rows = conn.execute(
        "SELECT p.id, p.name FROM people p WHERE p.team_id = ? AND p.active = 1"
        " AND (p.role = 'rep'"
        "  OR EXISTS (SELECT 1 FROM deals d WHERE d.owner_id = p.id AND d.status = 'open')"
        "  OR EXISTS (SELECT 1 FROM enrolments e WHERE e.owner_id = p.id AND e.state = 'active'))"
        " ORDER BY p.name_folded",
        (team_id,),
    )
    return tuple(Rep(r["id"], r["name"]) for r in rows)


def stages(conn: sqlite3.Connection) -> tuple[Stage, ...]:
    rows = conn.execute(
        "SELECT key, position, label_pt, label_en, probability FROM stages ORDER BY position"
    )
    found = labels.load(conn)
    return tuple(
        Stage(r[0], r[1], r[2], r[3], r[4], labels.others(found, "stage", r[0])) for r in rows
    )


@dataclass(frozen=True)
class Manager:
    person_id: int
    timezone: str


def digest_managers(conn: sqlite3.Connection, person_id: int | None = None) -> list[Manager]:
    """Active people who manage at least one team, explicitly or as a team's manager member
    (only `person_id`, when given)."""
    rows = conn.execute(
        "SELECT DISTINCT p.id, p.timezone FROM people p"
        " WHERE p.active = 1 AND (?1 IS NULL OR p.id = ?1)"
        " AND (EXISTS (SELECT 1 FROM teams t WHERE t.manager_id = p.id)"
        "  OR (p.role = 'manager' AND p.team_id IS NOT NULL))"
        " ORDER BY p.id",
        (person_id,),
    )
    return [Manager(r[0], r[1]) for r in rows]


def last_digest_at(conn: sqlite3.Connection, person_id: int, before: datetime) -> datetime | None:
    """When the previous digest for this person was queued (movements are counted since)."""
    row = conn.execute(
        "SELECT max(created_at) FROM outbox WHERE person_id = ? AND kind = 'digest'"
        " AND created_at < ?",
        (person_id, to_db(before)),
    ).fetchone()
    return from_db(row[0])


def own_due(conn: sqlite3.Connection, person_id: int, until: datetime) -> int | None:
    """Steps of this person's own book due before `until`; None when they carry no book."""
    row = conn.execute(
        "SELECT count(*), sum(due_at < ?) FROM enrolments WHERE owner_id = ? AND state = 'active'",
        (to_db(until), person_id),
    ).fetchone()
    return (row[1] or 0) if row[0] else None


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _interactions(conn, ids: list[int], start: datetime, end: datetime):
    if not ids:
        return ()
    rows = conn.execute(
        f"SELECT person_id, kind, occurred_at FROM interactions WHERE person_id IN ({_marks(ids)})"
        " AND occurred_at >= ? AND occurred_at < ?",
        (*ids, to_db(start), to_db(end)),
    )
    return tuple(InteractionRow(r[0], r[1], from_db(r[2])) for r in rows)


def _steps(conn, ids: list[int], start: datetime, end: datetime):
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT e.owner_id, s.action, s.at FROM enrolments e"
        " JOIN step_events s ON s.enrolment_id = e.id AND s.at >= ? AND s.at < ?"
        f" WHERE e.owner_id IN ({_marks(ids)}) AND s.action IN ('done', 'skipped', 'snoozed')",
        (to_db(start), to_db(end), *ids),
    )
    return tuple(StepEvent(r[0], r[1], from_db(r[2])) for r in rows)


def _due(conn, ids: list[int], now: datetime):
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT e.owner_id, e.due_at, coalesce(c.name, a.name) FROM enrolments e"
        " JOIN accounts a ON a.id = e.account_id LEFT JOIN contacts c ON c.id = e.contact_id"
        f" WHERE e.owner_id IN ({_marks(ids)}) AND e.state = 'active' AND e.due_at < ?",
        (*ids, to_db(now)),
    )
    return tuple(DueStep(r[0], from_db(r[1]), r[2]) for r in rows)


def _last_logged(conn, ids: list[int]) -> dict[int, datetime | None]:
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT p.id, (SELECT max(i.occurred_at) FROM interactions i WHERE i.person_id = p.id)"
        f" FROM people p WHERE p.id IN ({_marks(ids)})",
        ids,
    )
    return {r[0]: from_db(r[1]) for r in rows}


_DEAL_COLUMNS = (
    "d.id, d.title, a.name AS account, d.owner_id, d.stage_key, d.amount, d.currency, d.status,"
    " d.created_at, d.close_date, d.closed_at, d.lost_reason, a.segment"
)


def team_deals(conn: sqlite3.Connection, ids: list[int], first_closed: date) -> tuple[Deal, ...]:
    """Open deals of these owners, and those closed on or after `first_closed`."""
    if not ids:
        return ()
    rows = conn.execute(
        f"SELECT {_DEAL_COLUMNS}, CASE WHEN d.status = 'open' THEN"
        "  (SELECT max(i.occurred_at) FROM interactions i WHERE i.deal_id = d.id) END AS touch"
        " FROM deals d JOIN accounts a ON a.id = d.account_id"
        f" WHERE d.owner_id IN ({_marks(ids)})"
        " AND (d.status = 'open' OR d.closed_at >= ?)",
        (*ids, first_closed.isoformat()),
    )
    return tuple(
        Deal(
            r["id"],
            r["title"],
            r["account"],
            r["owner_id"],
            r["stage_key"],
            r["amount"],
            r["currency"],
            r["status"],
            from_db(r["created_at"]),
            date_from_db(r["close_date"]),
            from_db(r["closed_at"]),
            r["lost_reason"],
            from_db(r["touch"]),
            r["segment"],
        )
        for r in rows
    )


def _changes(conn, ids: list[int], first_closed: date, start: datetime):
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT c.deal_id, c.at, c.from_stage, c.to_stage, c.from_status, c.to_status"
        " FROM deals d JOIN deal_changes c ON c.deal_id = d.id AND c.at >= ?"
        f" WHERE d.owner_id IN ({_marks(ids)}) AND (d.status = 'open' OR d.closed_at >= ?)",
        (to_db(start), *ids, first_closed.isoformat()),
    )
    return tuple(DealChange(r[0], from_db(r[1]), r[2], r[3], r[4], r[5]) for r in rows)


def _cadences(conn, ids: list[int], start: datetime):
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT e.cadence_key, k.name_pt, k.name_en, count(*),"
        "  sum(EXISTS (SELECT 1 FROM step_events s WHERE s.enrolment_id = e.id"
        "              AND s.action = 'replied'))"
        " FROM enrolments e JOIN cadences k ON k.key = e.cadence_key"
        f" WHERE e.owner_id IN ({_marks(ids)}) AND e.started_at >= ?"
        " GROUP BY e.cadence_key",
        (*ids, to_db(start)),
    )
    return tuple(CadenceCount(r[0], r[1], r[2], r[3], r[4]) for r in rows)


def _snapshots(conn, team_id: int, first: date, last: date):
    rows = conn.execute(
        "SELECT snapshot_date, weighted, committed, best_case FROM forecast_snapshots"
        " WHERE snapshot_date BETWEEN ? AND ? AND team_id = ? AND person_id IS NULL"
        " AND period_start = ?",
        (first.isoformat(), last.isoformat(), team_id, first.isoformat()),
    )
    return tuple(Snapshot(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows)

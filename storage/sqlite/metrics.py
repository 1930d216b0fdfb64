"""The SQLite SQL of storage/metrics.py's repository: SqliteMetrics on one connection.

The records it returns live in storage/metrics.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from storage import labels
from storage.metrics import (
    CadenceCount,
    Deal,
    DealChange,
    DueStep,
    InteractionRow,
    Manager,
    Rep,
    Snapshot,
    Span,
    Stage,
    StepEvent,
    TeamData,
)
from storage.sqlite import labels as _labels_sql
from storage.timefmt import date_from_db, from_db, to_db


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
    ).fetchall()
    found = _labels_sql.load(conn) if rows else labels.Labels()
    return tuple(
        CadenceCount(r[0], r[1], r[2], r[3], r[4], labels.others(found, "cadence", r[0]))
        for r in rows
    )


def _snapshots(conn, team_id: int, first: date, last: date):
    rows = conn.execute(
        "SELECT snapshot_date, weighted, committed, best_case FROM forecast_snapshots"
        " WHERE snapshot_date BETWEEN ? AND ? AND team_id = ? AND person_id IS NULL"
        " AND period_start = ?",
        (first.isoformat(), last.isoformat(), team_id, first.isoformat()),
    )
    return tuple(Snapshot(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows)


class SqliteMetrics:
    """Metrics on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def load_team(self, team_id: int, span: Span) -> TeamData | None:
        """One team's digest records, or None when the team does not exist.

        Every query starts from the team's few reps through an index (owner, person or deal
        first), and the per-rep and per-deal "latest interaction" are correlated MAX lookups that
        SQLite answers from the (person|deal, occurred_at) indexes without scanning history.
        """
        team = self._c.execute(
            "SELECT id, name, target_amount, target_currency FROM teams WHERE id = ?", (team_id,)
        ).fetchone()
        if team is None:
            return None
        reps = self.team_reps(team_id)
        ids = [r.person_id for r in reps]
        first_closed = min(
            span.history_start.date(),
            span.last_month[0],
            span.since.date(),
            span.today.replace(day=1),
        )
        deals = self.team_deals(ids, first_closed)
        return TeamData(
            team["id"],
            team["name"],
            team["target_currency"],
            team["target_amount"],
            reps,
            self.stages(),
            _interactions(self._c, ids, span.activity_start, span.activity_end),
            _steps(self._c, ids, span.activity_start, span.activity_end),
            _due(self._c, ids, span.now),
            _last_logged(self._c, ids),
            deals,
            _changes(self._c, ids, first_closed, min(span.history_start, span.since)),
            _cadences(self._c, ids, span.history_start),
            _snapshots(self._c, team_id, *span.last_month),
        )

    def forecast_inputs(self, team_id: int, day: date) -> TeamData | None:
        """Just what the month's forecast needs: stages, open deals and this month's closes."""
        team = self._c.execute(
            "SELECT id, name, target_amount, target_currency FROM teams WHERE id = ?", (team_id,)
        ).fetchone()
        if team is None:
            return None
        reps = self.team_reps(team_id)
        deals = self.team_deals([r.person_id for r in reps], day.replace(day=1))
        return TeamData(
            team["id"],
            team["name"],
            team["target_currency"],
            team["target_amount"],
            reps,
            self.stages(),
            deals=deals,
        )

    def team_reps(self, team_id: int) -> tuple[Rep, ...]:
        """Active reps of the team, plus anyone else on it (a selling manager) who owns open deals
        or active enrolments; a manager who only manages is not listed as a silent rep."""
        rows = self._c.execute(
            "SELECT p.id, p.name FROM people p WHERE p.team_id = ? AND p.active = 1"
            " AND (p.role = 'rep'"
            "  OR EXISTS (SELECT 1 FROM deals d WHERE d.owner_id = p.id AND d.status = 'open')"
            "  OR EXISTS (SELECT 1 FROM enrolments e WHERE e.owner_id = p.id AND e.state = 'active'))"
            " ORDER BY p.name_folded",
            (team_id,),
        )
        return tuple(Rep(r["id"], r["name"]) for r in rows)

    def stages(self) -> tuple[Stage, ...]:
        rows = self._c.execute(
            "SELECT key, position, label_pt, label_en, probability FROM stages ORDER BY position"
        )
        found = _labels_sql.load(self._c)
        return tuple(
            Stage(r[0], r[1], r[2], r[3], r[4], labels.others(found, "stage", r[0])) for r in rows
        )

    def digest_managers(self, person_id: int | None = None) -> list[Manager]:
        """Active people who manage at least one team, explicitly or as a team's manager member
        (only `person_id`, when given)."""
        rows = self._c.execute(
            "SELECT DISTINCT p.id, p.timezone FROM people p"
            " WHERE p.active = 1 AND (?1 IS NULL OR p.id = ?1)"
            " AND (EXISTS (SELECT 1 FROM teams t WHERE t.manager_id = p.id)"
            "  OR (p.role = 'manager' AND p.team_id IS NOT NULL))"
            " ORDER BY p.id",
            (person_id,),
        )
        return [Manager(r[0], r[1]) for r in rows]

    def last_digest_at(self, person_id: int, before: datetime) -> datetime | None:
        """When the previous digest for this person was queued (movements are counted since)."""
        row = self._c.execute(
            "SELECT max(created_at) FROM outbox WHERE person_id = ? AND kind = 'digest'"
            " AND created_at < ?",
            (person_id, to_db(before)),
        ).fetchone()
        return from_db(row[0])

    def own_due(self, person_id: int, until: datetime) -> int | None:
        """Steps of this person's own book due before `until`; None when they carry no book."""
        row = self._c.execute(
            "SELECT count(*), sum(due_at < ?) FROM enrolments WHERE owner_id = ? AND state = 'active'",
            (to_db(until), person_id),
        ).fetchone()
        return (row[1] or 0) if row[0] else None

    def team_deals(self, ids: list[int], first_closed: date) -> tuple[Deal, ...]:
        """Open deals of these owners, and those closed on or after `first_closed`."""
        if not ids:
            return ()
        rows = self._c.execute(
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

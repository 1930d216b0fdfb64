"""The manager digest's records on PostgreSQL (the SQLite twin: storage/sqlite/metrics.py).

Same queries, narrowed the same way (the team's few reps first, through the owner/person
indexes); the lists of rep ids travel as one array parameter (`= ANY(%s)`).
"""

from __future__ import annotations

from datetime import date, datetime
from types import MappingProxyType
from typing import Any

import psycopg
from psycopg.rows import dict_row

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
from storage.timefmt import date_from_db, from_db, to_db

Conn = psycopg.Connection[Any]


def _interactions(
    conn: Conn, ids: list[int], start: datetime, end: datetime
) -> tuple[InteractionRow, ...]:
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT person_id, kind, occurred_at FROM interactions WHERE person_id = ANY(%s)"
        " AND occurred_at >= %s AND occurred_at < %s",
        (ids, to_db(start), to_db(end)),
    )
    return tuple(InteractionRow(r[0], r[1], from_db(r[2])) for r in rows)


def _steps(conn: Conn, ids: list[int], start: datetime, end: datetime) -> tuple[StepEvent, ...]:
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT e.owner_id, s.action, s.at FROM enrolments e"
        " JOIN step_events s ON s.enrolment_id = e.id AND s.at >= %s AND s.at < %s"
        " WHERE e.owner_id = ANY(%s) AND s.action IN ('done', 'skipped', 'snoozed')",
        (to_db(start), to_db(end), ids),
    )
    return tuple(StepEvent(r[0], r[1], from_db(r[2])) for r in rows)


def _due(conn: Conn, ids: list[int], now: datetime) -> tuple[DueStep, ...]:
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT e.owner_id, e.due_at, coalesce(c.name, a.name) FROM enrolments e"
        " JOIN accounts a ON a.id = e.account_id LEFT JOIN contacts c ON c.id = e.contact_id"
        " WHERE e.owner_id = ANY(%s) AND e.state = 'active' AND e.due_at < %s",
        (ids, to_db(now)),
    )
    return tuple(DueStep(r[0], from_db(r[1]), r[2]) for r in rows)


def _last_logged(conn: Conn, ids: list[int]) -> dict[int, datetime | None]:
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT p.id, (SELECT max(i.occurred_at) FROM interactions i WHERE i.person_id = p.id)"
        " FROM people p WHERE p.id = ANY(%s)",
        (ids,),
    )
    return {r[0]: from_db(r[1]) for r in rows}


_DEAL_COLUMNS = (
    "d.id, d.title, a.name AS account, d.owner_id, d.stage_key, d.amount, d.currency, d.status,"
    " d.created_at, d.close_date, d.closed_at, d.lost_reason, a.segment"
)


def _changes(
    conn: Conn, ids: list[int], first_closed: date, start: datetime
) -> tuple[DealChange, ...]:
    if not ids:
        return ()
    rows = conn.execute(
        "SELECT c.deal_id, c.at, c.from_stage, c.to_stage, c.from_status, c.to_status"
        " FROM deals d JOIN deal_changes c ON c.deal_id = d.id AND c.at >= %s"
        " WHERE d.owner_id = ANY(%s) AND (d.status = 'open' OR d.closed_at >= %s)",
        (to_db(start), ids, first_closed.isoformat()),
    )
    return tuple(DealChange(r[0], from_db(r[1]), r[2], r[3], r[4], r[5]) for r in rows)


def _cadences(conn: Conn, ids: list[int], start: datetime) -> tuple[CadenceCount, ...]:
    if not ids:
        return ()
    # PostgreSQL groups by the key alone only when it is the table's primary key: k.key is,
    # so k's names may be selected as SQLite allows (grouped by e.cadence_key = k.key).
    rows = conn.execute(
        "SELECT k.key, k.name_pt, k.name_en, count(*),"
        "  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM step_events s"
        "   WHERE s.enrolment_id = e.id AND s.action = 'replied'))"
        " FROM enrolments e JOIN cadences k ON k.key = e.cadence_key"
        " WHERE e.owner_id = ANY(%s) AND e.started_at >= %s"
        " GROUP BY k.key",
        (ids, to_db(start)),
    ).fetchall()
    found = _labels(conn, "cadence") if rows else labels.Labels()
    return tuple(
        CadenceCount(r[0], r[1], r[2], int(r[3]), int(r[4]), labels.others(found, "cadence", r[0]))
        for r in rows
    )


def _snapshots(conn: Conn, team_id: int, first: date, last: date) -> tuple[Snapshot, ...]:
    rows = conn.execute(
        "SELECT snapshot_date, weighted, committed, best_case FROM forecast_snapshots"
        " WHERE snapshot_date BETWEEN %s AND %s AND team_id = %s AND person_id IS NULL"
        " AND period_start = %s",
        (first.isoformat(), last.isoformat(), team_id, first.isoformat()),
    )
    return tuple(Snapshot(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows)


def _team(conn: Conn, team_id: int) -> tuple[Any, ...] | None:
    return conn.execute(
        "SELECT id, name, target_amount, target_currency FROM teams WHERE id = %s", (team_id,)
    ).fetchone()


def _labels(conn: Conn, wanted: str) -> labels.Labels:
    """One kind's rows of the labels table (as storage/sqlite/labels.load reads them)."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for kind, key, locale, label in conn.execute(
        "SELECT kind, key, locale, label FROM labels WHERE kind = %s"
        ' ORDER BY key COLLATE "C", locale COLLATE "C"',
        (wanted,),
    ):
        found.setdefault((kind, key), {})[locale] = label
    return labels.Labels(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}))


def _deal(r: dict[str, Any]) -> Deal:
    return Deal(
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


class PgMetrics:
    """Metrics on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def load_team(self, team_id: int, span: Span) -> TeamData | None:
        """One team's digest records, or None when the team does not exist."""
        team = _team(self._c, team_id)
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
            team[0],
            team[1],
            team[3],
            team[2],
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
        team = _team(self._c, team_id)
        if team is None:
            return None
        reps = self.team_reps(team_id)
        deals = self.team_deals([r.person_id for r in reps], day.replace(day=1))
        return TeamData(team[0], team[1], team[3], team[2], reps, self.stages(), deals=deals)

    def team_reps(self, team_id: int) -> tuple[Rep, ...]:
        """Active reps of the team, plus anyone else on it (a selling manager) who owns open deals
        or active enrolments; a manager who only manages is not listed as a silent rep."""
        rows = self._c.execute(
            "SELECT p.id, p.name FROM people p WHERE p.team_id = %s AND p.active = 1"
            " AND (p.role = 'rep'"
            "  OR EXISTS (SELECT 1 FROM deals d WHERE d.owner_id = p.id AND d.status = 'open')"
            "  OR EXISTS (SELECT 1 FROM enrolments e WHERE e.owner_id = p.id AND e.state = 'active'))"
            ' ORDER BY p.name_folded COLLATE "C"',
            (team_id,),
        )
        return tuple(Rep(r[0], r[1]) for r in rows)

    def stages(self) -> tuple[Stage, ...]:
        rows = self._c.execute(
            "SELECT key, position, label_pt, label_en, probability FROM stages ORDER BY position"
        ).fetchall()
        found = _labels(self._c, "stage")
        return tuple(
            Stage(r[0], r[1], r[2], r[3], r[4], labels.others(found, "stage", r[0])) for r in rows
        )

    def digest_managers(self, person_id: int | None = None) -> list[Manager]:
        """Active people who manage at least one team, explicitly or as a team's manager member
        (only `person_id`, when given)."""
        rows = self._c.execute(
            "SELECT p.id, p.timezone FROM people p"
            " WHERE p.active = 1 AND (%(p)s::bigint IS NULL OR p.id = %(p)s::bigint)"
            " AND (EXISTS (SELECT 1 FROM teams t WHERE t.manager_id = p.id)"
            "  OR (p.role = 'manager' AND p.team_id IS NOT NULL))"
            " ORDER BY p.id",
            {"p": person_id},
        )
        return [Manager(r[0], r[1]) for r in rows]

    def last_digest_at(self, person_id: int, before: datetime) -> datetime | None:
        """When the previous digest for this person was queued (movements are counted since)."""
        row = self._c.execute(
            "SELECT max(created_at) FROM outbox WHERE person_id = %s AND kind = 'digest'"
            " AND created_at < %s",
            (person_id, to_db(before)),
        ).fetchone()
        return from_db(row[0]) if row else None

    def own_due(self, person_id: int, until: datetime) -> int | None:
        """Steps of this person's own book due before `until`; None when they carry no book."""
        row = self._c.execute(
            "SELECT count(*), count(*) FILTER (WHERE due_at < %s) FROM enrolments"
            " WHERE owner_id = %s AND state = 'active'",
            (to_db(until), person_id),
        ).fetchone()
        return int(row[1]) if row and row[0] else None

    def team_deals(self, ids: list[int], first_closed: date) -> tuple[Deal, ...]:
        """Open deals of these owners, and those closed on or after `first_closed`."""
        if not ids:
            return ()
        with self._c.cursor(row_factory=dict_row) as cur:
            rows = cur.execute(
                f"SELECT {_DEAL_COLUMNS}, CASE WHEN d.status = 'open' THEN"
                "  (SELECT max(i.occurred_at) FROM interactions i WHERE i.deal_id = d.id)"
                " END AS touch"
                " FROM deals d JOIN accounts a ON a.id = d.account_id"
                " WHERE d.owner_id = ANY(%s) AND (d.status = 'open' OR d.closed_at >= %s)",
                (ids, first_closed.isoformat()),
            ).fetchall()
        return tuple(_deal(r) for r in rows)

"""Daily forecast snapshots per team: what the team expected to close, as it stood each day.

Stored once per team per day (a second snapshot the same day is ignored), so last month's
accuracy can be measured against what actually closed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Forecast:
    period_start: date
    period_end: date
    weighted: float
    committed: float
    best_case: float
    currency: str


def teams(conn: sqlite3.Connection) -> list[tuple[int, str | None]]:
    """Every team with its manager's time zone (None without a manager): the team's day."""
    rows = conn.execute(
        "SELECT t.id, p.timezone FROM teams t LEFT JOIN people p ON p.id = t.manager_id"
        " ORDER BY t.id"
    )
    return [(r[0], r[1]) for r in rows]


def has_snapshot(conn: sqlite3.Connection, team_id: int, day: date) -> bool:
    row = conn.execute(
        "SELECT 1 FROM forecast_snapshots WHERE snapshot_date = ? AND ifnull(team_id, 0) = ?"
        " AND ifnull(person_id, 0) = 0",
        (day.isoformat(), team_id),
    ).fetchone()
    return row is not None


def record(conn: sqlite3.Connection, team_id: int, day: date, forecast: Forecast) -> bool:
    """Store the team's snapshot for `day`; False when that day already has one."""
    cur = conn.execute(
        "INSERT INTO forecast_snapshots (snapshot_date, team_id, person_id, period_start,"
        " period_end, weighted, committed, best_case, currency)"
        " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (
            day.isoformat(),
            team_id,
            forecast.period_start.isoformat(),
            forecast.period_end.isoformat(),
            forecast.weighted,
            forecast.committed,
            forecast.best_case,
            forecast.currency,
        ),
    )
    return cur.rowcount == 1

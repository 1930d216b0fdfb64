"""The SQLite SQL of storage/forecasts.py's repository: SqliteForecasts on one connection.

The records it returns live in storage/forecasts.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from storage.forecasts import Forecast


class SqliteForecasts:
    """Forecasts on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def teams(self) -> list[tuple[int, str | None]]:
        """Every team with its manager's time zone (None without a manager): the team's day."""
        rows = self._c.execute(
            "SELECT t.id, p.timezone FROM teams t LEFT JOIN people p ON p.id = t.manager_id"
            " ORDER BY t.id"
        )
        return [(r[0], r[1]) for r in rows]

    def has_snapshot(self, team_id: int, day: date) -> bool:
        row = self._c.execute(
            "SELECT 1 FROM forecast_snapshots WHERE snapshot_date = ? AND ifnull(team_id, 0) = ?"
            " AND ifnull(person_id, 0) = 0",
            (day.isoformat(), team_id),
        ).fetchone()
        return row is not None

    def record(self, team_id: int, day: date, forecast: Forecast) -> bool:
        """Store the team's snapshot for `day`; False when that day already has one."""
        cur = self._c.execute(
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

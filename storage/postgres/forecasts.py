"""Forecasts on PostgreSQL (the SQLite twin: storage/sqlite/forecasts.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import psycopg

from storage.forecasts import Forecast


class PgForecasts:
    """Forecasts on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
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
            "SELECT 1 FROM forecast_snapshots WHERE snapshot_date = %s"
            " AND coalesce(team_id, 0) = %s AND coalesce(person_id, 0) = 0",
            (day.isoformat(), team_id),
        ).fetchone()
        return row is not None

    def record(self, team_id: int, day: date, forecast: Forecast) -> bool:
        """Store the team's snapshot for `day`; False when that day already has one (the unique
        forecast_snapshots_key turns a second one, from any process, into nothing)."""
        cur = self._c.execute(
            "INSERT INTO forecast_snapshots (snapshot_date, team_id, person_id, period_start,"
            " period_end, weighted, committed, best_case, currency)"
            " VALUES (%s, %s, NULL, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
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

"""Results on PostgreSQL (the SQLite twin: storage/sqlite/results.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import psycopg

from storage import books
from storage.postgres.books import pg
from storage.results import Closed


class PgResults:
    """Results on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def closed_deals(
        self, owner_ids: list[int] | None, status: str, start: date, end: date, limit: int = 200
    ) -> list[Closed]:
        """Deals of this book won (or lost) between two days, both included, latest first."""
        clause, params = books.deals(owner_ids)
        rows = self._c.execute(
            "SELECT d.id, d.title, a.name, p.name, d.amount, d.currency,"
            " substr(d.closed_at, 1, 10), d.lost_reason FROM deals d"
            " JOIN accounts a ON a.id = d.account_id JOIN people p ON p.id = d.owner_id"
            " WHERE d.status = %s AND substr(d.closed_at, 1, 10) BETWEEN %s AND %s"
            f" AND {pg(clause)} ORDER BY d.closed_at DESC, d.id DESC LIMIT %s",
            [status, start.isoformat(), end.isoformat(), *params, limit],
        )
        return [Closed(*r) for r in rows]

    def won_total(self, owner_ids: list[int] | None, start: date, end: date) -> tuple[float, int]:
        """The amount won in the period by this book, and how many deals."""
        clause, params = books.deals(owner_ids)
        row = self._c.execute(
            "SELECT coalesce(sum(d.amount), 0), count(*) FROM deals d WHERE d.status = 'won'"
            f" AND substr(d.closed_at, 1, 10) BETWEEN %s AND %s AND {pg(clause)}",
            [start.isoformat(), end.isoformat(), *params],
        ).fetchone()
        assert row is not None  # an aggregate without GROUP BY returns one row
        return float(row[0]), int(row[1])

    def team_member_ids(self, team_id: int) -> list[int]:
        rows = self._c.execute("SELECT id FROM people WHERE team_id = %s ORDER BY id", (team_id,))
        return [r[0] for r in rows]

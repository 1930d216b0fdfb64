"""What a book closed: won and lost deals in a period, and their totals (won/lost lists,
"how much did I sell this month"). Visibility is the WHERE clause, as in storage.deals."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from storage import books


@dataclass(frozen=True)
class Closed:
    id: int
    title: str
    account_name: str
    owner_name: str
    amount: float
    currency: str
    closed_on: str  # YYYY-MM-DD (UTC day the deal was closed)
    lost_reason: str | None


def closed_deals(
    conn: sqlite3.Connection,
    owner_ids: list[int] | None,
    status: str,
    start: date,
    end: date,
    limit: int = 200,
) -> list[Closed]:
    """Deals of this book won (or lost) between two days, both included, latest first."""
    clause, params = books.deals(owner_ids)
    rows = conn.execute(
        "SELECT d.id, d.title, a.name, p.name, d.amount, d.currency,"
        " substr(d.closed_at, 1, 10), d.lost_reason FROM deals d"
        " JOIN accounts a ON a.id = d.account_id JOIN people p ON p.id = d.owner_id"
        f" WHERE d.status = ? AND substr(d.closed_at, 1, 10) BETWEEN ? AND ? AND {clause}"
        " ORDER BY d.closed_at DESC, d.id DESC LIMIT ?",
        [status, start.isoformat(), end.isoformat(), *params, limit],
    )
    return [Closed(*r) for r in rows]


def won_total(
    conn: sqlite3.Connection, owner_ids: list[int] | None, start: date, end: date
) -> tuple[float, int]:
    """The amount won in the period by this book, and how many deals."""
    clause, params = books.deals(owner_ids)
    row = conn.execute(
        "SELECT coalesce(sum(d.amount), 0), count(*) FROM deals d WHERE d.status = 'won'"
        f" AND substr(d.closed_at, 1, 10) BETWEEN ? AND ? AND {clause}",
        [start.isoformat(), end.isoformat(), *params],
    ).fetchone()
    return float(row[0]), int(row[1])


def team_member_ids(conn: sqlite3.Connection, team_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM people WHERE team_id = ?", (team_id,))]

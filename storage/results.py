"""What a book closed: won and lost deals in a period, and their totals (won/lost lists,
"how much did I sell this month"). Visibility is the WHERE clause, as in storage.deals.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/results.py.
"""

from __future__ import annotations

from dataclasses import dataclass


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

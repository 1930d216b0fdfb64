"""The SQLite SQL of storage/alerts.py's repository: SqliteAlerts on one connection.

The records it returns live in storage/alerts.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.timefmt import to_db


class SqliteAlerts:
    """Alerts on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def is_marked(self, key: str) -> bool:
        return (
            self._c.execute("SELECT 1 FROM alert_marks WHERE key = ?", (key,)).fetchone()
            is not None
        )

    def mark(self, person_id: int, keys: list[str], now: datetime) -> None:
        self._c.executemany(
            "INSERT INTO alert_marks (key, person_id, marked_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO NOTHING",
            [(key, person_id, to_db(now)) for key in keys],
        )

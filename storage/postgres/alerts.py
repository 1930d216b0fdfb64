"""Raised idle alerts on PostgreSQL (the SQLite twin: storage/sqlite/alerts.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg

from storage.timefmt import to_db


class PgAlerts:
    """Alerts on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def is_marked(self, key: str) -> bool:
        return (
            self._c.execute("SELECT 1 FROM alert_marks WHERE key = %s", (key,)).fetchone()
            is not None
        )

    def mark(self, person_id: int, keys: list[str], now: datetime) -> None:
        """Mark every key at once (one statement; a key already marked keeps its first mark)."""
        if not keys:
            return
        self._c.execute(
            "INSERT INTO alert_marks (key, person_id, marked_at)"
            " SELECT k, %s, %s FROM unnest(%s::text[]) AS k ON CONFLICT (key) DO NOTHING",
            (person_id, to_db(now), list(keys)),
        )

"""Marks for alerts already raised (idle deals and accounts), one per item and quiet period."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.timefmt import to_db


def is_marked(conn: sqlite3.Connection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM alert_marks WHERE key = ?", (key,)).fetchone() is not None


def mark(conn: sqlite3.Connection, person_id: int, keys: list[str], now: datetime) -> None:
    conn.executemany(
        "INSERT INTO alert_marks (key, person_id, marked_at) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO NOTHING",
        [(key, person_id, to_db(now)) for key in keys],
    )

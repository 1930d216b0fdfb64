"""The inbox: every incoming platform event, journaled before it is acknowledged.

Keyed by (platform, event id), so a redelivered update or a Slack retry is stored once; rows stay
`pending` until handled, so a crash between acknowledging and handling re-handles them on restart.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.timefmt import to_db

MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class InboxItem:
    id: int
    platform: str
    event_id: str
    payload: str
    attempts: int


def accept(
    conn: sqlite3.Connection, platform: str, event_id: str, payload: str, now: datetime
) -> int | None:
    """Journal an event; returns its row id, or None if that event was already journaled."""
    cur = conn.execute(
        "INSERT INTO inbox (platform, event_id, payload, received_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (platform, event_id) DO NOTHING",
        (platform, event_id, payload, to_db(now)),
    )
    return cur.lastrowid if cur.rowcount else None


def accept_many(
    conn: sqlite3.Connection, platform: str, events: list[tuple[str, str]], now: datetime
) -> int:
    """Journal a batch of (event id, payload); returns how many were new."""
    new = 0
    for event_id, payload in events:
        if accept(conn, platform, event_id, payload, now) is not None:
            new += 1
    return new


def pending(conn: sqlite3.Connection, platform: str, limit: int = 100) -> list[InboxItem]:
    rows = conn.execute(
        "SELECT id, platform, event_id, payload, attempts FROM inbox"
        " WHERE state = 'pending' AND platform = ? ORDER BY id LIMIT ?",
        (platform, limit),
    )
    return [InboxItem(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def mark_done(conn: sqlite3.Connection, item_id: int, now: datetime) -> None:
    conn.execute(
        "UPDATE inbox SET state = 'done', handled_at = ? WHERE id = ?", (to_db(now), item_id)
    )


def mark_attempt_failed(conn: sqlite3.Connection, item_id: int, error: str, now: datetime) -> bool:
    """Count a failed handling; after MAX_ATTEMPTS the row is parked as failed. True if parked."""
    conn.execute(
        "UPDATE inbox SET attempts = attempts + 1, error = ? WHERE id = ?", (error[:500], item_id)
    )
    row = conn.execute("SELECT attempts FROM inbox WHERE id = ?", (item_id,)).fetchone()
    if row and row[0] >= MAX_ATTEMPTS:
        conn.execute(
            "UPDATE inbox SET state = 'failed', handled_at = ? WHERE id = ?", (to_db(now), item_id)
        )
        return True
    return False


def count(conn: sqlite3.Connection, platform: str | None = None, state: str | None = None) -> int:
    sql, params = "SELECT count(*) FROM inbox WHERE 1=1", []
    if platform:
        sql += " AND platform = ?"
        params.append(platform)
    if state:
        sql += " AND state = ?"
        params.append(state)
    return conn.execute(sql, params).fetchone()[0]

"""The SQLite SQL of storage/leases.py's repository: SqliteLeases on one connection."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from storage.leases import Lease
from storage.timefmt import from_db, to_db

# One statement: take the row if it is free, expired, or already ours (a renewal keeps the
# first acquired_at). The WHERE makes a live lease of another holder a no-op, never an error.
ACQUIRE = (
    "INSERT INTO leases (name, holder, acquired_at, renewed_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
    " holder = excluded.holder, renewed_at = excluded.renewed_at,"
    " expires_at = excluded.expires_at,"
    " acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at"
    " ELSE excluded.acquired_at END"
    " WHERE leases.expires_at < excluded.renewed_at OR leases.holder = excluded.holder"
)


class SqliteLeases:
    """Leases on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        at = to_db(now)
        self._c.execute(ACQUIRE, (name, holder, at, at, to_db(now + ttl)))
        row = self._c.execute("SELECT holder FROM leases WHERE name = ?", (name,)).fetchone()
        return row is not None and row[0] == holder

    def release(self, name: str, holder: str) -> None:
        self._c.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))

    def held(self, now: datetime) -> list[Lease]:
        rows = self._c.execute(
            "SELECT name, holder, acquired_at, renewed_at, expires_at FROM leases"
            " WHERE expires_at >= ? ORDER BY name",
            (to_db(now),),
        )
        return [Lease(r[0], r[1], from_db(r[2]), from_db(r[3]), from_db(r[4])) for r in rows]

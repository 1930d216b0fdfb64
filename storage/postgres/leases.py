"""Leases on PostgreSQL (the SQLite twin: storage/sqlite/leases.py).

`INSERT … ON CONFLICT DO UPDATE … WHERE` is atomic on PostgreSQL: of two processes racing for
an expired lease, the second waits on the first's row lock, then re-checks the WHERE against
the row the first wrote, and takes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import psycopg

from storage.leases import PRESENCE, Lease
from storage.timefmt import from_db, to_db

_ACQUIRE = (
    "INSERT INTO leases (name, holder, acquired_at, renewed_at, expires_at)"
    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET"
    " holder = excluded.holder, renewed_at = excluded.renewed_at,"
    " expires_at = excluded.expires_at,"
    " acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at"
    " ELSE excluded.acquired_at END"
    " WHERE leases.expires_at < excluded.renewed_at OR leases.holder = excluded.holder"
    " RETURNING holder"
)


def dead_holder(claimed_by: str) -> str:
    """SQL: the holder in column `claimed_by` is a process whose presence lease expired (it
    died: a SIGKILL releases nothing). Uses the statement's `%(now)s`."""
    return (
        f"EXISTS (SELECT 1 FROM leases dead WHERE dead.name = '{PRESENCE}' || {claimed_by}"
        " AND dead.expires_at < %(now)s)"
    )


class PgLeases:
    """Leases on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        at = to_db(now)
        row = self._c.execute(_ACQUIRE, (name, holder, at, at, to_db(now + ttl))).fetchone()
        return row is not None and row[0] == holder

    def release(self, name: str, holder: str) -> None:
        self._c.execute("DELETE FROM leases WHERE name = %s AND holder = %s", (name, holder))

    def held(self, now: datetime) -> list[Lease]:
        rows = self._c.execute(
            "SELECT name, holder, acquired_at, renewed_at, expires_at FROM leases"
            " WHERE expires_at >= %s ORDER BY name",
            (to_db(now),),
        ).fetchall()
        return [Lease(r[0], r[1], from_db(r[2]), from_db(r[3]), from_db(r[4])) for r in rows]

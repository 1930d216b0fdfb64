"""The copies ritmo made, on PostgreSQL (the SQLite twin: storage/sqlite/backups.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from storage.backups import Backup
from storage.timefmt import to_db

_PREFIX = "backup:"
_PUT = (
    "INSERT INTO kv (key, value) VALUES (%s, %s)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


class PgBackups:
    """Backups on a PostgreSQL connection (kept in `kv`, one key per copy, as on SQLite)."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def remember(self, path: Path, now: datetime) -> None:
        """Note that a copy of the store was written to `path` at `now`."""
        self._c.execute(_PUT, (_PREFIX + str(path.resolve()), to_db(now)))

    def remember_all(self, copies: list[Backup]) -> None:
        """Note copies another store knew of (the store `ritmo restore` replaced): one
        pipelined executemany instead of a round trip per copy."""
        if copies:
            with self._c.cursor() as cur:
                cur.executemany(_PUT, [(_PREFIX + str(c.path), c.taken_at) for c in copies])

    def remembered(self) -> list[Backup]:
        """Every copy ritmo noted, oldest first (whether or not the file still exists).

        `starts_with`, not LIKE: a path may hold `%` or `_`. Byte order (COLLATE "C") as
        SQLite's BINARY sorts ties.
        """
        rows = self._c.execute(
            "SELECT key, value FROM kv WHERE starts_with(key, %s)"
            ' ORDER BY value COLLATE "C", key COLLATE "C"',
            (_PREFIX,),
        )
        return [Backup(Path(key[len(_PREFIX) :]), value) for key, value in rows]

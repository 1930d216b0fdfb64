"""The SQLite SQL of storage/backups.py's repository: SqliteBackups on one connection.

The records it returns live in storage/backups.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from storage.backups import Backup
from storage.sqlite.kv import SqliteKv
from storage.timefmt import to_db

_PREFIX = "backup:"


class SqliteBackups:
    """Backups on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def remember(self, path: Path, now: datetime) -> None:
        """Note that a copy of the store was written to `path` at `now`."""
        SqliteKv(self._c).put(_PREFIX + str(path.resolve()), to_db(now))

    def remember_all(self, copies: list[Backup]) -> None:
        """Note copies another store knew of (the store `ritmo restore` replaced)."""
        for copy in copies:
            SqliteKv(self._c).put(_PREFIX + str(copy.path), copy.taken_at)

    def remembered(self) -> list[Backup]:
        """Every copy ritmo noted, oldest first (whether or not the file still exists)."""
        rows = self._c.execute(
            "SELECT key, value FROM kv WHERE key GLOB ? ORDER BY value, key", (_PREFIX + "*",)
        )
        return [Backup(Path(key[len(_PREFIX) :]), value) for key, value in rows]

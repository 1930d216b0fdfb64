"""The SQLite SQL of storage/kv.py's repository: SqliteKv on one connection.

The records it returns live in storage/kv.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3

from storage.kv import SPACE_PROBE_BYTES


class SqliteKv:
    """Kv on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._c.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def put(self, key: str, value: str) -> None:
        self._c.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def probe(self, key: str, value: str) -> None:
        """`put`, and prove there is room to grow: a value of SPACE_PROBE_BYTES is written and
        rolled back. Rewriting one small row succeeds on a full disk (its page already exists),
        so that alone would call a store healthy that can't take one new message.

        Raises:
            sqlite3.OperationalError: SQLITE_FULL or an I/O error when there is no room.
        """
        self.put(key, value)
        self._c.execute("SAVEPOINT space_probe")
        self._c.execute(
            "INSERT INTO kv (key, value) VALUES ('health.space_probe', zeroblob(?))",
            (SPACE_PROBE_BYTES,),
        )
        self._c.execute("ROLLBACK TO space_probe")
        self._c.execute("RELEASE space_probe")

"""Small named values on PostgreSQL (the SQLite twin: storage/kv.py; moving to storage/sqlite/)."""

from __future__ import annotations

from typing import Any

import psycopg

from storage.kv import SPACE_PROBE_BYTES


class PgKv:
    """Kv on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._c.execute("SELECT value FROM kv WHERE key = %s", (key,)).fetchone()
        return row[0] if row else default

    def put(self, key: str, value: str) -> None:
        self._c.execute(
            "INSERT INTO kv (key, value) VALUES (%s, %s)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def probe(self, key: str, value: str) -> None:
        """`put`, and prove the server can take a new row of SPACE_PROBE_BYTES (rolled back):
        a full disk fails here as it would fail the next message."""
        self.put(key, value)
        with self._c.transaction():  # a savepoint, rolled back below
            self._c.execute(
                "INSERT INTO kv (key, value) VALUES ('health.space_probe', repeat('x', %s))",
                (SPACE_PROBE_BYTES,),
            )
            raise psycopg.Rollback  # undoes the savepoint only; the block swallows it

"""Small named values the process keeps across restarts (e.g. the Telegram polling offset)."""

from __future__ import annotations

import sqlite3

# What the health probe tries to make room for: enough new pages that a store which can only
# rewrite the pages it has (a full disk, a page limit) fails the probe as it fails a new row.
SPACE_PROBE_BYTES = 64 * 1024


def get(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO kv (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def probe(conn: sqlite3.Connection, key: str, value: str) -> None:
    """`put`, and prove there is room to grow: a value of SPACE_PROBE_BYTES is written and
    rolled back. Rewriting one small row succeeds on a full disk (its page already exists),
    so that alone would call a store healthy that can't take one new message.

    Raises:
        sqlite3.OperationalError: SQLITE_FULL or an I/O error when there is no room.
    """
    put(conn, key, value)
    conn.execute("SAVEPOINT space_probe")
    conn.execute(
        "INSERT INTO kv (key, value) VALUES ('health.space_probe', zeroblob(?))",
        (SPACE_PROBE_BYTES,),
    )
    conn.execute("ROLLBACK TO space_probe")
    conn.execute("RELEASE space_probe")

"""The derived `accounts.name_key` column (migration 0010): kept complete, because a name typed
exactly is answered from it alone.

The key is Python's `storage.text.name_key`, not SQL, so every code path that inserts accounts
writes it, and opening a store fills any row still without one (rows from before 0010, or from
a tool that wrote the table directly).
"""

from __future__ import annotations

import sqlite3

from storage.text import name_key

FIRST_VERSION = 10  # the migration that adds the column


def any_missing(conn: sqlite3.Connection) -> bool:
    """One index probe: the check made at every open."""
    row = conn.execute("SELECT 1 FROM accounts WHERE name_key IS NULL LIMIT 1").fetchone()
    return row is not None


def fill_missing(conn: sqlite3.Connection) -> int:
    """Give every account without a key its key (inside the caller's transaction)."""
    rows = conn.execute("SELECT id, name FROM accounts WHERE name_key IS NULL").fetchall()
    conn.executemany(
        "UPDATE accounts SET name_key = ? WHERE id = ?",
        [(name_key(name), account_id) for account_id, name in rows],
    )
    return len(rows)

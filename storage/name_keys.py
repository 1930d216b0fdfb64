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


def fill_missing(conn: sqlite3.Connection) -> int:
    """Give every account without a key its key, in one transaction; returns how many."""
    if conn.execute("SELECT 1 FROM accounts WHERE name_key IS NULL LIMIT 1").fetchone() is None:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute("SELECT id, name FROM accounts WHERE name_key IS NULL").fetchall()
        conn.executemany("UPDATE accounts SET name_key = ? WHERE id = ?",
                         [(name_key(name), account_id) for account_id, name in rows])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(rows)

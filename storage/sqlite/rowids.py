"""The id SQLite gave the row an INSERT just wrote."""

from __future__ import annotations

import sqlite3


def inserted_id(cur: sqlite3.Cursor) -> int:
    """`cur.lastrowid` after a successful INSERT (typed `int | None` because it is None before
    any INSERT; after one it is the new rowid, which every caller here needs as an int)."""
    rowid = cur.lastrowid
    if rowid is None:
        raise RuntimeError("no row was inserted by this cursor")
    return rowid

"""Bulk SQL for import and export: snapshots to plan against, audited bulk writes, export rows.

An import of a hundred thousand rows must not cost a hundred thousand round trips, so new rows
are inserted with `executemany` and ids assigned up front (the caller holds the write lock of
one transaction, so max(id)+1… are free), and the audit rows that go with them are written the
same way, in the same transaction.

Keeping secondary indexes up to date row by row is most of the cost of such an insert: each
row lands at a random place in each index. When a file brings at least as many rows as a
table already holds, dropping those indexes and building them again afterwards (one sort
each) is cheaper; DDL is transactional in SQLite, so a failed import rolls the indexes back
with everything else.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/transfer.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = dict[str, Any]

_ACCOUNT_COLS = ("segment", "city", "state", "website", "latitude", "longitude")


@dataclass(frozen=True)
class Change:
    """One update to an existing record: its id, the values before, the values to set."""

    id: int
    before: Mapping[str, Any]
    changes: Mapping[str, Any]


@dataclass(frozen=True)
class Applied:
    """How many rows an import wrote, by table."""

    accounts: int = 0
    contacts: int = 0
    deals: int = 0
    updates: int = 0


# Below this many new rows, per-row index upkeep is cheap and the schema is left alone.
REBUILD_MIN_ROWS = 5_000


# --- export -------------------------------------------------------------------------------------


# --- restore ------------------------------------------------------------------------------------


def is_ritmo_store(path: Path) -> bool:
    """Whether `path` is an intact SQLite file with ritmo's tables (what `ritmo backup` writes).

    A plain connection, not mode=ro: a read-only one can neither read a leftover WAL properly
    nor clean up the -wal/-shm files it creates next to the backup.
    """
    try:
        conn = sqlite3.connect(path)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            return ok and {"accounts", "deals", "audit_log"} <= tables
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def copy_store(source: Path, target: Path) -> None:
    """SQLite's backup API: a consistent copy that replaces the target (and its WAL) whole."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()

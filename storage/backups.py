"""The copies of the store that ritmo itself made, remembered so an erasure can name them.

`ritmo backup FILE` and the copy `ritmo restore --force` keeps of the store it replaces are
whole copies: whatever a later `privacy forget` erases is still in them. They are kept in `kv`
(one key per copy) rather than a table of their own: a schema migration for a list this small
would cost every store a version bump.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage import kv
from storage.timefmt import to_db

_PREFIX = "backup:"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: str


def remember(conn: sqlite3.Connection, path: Path, now: datetime) -> None:
    """Note that a copy of the store was written to `path` at `now`."""
    kv.put(conn, _PREFIX + str(path.resolve()), to_db(now))


def remember_all(conn: sqlite3.Connection, copies: list[Backup]) -> None:
    """Note copies another store knew of (the store `ritmo restore` replaced)."""
    for copy in copies:
        kv.put(conn, _PREFIX + str(copy.path), copy.taken_at)


def remembered(conn: sqlite3.Connection) -> list[Backup]:
    """Every copy ritmo noted, oldest first (whether or not the file still exists)."""
    rows = conn.execute(
        "SELECT key, value FROM kv WHERE key GLOB ? ORDER BY value, key", (_PREFIX + "*",)
    )
    return [Backup(Path(key[len(_PREFIX) :]), value) for key, value in rows]

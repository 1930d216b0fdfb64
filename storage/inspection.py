"""A look at a store file without changing it: schema version, pending migrations, integrity.

`ritmo check` runs before `ritmo run` on a deployed machine, maybe while another ritmo still
holds the file, so this opens the file read-only and never migrates: it reports what the next
start would do instead of doing it. `PRAGMA quick_check(1)` stops at the first problem, so a
large healthy store costs one pass over its pages and a damaged one a short answer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.errors import NotAStore, StoreCorrupt
from storage.sqlite import integrity
from storage.sqlite.db import BUSY_TIMEOUT_MS, latest_version


@dataclass(frozen=True)
class StoreState:
    """What a store file is, as far as ritmo is concerned."""

    version: int  # PRAGMA user_version: the last migration applied
    latest: int  # the last migration this ritmo ships
    integrity: str  # "ok", or the first problem quick_check found

    @property
    def pending(self) -> int:
        """Migrations the next start would apply (negative: the file is newer than this code)."""
        return self.latest - self.version


def inspect(path: Path) -> StoreState:
    """Read the state of the store at `path` (which must exist) without writing to it.

    Raises:
        NotAStore: the file is not an SQLite database.
    """
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        try:  # the same check every start makes (storage/sqlite/integrity.py), run to the end here
            integrity.check(conn, path)
            found = "ok"
        except StoreCorrupt as exc:
            found = exc.detail  # already one line: a check line can't span several
    except sqlite3.DatabaseError as exc:
        raise NotAStore(str(path), str(exc)) from exc
    finally:
        conn.close()
    return StoreState(version, latest_version(), found)

"""The copy of a store taken before a migration changes it, kept next to the file.

A migration is transactional (a failure leaves the file at the old version), but a migration
that succeeds and turns out wrong, or an upgrade someone wants to take back, needs the store
as it was. So before the first pending migration runs on a store that already holds a schema
(version > 0), the whole file is copied with SQLite's online backup API next to it, named
with the version it held: `ritmo.db` at version 12 leaves `ritmo.v12.backup.db`, which the
ritmo that wrote it opens as is (`ritmo restore` or a plain file copy). A later upgrade from
the same version replaces that copy: the store at that version just before migrating is the
newest good state. A brand-new file (version 0) has nothing to lose and gets no copy.
Like every copy ritmo makes, it is remembered in the store (storage/backups.py).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage.sqlite.backups import SqliteBackups


def path_for(store: Path, version: int) -> Path:
    """Where the copy of `store` taken at schema `version` is kept."""
    return store.with_name(f"{store.stem}.v{version}.backup{store.suffix}")


def keep_before_migrating(conn: sqlite3.Connection, version: int) -> Path | None:
    """Copy the store `conn` has open (at schema `version`) next to it; returns the copy.

    Returns None for a store with no file (`:memory:`). The copy is written under a temporary
    name and renamed, so a crash mid-copy never leaves a half copy under the real name.
    """
    row = conn.execute("PRAGMA database_list").fetchone()
    if not row or not row[2]:
        return None
    target = path_for(Path(row[2]), version)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(str(partial))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    partial.replace(target)
    return target


def remember(conn: sqlite3.Connection, copy: Path) -> None:
    """Note the copy in the (now migrated) store, so `ritmo privacy forget` names it as still
    holding what it erases; its time is the file's own, not a clock read here."""
    SqliteBackups(conn).remember(copy, datetime.fromtimestamp(copy.stat().st_mtime, UTC))

"""Leaving only live data in the store's files: full-text indexes built afresh, VACUUM, and a
WAL cut to zero bytes. What an erasure needs after it rewrote the rows (see storage.erasure).
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from storage.sqlite.db import translate_error

# After the VACUUM, how often and how long to wait for the bot's readers to let the WAL go.
CHECKPOINT_TRIES = 20
CHECKPOINT_PAUSE_S = 0.25
BUSY_TIMEOUT_MS = 10_000
_CONTENTLESS = re.compile(r"content\s*=\s*(''|\"\")", re.IGNORECASE)


def reindex_full_text(conn: sqlite3.Connection) -> None:
    """Build every FTS5 index afresh, so no tombstone or unmerged segment keeps a word that
    was rewritten or deleted, now or before (a contact renamed a year ago left one too).

    'rebuild' reads an external-content index's table (and a normal one's own content); a
    contentless index can only be merged ('optimize'), which drops what was deleted from it.
    """
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
        " AND sql LIKE 'CREATE VIRTUAL TABLE%'"
    ).fetchall()
    for name, sql in rows:
        if re.search(r"using\s+fts5", sql, re.IGNORECASE):
            command = "optimize" if _CONTENTLESS.search(sql) else "rebuild"
            conn.execute(f'INSERT INTO "{name}" ("{name}") VALUES (?)', (command,))


def compact(path: Path) -> bool:
    """Leave only live data in the store's files; False if the WAL could not be emptied
    because a reader (the running bot) kept using it throughout.

    VACUUM writes every live page afresh, so deleted cells and pages freed before secure_delete
    was on are gone; the TRUNCATE checkpoint copies the result into the database file (which
    shrinks to it) and cuts the WAL, with its old page images, to zero bytes. Run it outside
    any transaction, on a connection of its own; it waits for the bot's writer like any write.

    Raises:
        StoreError: the VACUUM or the checkpoint failed (a full disk, a lock never released).
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        for pragma in (
            f"busy_timeout = {BUSY_TIMEOUT_MS}",
            "secure_delete = ON",
            # VACUUM builds the new copy in a temporary database: on disk, so a
            # large store doesn't need its size in memory (it holds only live data).
            "temp_store = FILE",
        ):
            conn.execute(f"PRAGMA {pragma}").fetchall()
        conn.execute("VACUUM")
        return _truncate_wal(conn)
    except sqlite3.Error as exc:  # a full disk, or the bot's writer held the lock throughout
        raise translate_error(exc) from exc
    finally:
        conn.close()


def _truncate_wal(conn: sqlite3.Connection) -> bool:
    for _ in range(CHECKPOINT_TRIES):
        busy, _frames, _copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
        time.sleep(CHECKPOINT_PAUSE_S)
    return False

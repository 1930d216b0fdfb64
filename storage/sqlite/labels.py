"""The SQLite SQL of storage/labels.py's repository: module functions on one connection.

The records it returns live in storage/labels.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from storage.labels import KINDS, Labels, of_rows


def load(conn: sqlite3.Connection) -> Labels:
    """Every label in the store (a few dozen rows: the stages and cadences)."""
    return of_rows(
        conn.execute("SELECT kind, key, locale, label FROM labels ORDER BY kind, key, locale")
    )


def load_cadences(conn: sqlite3.Connection, keys: Iterable[str]) -> Labels:
    """The labels of these cadences only: what a log's reply or an agenda names, read on every
    message (loading every label there cost ~5 % of the log path)."""
    wanted = sorted(set(keys))
    if not wanted:
        return Labels()
    marks = ", ".join("?" * len(wanted))
    return of_rows(
        conn.execute(
            "SELECT kind, key, locale, label FROM labels WHERE kind = 'cadence'"
            f" AND key IN ({marks}) ORDER BY key, locale",
            wanted,
        )
    )


def put(conn: sqlite3.Connection, kind: str, key: str, labels: Mapping[str, str]) -> None:
    """Make `key`'s labels exactly `labels` (a locale dropped from the data goes from here)."""
    if kind not in KINDS:
        raise ValueError(f"unknown label kind {kind!r}")
    conn.execute("DELETE FROM labels WHERE kind = ? AND key = ?", (kind, key))
    conn.executemany(
        "INSERT INTO labels (kind, key, locale, label) VALUES (?, ?, ?, ?)",
        [(kind, key, locale, text) for locale, text in sorted(labels.items()) if text.strip()],
    )

"""The SQLite SQL of storage/labels.py's repository: module functions on one connection.

The records it returns live in storage/labels.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from types import MappingProxyType

from storage.labels import KINDS, Labels


def load(conn: sqlite3.Connection) -> Labels:
    """Every label in the store (a few dozen rows: the stages and cadences)."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for kind, key, locale, label in conn.execute(
        "SELECT kind, key, locale, label FROM labels ORDER BY kind, key, locale"
    ):
        found.setdefault((kind, key), {})[locale] = label
    return Labels(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}))


def put(conn: sqlite3.Connection, kind: str, key: str, labels: Mapping[str, str]) -> None:
    """Make `key`'s labels exactly `labels` (a locale dropped from the data goes from here)."""
    if kind not in KINDS:
        raise ValueError(f"unknown label kind {kind!r}")
    conn.execute("DELETE FROM labels WHERE kind = ? AND key = ?", (kind, key))
    conn.executemany(
        "INSERT INTO labels (kind, key, locale, label) VALUES (?, ?, ?, ?)",
        [(kind, key, locale, text) for locale, text in sorted(labels.items()) if text.strip()],
    )

"""The SQLite SQL of storage/cadences.py's repository: SqliteCadences on one connection.

The records it returns live in storage/cadences.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from storage.audit import Actor
from storage.cadences import StoredCadence
from storage.labels import Labels
from storage.sqlite import labels as _labels_sql
from storage.sqlite.audit import SqliteAudit
from storage.timefmt import to_db


def _row(r: sqlite3.Row) -> StoredCadence:
    return StoredCadence(
        r["key"],
        r["name_pt"],
        r["name_en"],
        r["kind"],
        json.loads(r["definition"]),
        r["source"],
        r["updated_at"],
    )


def _put_names(conn: sqlite3.Connection, known: Labels, data: Mapping[str, Any]) -> None:
    """Keep the labels table's names of a cadence equal to its file's name table (every
    locale): written when they differ, also for a definition otherwise unchanged, so a store
    installed before the names were labels gets its Spanish rows on the next start."""
    names = {locale: text for locale, text in data["name"].items() if str(text).strip()}
    if dict(known.by_key.get(("cadence", data["key"]), {})) != names:
        _labels_sql.put(conn, "cadence", data["key"], names)


class SqliteCadences:
    """Cadences on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def install(
        self, definitions: Iterable[Mapping[str, Any]], source: str, actor: Actor, now: datetime
    ) -> int:
        """Insert or update cadences from their plain-data form; returns how many changed.

        Unchanged definitions are left alone (no audit noise on every start).
        """
        changed = 0
        known = _labels_sql.load(self._c)
        for data in definitions:
            _put_names(self._c, known, data)
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            old = self._c.execute(
                "SELECT definition FROM cadences WHERE key = ?", (data["key"],)
            ).fetchone()
            if old is not None and json.loads(old["definition"]) == json.loads(text):
                continue
            self._c.execute(
                "INSERT INTO cadences (key, name_pt, name_en, kind, definition, source, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                " name_pt = excluded.name_pt, name_en = excluded.name_en, kind = excluded.kind,"
                " definition = excluded.definition, source = excluded.source,"
                " updated_at = excluded.updated_at",
                (
                    data["key"],
                    data["name"]["pt-BR"],
                    data["name"]["en"],
                    data["kind"],
                    text,
                    source,
                    to_db(now),
                ),
            )
            SqliteAudit(self._c).record(
                actor,
                "cadence",
                data["key"],
                "install" if old is None else "update",
                before=json.loads(old["definition"]) if old else None,
                after=data,
                at=now,
            )
            changed += 1
        return changed

    def get(self, key: str) -> StoredCadence | None:
        row = self._c.execute("SELECT * FROM cadences WHERE key = ?", (key,)).fetchone()
        return _row(row) if row else None

    def list_all(self) -> list[StoredCadence]:
        return [_row(r) for r in self._c.execute("SELECT * FROM cadences ORDER BY key")]

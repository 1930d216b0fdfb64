"""The cadences table: definitions installed from TOML (built-in and custom), stored as JSON.

Storage knows a cadence only as the plain data of its file (cadence_jobs.definitions builds and
validates it); keeping the JSON here means enrolments keep working from the store alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage import audit
from storage.audit import Actor
from storage.timefmt import to_db


@dataclass(frozen=True)
class StoredCadence:
    key: str
    name_pt: str
    name_en: str
    kind: str
    definition: dict[str, Any]
    source: str | None
    updated_at: str

    def name(self, locale: str) -> str:
        """The name in `locale` from the definition's name table (any locale the file gave),
        else the pt-BR/English copy."""
        names = self.definition.get("name")
        found = names.get(locale) if isinstance(names, dict) else None
        return found or (self.name_en if locale == "en" else self.name_pt)


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


def install(
    conn: sqlite3.Connection,
    definitions: Iterable[Mapping[str, Any]],
    source: str,
    actor: Actor,
    now: datetime,
) -> int:
    """Insert or update cadences from their plain-data form; returns how many changed.

    Unchanged definitions are left alone (no audit noise on every start).
    """
    changed = 0
    for data in definitions:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        old = conn.execute(
            "SELECT definition FROM cadences WHERE key = ?", (data["key"],)
        ).fetchone()
        if old is not None and json.loads(old["definition"]) == json.loads(text):
            continue
        conn.execute(
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
        audit.record(
            conn,
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


def get(conn: sqlite3.Connection, key: str) -> StoredCadence | None:
    row = conn.execute("SELECT * FROM cadences WHERE key = ?", (key,)).fetchone()
    return _row(row) if row else None


def list_all(conn: sqlite3.Connection) -> list[StoredCadence]:
    return [_row(r) for r in conn.execute("SELECT * FROM cadences ORDER BY key")]

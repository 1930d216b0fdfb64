"""Cadences on PostgreSQL (the SQLite twin: storage/sqlite/cadences.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.cadences import StoredCadence
from storage.labels import Labels
from storage.postgres import labels as _labels_sql
from storage.postgres.audit import PgAudit
from storage.timefmt import to_db

_COLS = "key, name_pt, name_en, kind, definition, source, updated_at"


def _row(r: Sequence[Any]) -> StoredCadence:
    """A row of `_COLS` as a StoredCadence."""
    return StoredCadence(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6])


def _put_names(conn: psycopg.Connection[Any], known: Labels, data: Mapping[str, Any]) -> None:
    """Keep the labels table's names of a cadence equal to its file's name table (every
    locale): written when they differ, also for a definition otherwise unchanged, so a store
    installed before the names were labels gets its Spanish rows on the next start."""
    names = {locale: text for locale, text in data["name"].items() if str(text).strip()}
    if dict(known.by_key.get(("cadence", data["key"]), {})) != names:
        _labels_sql.put(conn, "cadence", data["key"], names)


class PgCadences:
    """Cadences on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def install(
        self, definitions: Iterable[Mapping[str, Any]], source: str, actor: Actor, now: datetime
    ) -> int:
        """Insert or update cadences from their plain-data form; returns how many changed.

        Unchanged definitions are left alone (no audit noise on every start). The stored
        definitions are read in one query for all of them (SQLite's twin reads one per
        definition, which costs nothing there and a round trip each here).
        """
        given = list(definitions)
        stored = {
            r[0]: r[1]
            for r in self._c.execute(
                "SELECT key, definition FROM cadences WHERE key = ANY(%s)",
                ([data["key"] for data in given],),
            )
        }
        changed = 0
        known = _labels_sql.load(self._c)
        for data in given:
            _put_names(self._c, known, data)
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            old = stored.get(data["key"])
            if old is not None and json.loads(old) == json.loads(text):
                continue
            self._c.execute(
                "INSERT INTO cadences (key, name_pt, name_en, kind, definition, source, updated_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET"
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
            PgAudit(self._c).record(
                actor,
                "cadence",
                data["key"],
                "install" if old is None else "update",
                before=json.loads(old) if old else None,
                after=data,
                at=now,
            )
            stored[data["key"]] = text  # the same key twice in one call compares to this one
            changed += 1
        return changed

    def get(self, key: str) -> StoredCadence | None:
        row = self._c.execute(f"SELECT {_COLS} FROM cadences WHERE key = %s", (key,)).fetchone()
        return _row(row) if row else None

    def list_all(self) -> list[StoredCadence]:
        """Every cadence by key, byte order as SQLite's (not the database locale's)."""
        rows = self._c.execute(f'SELECT {_COLS} FROM cadences ORDER BY key COLLATE "C"')
        return [_row(r) for r in rows]

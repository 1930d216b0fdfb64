"""Stage and cadence names per locale on PostgreSQL (the SQLite twin: storage/sqlite/labels.py).

Module functions, as SQLite's: the stages and cadences repositories read and write them inside
their own statements' transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import psycopg

from storage.labels import KINDS, Labels, of_rows


def load(conn: psycopg.Connection[Any]) -> Labels:
    """Every label in the store (a few dozen rows: the stages and cadences)."""
    return of_rows(
        conn.execute(
            'SELECT kind, key, locale, label FROM labels ORDER BY kind COLLATE "C",'
            ' key COLLATE "C", locale COLLATE "C"'
        )
    )


def load_cadences(conn: psycopg.Connection[Any], keys: Iterable[str]) -> Labels:
    """The labels of these cadences only (see the SQLite twin)."""
    wanted = sorted(set(keys))
    if not wanted:
        return Labels()
    return of_rows(
        conn.execute(
            "SELECT kind, key, locale, label FROM labels WHERE kind = 'cadence'"
            ' AND key = ANY(%s) ORDER BY key COLLATE "C", locale COLLATE "C"',
            (wanted,),
        )
    )


def put(conn: psycopg.Connection[Any], kind: str, key: str, labels: Mapping[str, str]) -> None:
    """Make `key`'s labels exactly `labels` (a locale dropped from the data goes from here)."""
    if kind not in KINDS:
        raise ValueError(f"unknown label kind {kind!r}")
    conn.execute("DELETE FROM labels WHERE kind = %s AND key = %s", (kind, key))
    rows = [(kind, key, locale, text) for locale, text in sorted(labels.items()) if text.strip()]
    if rows:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO labels (kind, key, locale, label) VALUES (%s, %s, %s, %s)", rows
            )

"""Stage and cadence names per locale on PostgreSQL (the SQLite twin: storage/sqlite/labels.py).

Module functions, as SQLite's: the stages and cadences repositories read and write them inside
their own statements' transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import psycopg

from storage.labels import KINDS, Labels


def load(conn: psycopg.Connection[Any]) -> Labels:
    """Every label in the store (a few dozen rows: the stages and cadences)."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for kind, key, locale, label in conn.execute(
        'SELECT kind, key, locale, label FROM labels ORDER BY kind COLLATE "C", key COLLATE "C",'
        ' locale COLLATE "C"'
    ):
        found.setdefault((kind, key), {})[locale] = label
    return Labels(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}))


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

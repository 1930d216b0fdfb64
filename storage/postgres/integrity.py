"""PostgreSQL's integrity check for storage/integrity.py: amcheck over every btree index of the
current schema (index entries against the table's rows), and no NOT VALID constraint."""

from __future__ import annotations

import psycopg

_INDEXES = """
SELECT c.oid::regclass::text FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am a ON a.oid = c.relam
WHERE a.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace
ORDER BY 1
"""
_NOT_VALID = """
SELECT conname FROM pg_constraint
WHERE NOT convalidated AND connamespace = current_schema()::regnamespace ORDER BY 1
"""


def check(url: str) -> str:
    """ "ok", or one line naming the first damaged index or unvalidated constraint (or why
    the check could not run: amcheck needs the contrib package and CREATE on the database)."""
    with psycopg.connect(url, autocommit=True) as conn:
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        except psycopg.Error as exc:
            return f"not checked: amcheck unavailable ({_line(exc)})"
        for (index,) in conn.execute(_INDEXES).fetchall():
            try:
                conn.execute("SELECT bt_index_check(%s::regclass, true)", (index,))
            except psycopg.Error as exc:
                return f"index {index}: {_line(exc)}"
        broken = conn.execute(_NOT_VALID).fetchone()
        return f"constraint {broken[0]} is not validated" if broken else "ok"


def _line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]

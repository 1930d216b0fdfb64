"""One reused cursor for a repository's point queries on the log path.

`conn.execute` makes a new cursor for every statement (its transformer, its adapters map):
~11 us of the ~29 us psycopg spends on a one-row SELECT on this machine (a loop of 3,000,
`conn.execute(...).fetchone()` against `cursor.execute(...).fetchone()` on one cursor). A log
runs five statements through psycopg, so the queries every log makes go through here.

Safe to share within one repository: every call fetches its rows before it returns, so no
caller ever holds a half-read result of this cursor; a connection is used by one thread at a
time (the store's writer, reader and lookup threads each have their own).
"""

from __future__ import annotations

from typing import Any

import psycopg


class HotCursor:
    """A connection's cursor, made on first use and reused by every call after."""

    __slots__ = ("_conn", "_cur")

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn
        self._cur: psycopg.Cursor[Any] | None = None

    def cursor(self) -> psycopg.Cursor[Any]:
        """The cursor itself, for a caller that reads every result before it returns."""
        return self._cursor()

    def _cursor(self) -> psycopg.Cursor[Any]:
        cur = self._cur
        if cur is None or cur.closed:
            cur = self._cur = self._conn.cursor()
        return cur

    def one(self, query: str, params: Any = None) -> Any:
        """The first row of the query's answer (a tuple), or None."""
        return self._cursor().execute(query, params).fetchone()

    def all(self, query: str, params: Any = None) -> list[Any]:
        """Every row of the query's answer."""
        return self._cursor().execute(query, params).fetchall()

"""The PostgreSQL side of a benchmark run: one durable throwaway server, the scale's store moved
into it once, and cheap copies of that database for scenarios that write.

Same data on both backends: every PostgreSQL database here is filled by `storage.move` from the
very SQLite file the SQLite run uses (ids included), so a scenario can pick its cast from the
SQLite file and find the same people in PostgreSQL. A copy is `CREATE DATABASE … TEMPLATE`, a
file-level copy on the server, far cheaper than moving the rows again. Nothing is cached
across runs: the server and its folder go when the run ends.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import psycopg

from storage import move
from storage.postgres.testing import ThrowawayServer


class PgSide:
    """A started server and the databases made on it; `close()` stops it and removes them."""

    def __init__(self) -> None:
        self.server = ThrowawayServer(durable=True).start()
        self.moves: dict[str, float] = {}  # database -> seconds its move took
        self._n = itertools.count()

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.server.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def empty(self, name: str) -> str:
        """A new empty database (the store creates its schema on first connect)."""
        db = f"{name}_{next(self._n)}"
        self._admin(f'CREATE DATABASE "{db}"')
        return self.server.url(db)

    def from_sqlite(self, path: Path, name: str) -> str:
        """A new database holding a copy of the SQLite store at `path`, its statistics
        gathered (as SQLite's file has them from ANALYZE), ready to be queried."""
        url = self.empty(name)
        started = time.perf_counter()
        move.move(move.parse_location(str(path)), move.parse_location(url))
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        self.moves[name] = time.perf_counter() - started
        return url

    def copy(self, url: str, name: str) -> str:
        """A new database copied from the one at `url` (which nobody may be connected to)."""
        source = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
        db = f"{name}_{next(self._n)}"
        self._admin(f'CREATE DATABASE "{db}" TEMPLATE "{source}"')
        return self.server.url(db)

    def close(self) -> None:
        self.server.stop()

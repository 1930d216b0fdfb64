"""The SQLite connection under a unit of work, for the tests that still look at SQLite itself.

The storage interface hands transaction bodies a `Tx` and never a connection; a few tests
check what only SQLite can show (a full disk's page cap, rows a crash left behind, state no
repository reads). They reach the connection here, in one place, so the list of such tests is
one search away — each is SQLite-only by construction, and shrinking that list is how the
suite comes to run on every backend (tests/contract/store/ already does).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from storage.sqlite.repositories import connection_of


def raw(unit: Any) -> sqlite3.Connection:
    """The connection a SQLite unit of work runs on (a plain connection is returned as is)."""
    return connection_of(unit)


async def rows(store: Any, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a read-only query on the store's read connection."""
    return await store.read(lambda tx: [tuple(r) for r in raw(tx).execute(query, params)])

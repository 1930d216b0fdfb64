"""SQLite behind the storage interface: storage.sqlite.db's group-committing store, handing its
transaction bodies a unit of work (SqliteTx) instead of the connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from storage.errors import NotAStore
from storage.interface import Store, SyncStore
from storage.repositories import Tx
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

P = ParamSpec("P")
T = TypeVar("T")

_PREFIX = "sqlite://"


def path_of(url: str | Path) -> Path:
    """The file a SQLite URL names: a plain path, or `sqlite:///relative` / `sqlite:////abs`."""
    text = str(url)
    if text.startswith(_PREFIX):
        text = text[len(_PREFIX) :]
        text = text[1:] if text.startswith("/") else text
    return Path(text)


class SqliteStore(db.Store):
    """storage.sqlite.db.Store (group commit, WAL checkpoints off the writer, inline light writes
    and lookups) whose bodies get a SqliteTx built once per connection."""

    def _unit(self, conn: sqlite3.Connection) -> Any:
        return SqliteTx(conn)

    def _lookup_unit_for(self, conn: sqlite3.Connection) -> Any:
        # query_only: the sender read on every message is kept while nothing is committed.
        return SqliteTx(conn, lookups_only=True)

    async def schema_version(self) -> int:
        version: int = await self._reader._execute(  # noqa: SLF001 - see db._run_on_thread
            lambda: self._reader._conn.execute("PRAGMA user_version").fetchone()[0]  # noqa: SLF001
        )
        return version


async def connect(url: str | Path, *, migrate_schema: bool = True) -> SqliteStore:
    """Open the SQLite store at `url` (see storage.sqlite.db.Store.open for what it raises)."""
    store = await SqliteStore.open(path_of(url), migrate_schema=migrate_schema)
    assert isinstance(store, SqliteStore)
    return store


class SqliteSyncStore:
    """A plain connection with the store's pragmas, for work without an event loop."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._tx = SqliteTx(conn)

    def write(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        try:
            with db.transaction(self._conn):
                return fn(self._tx, *args, **kwargs)
        except sqlite3.Error as exc:
            raise db.translate_error(exc) from exc

    def read(self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(self._tx, *args, **kwargs)
        except sqlite3.Error as exc:
            raise db.translate_error(exc) from exc

    def close(self) -> None:
        self._conn.close()


def connect_sync(url: str | Path, *, migrate_schema: bool = True) -> SqliteSyncStore:
    """The SQLite store at `url` without an event loop (migrated unless told not to)."""
    try:
        return SqliteSyncStore(db.connect_sync(path_of(url), migrate_schema=migrate_schema))
    except sqlite3.DatabaseError as exc:
        raise NotAStore(str(path_of(url)), str(exc)) from exc


def compact(url: str | Path) -> bool:
    """storage.compaction on the file the URL names (see storage.backends.compact)."""
    from storage import compaction

    return compaction.compact(path_of(url))


def _implements(store: SqliteStore, sync: SqliteSyncStore) -> tuple[Store, SyncStore]:
    """Never called: the type checker proves here that both classes fit the interface."""
    return store, sync

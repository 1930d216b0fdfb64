"""Which storage backend a URL names, and opening it: the one place backends are listed.

A backend is a subpackage exposing `connect(url, *, migrate_schema)` (an awaitable Store)
and `connect_sync(url, *, migrate_schema)` (a SyncStore). Adding one is one line in BACKENDS
(the package is imported only when a URL names it, so an unused backend's driver need not be
installed). A URL without a scheme, or `sqlite:///path`, is the SQLite default.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.interface import Store, SyncStore

# URL scheme -> the package implementing it.
BACKENDS: dict[str, str] = {
    "sqlite": "storage.sqlite",
    "postgresql": "storage.postgres.store",
    "postgres": "storage.postgres.store",  # libpq's short spelling
}
DEFAULT = "sqlite"


class UnknownBackend(ValueError):
    """The URL names a scheme no backend implements (the message lists the known ones)."""


def backend_of(url: str | Path) -> str:
    """The BACKENDS key for `url`: its scheme, or the default for a plain path."""
    text = str(url)
    scheme, sep, _ = text.partition("://")
    if not sep or (len(scheme) == 1 and scheme.isalpha()):  # a path (or C:\ on Windows)
        return DEFAULT
    if scheme not in BACKENDS:
        known = ", ".join(f"{name}://" for name in BACKENDS)
        raise UnknownBackend(f"no storage backend for {scheme}:// (known: {known})")
    return scheme


def _backend(url: str | Path) -> Any:
    return importlib.import_module(BACKENDS[backend_of(url)])


async def connect(url: str | Path, *, migrate_schema: bool = True) -> Store:
    """Open (creating and migrating if asked) the store `url` names."""
    store: Store = await _backend(url).connect(url, migrate_schema=migrate_schema)
    return store


def connect_sync(url: str | Path, *, migrate_schema: bool = True) -> SyncStore:
    """The same store without an event loop (CLI tools, seeding, tests)."""
    store: SyncStore = _backend(url).connect_sync(url, migrate_schema=migrate_schema)
    return store


def compact(url: str | Path) -> bool:
    """Leave only live data in the store's files after an erasure committed (the engine's own
    way: SQLite's VACUUM and WAL cut, PostgreSQL's VACUUM FULL); False when something outside
    ritmo kept part of it from happening (the caller says what to do)."""
    done: bool = _backend(url).compact(url)
    return done


@contextlib.asynccontextmanager
async def open_store(url: str | Path, *, migrate_schema: bool = True) -> AsyncIterator[Store]:
    """`async with open_store(url) as store:` — opens, yields, always closes."""
    store = await connect(url, migrate_schema=migrate_schema)
    try:
        yield store
    finally:
        await store.close()


async def listen_for_outbox(store: Store, wake: Callable[[], None], stop: asyncio.Event) -> None:
    """Call `wake` whenever any process queues an outbox row, where the backend can tell
    (PostgreSQL's NOTIFY, storage/postgres/wake.py), until `stop` is set; returns at once where
    it can't (SQLite: one process, whose own writes already wake its dispatcher)."""
    url = getattr(store, "url", None)
    if url is None or backend_of(url) != "postgresql":
        return
    from storage.postgres import wake as pg_wake  # the driver, only for a PostgreSQL store

    await pg_wake.listen(str(url), wake, stop)

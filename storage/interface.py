"""The storage interface: what every part of ritmo above storage/ may use of the store.

Why this shape (the way APScheduler 3 keeps `jobstores/base.py` beside one module per store):

- A **unit of work** (`Tx`) bundles every repository on one transaction. A caller hands the
  store a function of it — `await store.write(lambda tx: tx.interactions.log_interaction(...))`
  or a named transaction body `def body(tx: Tx, ...)` — and the store decides where and when
  it runs. That keeps SQLite's group commit (many callers' bodies in one COMMIT, a body replayed
  alone in a savepoint when it fails) and its inline paths (`write_light`, `lookup`) behind
  the interface, where a server database can batch its own way (pipelining, one transaction
  per batch) without any caller changing.
- Bodies are **synchronous functions of `tx`**: several statements run back to back on the
  backend's own thread, never one await per statement, which is what made SQLite fast here
  (a thread hop per awaited call caps commits at a few thousand a second).
- Repositories (storage/repositories.py) are Protocols returning frozen dataclasses; no
  driver object (`sqlite3.Connection`, a row, a cursor) ever leaves storage/.
- A backend is one subpackage (`storage/sqlite/`, next `storage/postgres/`) with its
  migrations, and one line in storage/backends.py; `open_store(url)` picks it from the URL.
  tests/contract/store/ runs the same behaviour tests against every backend listed there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from storage.repositories import Tx

__all__ = ["Store", "SyncStore", "Tx"]

P = ParamSpec("P")
T = TypeVar("T")


class Store(Protocol):
    """The running application's store: group-committed writes, concurrent reads."""

    # How many transactions the writer committed (benchmarks and metrics read it).
    batches: int
    # Told (batch size, seconds) after each committed batch; the app's metrics set it.
    on_commit: Callable[[int, float], None] | None

    async def write(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(tx, *args, **kwargs)` in a committed transaction; returns once durable.

        A body that raises is undone alone (others committed with it are kept) and its
        error reaches only its caller, as a storage.errors.StoreError when the store refused it.
        So a body may run more than once (a batch that failed is replayed body by body; the
        PostgreSQL store also starts each body on a probe to find a batch's plain logs and
        store them in one round trip): it must do nothing outside `tx` that a second run
        would repeat. Raises StoreUnavailable when the store can't take writes now (a full
        disk, a database server away) and nothing was stored, or when a server connection
        broke during COMMIT and whether it was stored is unknown (kind "commit_unknown").
        """
        ...

    async def write_light(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`write` for a point write of well under a millisecond (log one message, seal
        a reply's buttons): a backend may run it without a thread hop."""
        ...

    async def read(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(tx, ...)` on a read-only connection that sees every committed write."""
        ...

    async def lookup(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(tx, ...)`, a point lookup through a unique index (who is writing, from
        their chat identity; the book's version), once or twice per message.

        A backend answers it the cheapest way that never stalls the event loop: SQLite runs it
        inline on the loop's thread (~10 us, less than a hop to a thread and back), a server
        database on a thread of its own, so the loop never waits out a round trip."""
        ...

    async def schema_version(self) -> int:
        """The migration the store is at (`ritmo init` and /healthz report it)."""
        ...

    async def backup(self, target: str | Path) -> None:
        """An online copy of a store checked sound (StoreCorrupt, and no copy, otherwise)."""
        ...

    async def close(self) -> None:
        """Finish queued writes, then release every connection."""
        ...


class SyncStore(Protocol):
    """The store without an event loop: CLI tools, seeding, benchmarks' set-up, tests."""

    def write(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(tx, ...)` in one transaction, committed before this returns."""
        ...

    def read(self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `fn(tx, ...)` outside any explicit transaction."""
        ...

    def close(self) -> None: ...

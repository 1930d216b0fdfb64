"""What the end-to-end tests check in the store, read through the storage interface only.

The outbox and the inbox journal are read the way an operator reads them (`ritmo status`,
`ritmo inbox`): what is still queued or quarantined, counts per state. None of it names a
table, so a test using these runs on every backend (tests/sqlite_raw.py is the door for the
few that must look at SQLite itself).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from storage import backends
from storage.interface import Tx
from storage.outbox import OutboxItem

T = TypeVar("T")

# Later than anything a test queues: "due by then" is "still queued".
FAR = datetime(9999, 1, 1, tzinfo=UTC)
EVERYTHING = 1_000_000


def write_at(where: str | Path, fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(tx, *args)` in one transaction on the store at `where` (a `ritmo` command or a
    running bot may use it too), without an event loop."""
    store = backends.connect_sync(where)
    try:
        return store.write(fn, *args)
    finally:
        store.close()


def read_at(where: str | Path, fn: Callable[..., T], *args: Any) -> T:
    """Read the store at `where` from beside whatever else uses it, as `ritmo inbox` does."""
    store = backends.connect_sync(where, migrate_schema=False)
    try:
        return store.read(fn, *args)
    finally:
        store.close()


def held(tx: Tx) -> list[OutboxItem]:
    """Every outbox row not sent: still queued (whenever it is due), then given up on."""
    return tx.outbox.due(FAR, EVERYTHING) + tx.outbox.failed(EVERYTHING)


class OutboxWatch:
    """The outbox rows of one kind, followed from the moment a test first sees them queued.

    A sent row leaves what the outbox lists as held; the watch keeps its id, so the test still
    reads how it ended (sent, after how many attempts) through `outbox.get`.
    """

    def __init__(self, store: Any, kind: str) -> None:
        self.store = store
        self.kind = kind
        self.seen: dict[int, None] = {}

    async def rows(self) -> list[OutboxItem]:
        """Every row of this kind seen so far or held now, as it stands, oldest first."""

        def read(tx: Tx) -> list[OutboxItem]:
            for item in held(tx):
                if item.kind == self.kind:
                    self.seen.setdefault(item.id)
            found = [tx.outbox.get(i) for i in sorted(self.seen)]
            return [item for item in found if item is not None]

        return await self.store.read(read)

    async def states(self) -> list[tuple[str, int]]:
        """(state, attempts) of every row, oldest first."""
        return [(item.state, item.attempts) for item in await self.rows()]


async def journal(store: Any, platform: str | None = None) -> dict[str, int]:
    """How many journaled events are pending, done and quarantined (`ritmo inbox`)."""

    def read(tx: Tx) -> dict[str, int]:
        return {s: tx.inbox.count(platform, s) for s in ("pending", "done", "failed")}

    return await store.read(read)

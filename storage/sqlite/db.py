"""The store: one SQLite file, one writer connection with group commit, one reader connection.

Why group commit: aiosqlite costs a thread hop per awaited call, so one await per write tops out
near a few thousand commits a second. The writer task instead drains every write queued while
the previous batch ran and executes the whole batch in ONE hop and ONE transaction; a failing
write is rolled back alone (the batch is replayed with a SAVEPOINT per write), and every caller
is answered only after COMMIT. A small batch of point writes (`write_light`) skips the hop and
runs on the event loop's thread. aiosqlite has no public "run this function on your thread"
call, so `_run_on_thread` uses its `_execute` (pinned to aiosqlite < 0.23 in pyproject.toml;
tests/storage/test_db.py fails loudly if that changes).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite

from storage import write_queue
from storage.errors import (
    ConstraintError,
    FolderMissing,
    NotAStore,
    StoreError,
    StoreTooNew,
    StoreUnavailable,
)
from storage.sqlite import integrity, name_keys, safety_copy
from storage.write_queue import Job, WriteQueue

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")

BUSY_TIMEOUT_MS = 10_000
# A batch made only of light writes runs on the event loop's own thread when it is this small
# (a light write costs ~0.1 ms, so at most a few ms of the loop's time).
INLINE_MAX_BATCH = 64
INLINE_BUSY_TIMEOUT_MS = 250
CHECKPOINT_IDLE_AFTER = 8  # batches since the last checkpoint before an idle writer does one
CHECKPOINT_EVERY = 400  # batches after which the writer checkpoints even under load
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


# CPython's sqlite3 (3.11) looks for an adapter for every parameter that is not exactly an
# int, float, str or bytearray, None included; finding none registered, it asks the protocol
# for `__adapt__`, whose miss formats an AttributeError message and drops it. That cost ~0.3 us
# per None bound, and a logged interaction binds eight (its empty deal, contact, outcome,
# coordinates, attachment; its audit row's `before` and reason): ~8 % of the instructions of
# a write (callgrind, benchmarks/RESULTS.md issue 19 `perf21`). Registered, the adapter is
# found at the first look. Process-wide, like every sqlite3 adapter; the value bound is the same.
# The adapter is an empty dict's `get`, which answers None for None: a C call, where a Python
# function would cost a frame per None (~700 instructions, 8 per log).
_NOTHING: dict[object, None] = {}
sqlite3.register_adapter(type(None), _NOTHING.get)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with the package, in the order they apply."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


def latest_version() -> int:
    return max((m.version for m in migrations()), default=0)


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous=NORMAL")
    # Sorts, temp indexes and savepoint sub-journals in memory rather than temp files.
    conn.execute("PRAGMA temp_store=MEMORY")


def _pragma(conn: sqlite3.Connection, statement: str) -> list[Any]:
    """Run a PRAGMA to completion (an unread result row would keep its statement open)."""
    return conn.execute(f"PRAGMA {statement}").fetchall()


FOREIGN_KEYS_OFF = "-- ritmo: foreign_keys off"


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    """Run one migration and its user_version bump in one transaction.

    A migration that rebuilds a table other tables reference (SQLite can't change a CHECK in
    place) starts with FOREIGN_KEYS_OFF: dropping the old table with foreign keys on would
    cascade into, or break, every referencing row. foreign_keys can only change outside a
    transaction, and the rebuilt schema must still hold every reference before it commits.
    """
    keys_off = migration.sql.startswith(FOREIGN_KEYS_OFF)
    if keys_off:
        conn.execute("PRAGMA foreign_keys=OFF")
    # executescript commits any open transaction first, so BEGIN/COMMIT live in the script.
    conn.executescript(f"BEGIN IMMEDIATE;\n{migration.sql}\n")
    if keys_off and conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise sqlite3.IntegrityError("a reference is broken after the rebuild")
    # execute, not executescript: the latter would commit the open transaction first.
    conn.execute(f"PRAGMA user_version={migration.version}")
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version it ends at.

    Each migration runs inside its own transaction together with the user_version bump, so a
    failure leaves the file at the previous version, never half-way. A store that already
    has a schema is first copied next to itself (storage/sqlite/safety_copy.py), so an upgrade can be
    taken back.

    Raises:
        StoreTooNew: the file is at a version this code does not know.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = latest_version()
    if current > latest:
        raise StoreTooNew(current, latest)
    copy = None
    if 0 < current < latest:
        copy = safety_copy.keep_before_migrating(conn, current)
        log.info("store copied to %s before migrating from version %s", copy, current)
    for migration in migrations():
        if migration.version <= current:
            continue
        try:
            _apply(conn, migration)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
        finally:
            conn.execute("PRAGMA foreign_keys=ON")
        current = migration.version
    if current >= name_keys.FIRST_VERSION and name_keys.any_missing(conn):
        with transaction(conn):
            name_keys.fill_missing(conn)
    if copy is not None:
        with transaction(conn):
            safety_copy.remember(conn, copy)
    return current


def connect_sync(path: str | Path, *, migrate_schema: bool = True) -> sqlite3.Connection:
    """A plain sqlite3 connection with the store's pragmas (CLI tools, tests, benchmarks)."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    _configure(conn)
    if migrate_schema:
        migrate(conn)
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT on a connection in autocommit mode; ROLLBACK on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# Primary result codes of failures that belong to the disk, not to the write that met them.
_UNAVAILABLE_CODES = {sqlite3.SQLITE_FULL: "full", sqlite3.SQLITE_IOERR: "io"}
_UNAVAILABLE_TEXTS = {"database or disk is full": "full", "disk I/O error": "io"}


def _unavailable_kind(exc: sqlite3.Error) -> str | None:
    """ "full" or "io" when `exc` says the disk can't take the write, else None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _UNAVAILABLE_CODES:
        return _UNAVAILABLE_CODES[code & 0xFF]
    return next((kind for text, kind in _UNAVAILABLE_TEXTS.items() if text in str(exc)), None)


def translate_error(exc: sqlite3.Error) -> StoreError:
    """A sqlite3 error as a store error whose message says what rule was broken; a full disk
    or an I/O error is a StoreUnavailable, which callers retry rather than blame on the
    request."""
    text = str(exc)
    kind = _unavailable_kind(exc)
    if kind is not None:
        return StoreUnavailable(kind, text)
    if isinstance(exc, sqlite3.IntegrityError):
        if text.startswith("UNIQUE"):
            return ConstraintError(
                f"that record already exists ({text.split(':', 1)[-1].strip()})"
            )
        if text.startswith("FOREIGN KEY"):
            return ConstraintError("that refers to a record that does not exist")
        if text.startswith("CHECK"):
            return ConstraintError(f"a value is not allowed ({text.split(':', 1)[-1].strip()})")
        if text.startswith("NOT NULL"):
            return ConstraintError(
                f"a required value is missing ({text.split(':', 1)[-1].strip()})"
            )
        return ConstraintError(text)
    return StoreError(text)


_LOCK_ERRORS = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _run_batch(conn: sqlite3.Connection, jobs: list[Job], unit: Any) -> list[tuple[bool, Any]]:
    """Run every job of a batch in one transaction (on the db thread); each job is called
    with `unit`, what the store hands transaction bodies (see Store._unit).

    The common case — no job fails — runs the jobs back to back. Only if one raises is the
    batch rolled back and replayed with a savepoint around each job, so the failing job is
    undone alone. Jobs are functions of the connection and their arguments, so a replay
    reaches the same result; a savepoint per job costs a sub-journal write per job.
    """
    if len(jobs) > 1:
        conn.execute("BEGIN IMMEDIATE")
        try:
            outcomes = [(True, job.fn(unit, *job.args, **job.kwargs)) for job in jobs]
        except Exception:
            if conn.in_transaction:  # SQLITE_FULL and some I/O errors roll back by themselves
                conn.execute("ROLLBACK")
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return outcomes
    return _run_isolated(conn, jobs, unit)


def _run_isolated(conn: sqlite3.Connection, jobs: list[Job], unit: Any) -> list[tuple[bool, Any]]:
    """One transaction, each job in its own savepoint: a failing job is undone alone.

    Some errors (SQLITE_FULL, most I/O errors) roll back the whole transaction, savepoints and
    all, and so undo the jobs before the failing one too: the batch is then replayed without
    the job that failed, which gets its error. Each replay drops one job, so this ends.
    """
    failed: dict[int, BaseException] = {}
    while True:
        outcomes = _try_isolated(conn, jobs, failed, unit)
        if outcomes is not None:
            return outcomes


def _try_isolated(
    conn: sqlite3.Connection, jobs: list[Job], failed: dict[int, BaseException], unit: Any
) -> list[tuple[bool, Any]] | None:
    """One pass of `_run_isolated`; None when SQLite rolled the whole transaction back."""
    outcomes: list[tuple[bool, Any]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for index, job in enumerate(jobs):
            if index in failed:
                outcomes.append((False, failed[index]))
                continue
            conn.execute("SAVEPOINT job")
            try:
                result = job.fn(unit, *job.args, **job.kwargs)
            except Exception as exc:  # the caller gets it; the batch goes on
                err = translate_error(exc) if isinstance(exc, sqlite3.Error) else exc
                if not conn.in_transaction:
                    failed[index] = err
                    return None
                conn.execute("ROLLBACK TO job")
                conn.execute("RELEASE job")
                outcomes.append((False, err))
            else:
                conn.execute("RELEASE job")
                outcomes.append((True, result))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes


async def _run_on_thread(
    aconn: aiosqlite.Connection, fn: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    """Run `fn(sqlite3_conn, *args, **kwargs)` on the aiosqlite connection's own thread."""
    return await aconn._execute(lambda: fn(aconn._conn, *args, **kwargs))  # noqa: SLF001


class Store:
    """The application's handle on the database: group-committed writes, concurrent reads."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._inline: sqlite3.Connection | None = None
        # What transaction bodies are called with, built once per connection (not per write).
        self._write_unit = self._unit(writer._conn)  # noqa: SLF001 - see _run_on_thread
        self._read_unit = self._unit(reader._conn)  # noqa: SLF001
        self._lookup_unit: Any = None
        self._checkpointer: sqlite3.Connection | None = None
        self._checkpoint_task: asyncio.Task[None] | None = None
        self._wal_behind = False  # the last checkpoint missed frames written while it ran
        self._queue = WriteQueue()
        self._task: asyncio.Task[None] | None = None
        self.batches = 0  # how many transactions the writer committed (benchmarks read it)
        self._since_checkpoint = 0
        # Told (batch size, seconds) after each committed batch; the app's metrics set it. A
        # plain callable keeps storage free of any monitoring library.
        self.on_commit: Callable[[int, float], None] | None = None

    @classmethod
    async def open(cls, path: str | Path, *, migrate_schema: bool = True) -> Store:
        """Open (creating and migrating if needed) the store at `path`.

        Raises:
            StoreTooNew: the file is newer than this code.
            StoreCorrupt: SQLite's quick check finds damaged pages (checked before migrating,
                so a migration never writes over damage).
            StoreError: the file is not a usable SQLite database.
        """
        path = Path(path)
        if path.parent and not path.parent.exists():
            raise FolderMissing(str(path.parent))
        # Used by one thread at a time: its own, or the event loop's for light batches.
        writer = await aiosqlite.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            await _run_on_thread(writer, _configure)
            # The writer checkpoints when it is idle (see _write_loop), not inside a commit.
            await _run_on_thread(writer, _pragma, "wal_autocheckpoint=0")
            await _run_on_thread(writer, integrity.check, path, integrity.START_BUDGET_SECONDS)
            if migrate_schema:
                await _run_on_thread(writer, migrate)
            reader = await aiosqlite.connect(str(path), isolation_level=None)
            await _run_on_thread(reader, _configure)
            await _run_on_thread(reader, _pragma, "query_only=ON")
        except sqlite3.DatabaseError as exc:
            await writer.close()
            raise NotAStore(str(path), str(exc)) from exc
        except BaseException:
            await writer.close()
            raise
        store = cls(path, writer, reader)
        store._task = asyncio.create_task(store._write_loop(), name="ritmo-store-writer")
        return store

    def _unit(self, conn: sqlite3.Connection) -> Any:
        """What `fn` receives for a connection: here the connection itself; the storage
        interface's SqliteStore (storage/sqlite/store.py) hands a unit of work instead."""
        return conn

    def _lookup_unit_for(self, conn: sqlite3.Connection) -> Any:
        """`_unit` for the inline lookup connection, which never writes (query_only)."""
        return self._unit(conn)

    async def write(
        self, fn: Callable[Concatenate[Any, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(conn, *args, **kwargs)` in a committed transaction; returns once durable.

        The job is queued and awaited right here, not through helper coroutines: every write
        passes this way, and a coroutine and two calls more per write cost ~0.5 us of the write
        path's ~30 (benchmarks/RESULTS.md, issue 19).
        """
        future = self._future()
        self._queue.put(Job(fn, args, kwargs, future))
        return await future

    async def write_light(
        self, fn: Callable[Concatenate[Any, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`write` for a point write that costs well under a millisecond (log a message,
        seal a reply's buttons).

        A batch of nothing but these runs on the event loop's thread: the hops to the writer
        thread and back, and the GIL passed between the two threads at every statement, cost
        more than such writes themselves (logging through the chat: ~1,950 -> ~2,150/s). If
        another process holds the write lock, the batch goes to the writer thread instead,
        so the loop never waits for a lock.
        """
        future = self._future()
        self._queue.put(Job(fn, args, kwargs, future, light=True))
        return await future

    def _future(self) -> asyncio.Future[Any]:
        task = self._task
        if task is None or task.done():
            raise StoreError("the store is closed")
        return task.get_loop().create_future()

    async def read(
        self, fn: Callable[Concatenate[Any, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(conn, *args, **kwargs)` on the read connection (sees every committed write)."""
        unit = self._read_unit
        try:
            return await self._reader._execute(lambda: fn(unit, *args, **kwargs))  # noqa: SLF001
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    async def lookup(
        self, fn: Callable[Concatenate[Any, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run `fn(conn, *args, **kwargs)` right here, on a read connection of the event loop's.

        Only for point lookups through a unique index (who is writing, from their chat
        identity: once per message). Such a query costs ~10 us, a hop to the reader thread and
        back several times that on both threads. A WAL reader never waits for the writer, so
        the loop is not blocked behind it; anything that scans belongs in `read`. Awaitable
        only because the interface is (a server backend answers on a thread): nothing in here
        awaits, so the caller resumes without passing through the loop.
        """
        if self._inline is None:
            self._inline = sqlite3.connect(str(self.path), isolation_level=None)
            _configure(self._inline)
            _pragma(self._inline, "query_only=ON")
            # A WAL reader waits only while a crashed writer's WAL is recovered; bound how
            # long the event loop could stand still for it.
            _pragma(self._inline, f"busy_timeout={INLINE_BUSY_TIMEOUT_MS}")
            self._lookup_unit = self._lookup_unit_for(self._inline)
        try:
            return fn(self._lookup_unit, *args, **kwargs)
        except sqlite3.Error as exc:
            raise translate_error(exc) from exc

    async def _write_loop(self) -> None:
        while True:
            # Every write waiting, not half (write_queue.next_batch): the halves were meant to
            # let this thread's statements overlap the loop answering the last batch, but both
            # need the GIL and in practice took turns, while each COMMIT of a half rewrote the
            # same part-filled b-tree pages (interactions, audit_log and their five indexes:
            # 32 WAL pages per 65 logs, 48 per 200). 200 writers x 50 logs: 153 -> 50
            # transactions, ~26 -> ~24 us of CPU per write (benchmarks/RESULTS.md, perf21).
            batch, closing = await self._queue.next_batch(whole=True, light_limit=INLINE_MAX_BATCH)
            if batch:
                await self._commit(batch)
            if closing:
                return
            await self._maybe_checkpoint()

    async def _maybe_checkpoint(self) -> None:
        """Copy the WAL back into the database file, off the writer's thread.

        SQLite's automatic checkpoint runs inside whichever COMMIT crosses 1,000 WAL pages,
        adding tens of milliseconds to that caller (a big due scan measured 75-98 ms of commit
        instead of 8-17). Here one starts when the queue is empty, or after CHECKPOINT_EVERY
        batches at the latest so the WAL cannot grow without bound under constant load. It runs
        on a connection and thread of its own: a PASSIVE checkpoint never blocks the writer or
        readers, and run on the writer it stalled every queued write behind it (two of them
        took 0.2 s of a 1 s burst of 20,000 logs).
        """
        self._since_checkpoint += 1
        idle = self._queue.empty()
        overdue = self._since_checkpoint >= CHECKPOINT_EVERY
        task = self._checkpoint_task
        running = task is not None and not task.done()
        if task is not None and running and overdue:
            # Backpressure: behind a checkpoint starved of CPU the WAL would grow without
            # bound, so after CHECKPOINT_EVERY batches the writer waits for it.
            await task
            running = False
        if running:
            return
        if self._wal_behind and (idle or overdue):
            # Finish what the last one missed, here: only the frames written while it ran,
            # and with the WAL wholly copied the next write starts it again from the top.
            self._wal_behind = False
            self._since_checkpoint = 0
            try:
                await _run_on_thread(self._writer, _pragma, "wal_checkpoint(PASSIVE)")
            except sqlite3.Error as exc:
                log.warning("WAL checkpoint failed: %s", exc)
            return
        if (idle and self._since_checkpoint >= CHECKPOINT_IDLE_AFTER) or overdue:
            self._since_checkpoint = 0
            self._checkpoint_task = asyncio.create_task(
                self._checkpoint(), name="ritmo-checkpoint"
            )

    async def _checkpoint(self) -> None:
        before = self.batches
        try:
            await asyncio.to_thread(self._checkpoint_now)
        except sqlite3.Error as exc:  # a checkpoint is an optimisation; the data is safe
            log.warning("WAL checkpoint failed: %s", exc)
            return
        # Writes committed meanwhile are past what it copied, and SQLite only starts the WAL
        # over once all of it is copied: the writer copies that rest when next idle.
        self._wal_behind = self.batches != before

    def _checkpoint_now(self) -> None:
        if self._checkpointer is None:
            self._checkpointer = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False
            )
            _pragma(self._checkpointer, f"busy_timeout={BUSY_TIMEOUT_MS}")
        _pragma(self._checkpointer, "wal_checkpoint(PASSIVE)")

    def _run_inline(self, batch: list[Job]) -> list[tuple[bool, Any]] | None:
        """Run a light batch here, on the loop's thread; None if the write lock is taken."""
        conn = self._writer._conn  # noqa: SLF001 - see _run_on_thread
        _pragma(conn, "busy_timeout=0")
        try:
            return _run_batch(conn, batch, self._write_unit)
        except sqlite3.OperationalError as exc:
            if conn.in_transaction or exc.sqlite_errorcode & 0xFF not in _LOCK_ERRORS:
                raise
            return None  # nothing is written: the batch is replayed on the writer thread
        finally:
            _pragma(conn, f"busy_timeout={BUSY_TIMEOUT_MS}")

    async def _commit(self, batch: list[Job]) -> None:
        started = time.perf_counter()
        try:
            outcomes = None
            if batch[0].light:  # next_batch hands light writes out alone (light_limit)
                outcomes = self._run_inline(batch)
            if outcomes is None:
                outcomes = await _run_on_thread(self._writer, _run_batch, batch, self._write_unit)
        except Exception as exc:  # the COMMIT itself failed: nobody's write is durable
            err = translate_error(exc) if isinstance(exc, sqlite3.Error) else exc
            log.error("write batch of %d failed: %s", len(batch), err)
            write_queue.fail(batch, err)
            return
        self.batches += 1
        if self.on_commit is not None:
            self.on_commit(len(batch), time.perf_counter() - started)
        write_queue.answer(batch, outcomes)

    async def backup(self, target: str | Path) -> None:
        """An online copy of the store (safe while the bot writes), of a file checked sound.

        Raises:
            StoreCorrupt: the store is damaged; no copy is written (it would copy the damage
                and look like a good backup).
        """
        await _run_on_thread(self._reader, integrity.check, self.path)
        dest = sqlite3.connect(str(target))
        try:
            await self._reader.backup(dest)
        finally:
            dest.close()

    async def close(self) -> None:
        """Finish queued writes, then close both connections."""
        if self._task is not None and not self._task.done():
            self._queue.close()
            await self._task
        if self._checkpoint_task is not None:
            await self._checkpoint_task
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        if self._inline is not None:
            self._inline.close()
            self._inline = None
            self._lookup_unit = None
        await self._reader.close()
        await self._writer.close()


@contextlib.asynccontextmanager
async def open_store(path: str | Path):
    """`async with open_store(path) as store:` — opens, yields, always closes."""
    store = await Store.open(path)
    try:
        yield store
    finally:
        await store.close()

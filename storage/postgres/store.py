"""PostgreSQL behind the storage interface: the same unit of work, group commit kept.

Why this shape (issue 16's measurements on 2 cores): one transaction per write runs 0.7-0.9k
writes/s on PostgreSQL, a batch per transaction 1.2-1.6k/s. So, as for SQLite, one writer
thread takes every queued body, runs them back to back in ONE transaction and commits once; a
body that raises is replayed alone in a savepoint (psycopg's nested `transaction()`), so one
caller's bad write never undoes another's. Bodies are synchronous functions of `tx` running on
the writer's own thread: several statements back to back, no await per statement.

Reads run on a second connection on its own thread, each body in one READ ONLY transaction (one
snapshot). `lookup` runs point queries on a third connection, on a third thread, in autocommit
(each statement its own snapshot, so no BEGIN and COMMIT round trips around it). It used to run
right on the event loop: one round trip is ~0.2 ms on a quiet Unix socket, but several ms when
the server waits for a core, and a stack sampler over 1,500 concurrent logs found the loop
inside `lookup` in 48 % of its samples, every other message waiting behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import psycopg
from psycopg import errors as pg_errors

from storage import write_queue
from storage.errors import ConstraintError, StoreError, StoreUnavailable
from storage.interface import Store, SyncStore
from storage.postgres import log_batch, schema
from storage.postgres.lane import LookupLane
from storage.postgres.link import Link, Outage, is_broken
from storage.postgres.repositories import PgTx
from storage.repositories import Tx
from storage.write_queue import Job, WriteQueue

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

# How long a thread may hold the GIL while another waits for it (CPython's default: 5 ms).
# Every round trip ends with the writer (or lookup) thread taking the GIL back from the event
# loop, which parses messages without blocking; at 5 ms that re-acquire, not the server, is most
# of a round trip's time. Measured (a loop of one-row SELECTs beside a busy Python thread):
# 51 us a statement alone, 921 us at 5 ms, 79 us at 0.5 ms; in the medium log scenario, five
# interleaved pairs gave +17 % to +68 % logs/s at 1 ms (0.2 ms was slower: the loop then gives
# the GIL up too often). The writer thread is the log path's bottleneck (busy 100 % of the time
# while logs queue), so its round trips set the logs per second.
SWITCH_INTERVAL_S = 0.001


def translate_error(exc: psycopg.Error) -> StoreError:
    """A driver error as the store error SQLite's backend raises for the same broken rule,
    so callers above storage/ never see which engine refused a write."""
    text = (exc.diag.message_primary or str(exc)) if hasattr(exc, "diag") else str(exc)
    if isinstance(exc, pg_errors.UniqueViolation):
        return ConstraintError(f"that record already exists ({exc.diag.constraint_name})")
    if isinstance(exc, pg_errors.ForeignKeyViolation):
        return ConstraintError("that refers to a record that does not exist")
    if isinstance(exc, pg_errors.CheckViolation):
        return ConstraintError(f"a value is not allowed ({exc.diag.constraint_name})")
    if isinstance(exc, pg_errors.InvalidTextRepresentation) and "type json" in text:
        # ritmo_json_valid's cast (migration 0023) refuses a text that is not JSON itself.
        return ConstraintError("a value is not allowed (not JSON)")
    if isinstance(exc, pg_errors.NotNullViolation):
        return ConstraintError(f"a required value is missing ({exc.diag.column_name})")
    if isinstance(exc, pg_errors.IntegrityError):
        return ConstraintError(text)
    if isinstance(exc, pg_errors.DiskFull):
        return StoreUnavailable("full", text)
    if isinstance(exc, psycopg.OperationalError):
        return StoreUnavailable("io", text)
    return StoreError(text)


# How long one connection attempt may take when the URL does not say (`connect_timeout`):
# psycopg's default is 130 s, and an attempt to a server that vanished mid-failover would hold
# the writer thread (and every caller's write) that long; a reconnect is retried anyway.
CONNECT_TIMEOUT_S = 10


def _connect(url: str) -> psycopg.Connection[Any]:
    """A connection in autocommit mode: every body opens its own `transaction()` block."""
    try:
        if "connect_timeout" in url:
            return psycopg.connect(url, autocommit=True)
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.OperationalError as exc:
        raise StoreUnavailable("io", str(exc)) from exc


class CommitUnknown(Exception):
    """The connection broke after COMMIT was sent: the batch may or may not be stored."""


def _committed(conn: psycopg.Connection[Any], body: Callable[[], T]) -> T:
    """`body()` in one transaction on `conn`, committed; raises CommitUnknown when the
    connection broke while COMMIT was on its way (every other failure left nothing stored).

    psycopg's `transaction()` sends COMMIT on leaving the block; on a connection already lost it
    sends nothing and raises nothing, so a body that swallowed the error of its statement would
    look committed: a lost connection after the block is a failure too (COMMIT never left)."""
    committing = False
    try:
        with conn.transaction():
            result = body()
            committing = True
    except psycopg.Error as exc:
        if committing and is_broken(conn):
            raise CommitUnknown(str(exc)) from exc
        raise
    if is_broken(conn):
        raise psycopg.OperationalError("the connection was lost before COMMIT")
    return result


def _fatal(conn: psycopg.Connection[Any], exc: BaseException) -> bool:
    """The error is the connection's or the server's, not one body's: the batch as a whole
    failed (no savepoint replay can help)."""
    return isinstance(
        exc, (CommitUnknown, psycopg.OperationalError, psycopg.InterfaceError)
    ) or is_broken(conn)


def _connect_reader(url: str) -> psycopg.Connection[Any]:
    """The reader's connection: its transaction() blocks start with BEGIN READ ONLY, one round
    trip, where a separate SET TRANSACTION READ ONLY cost a second on every read."""
    conn = _connect(url)
    conn.read_only = True
    return conn


def _run_batch(
    conn: psycopg.Connection[Any], jobs: list[Job], unit: PgTx
) -> list[tuple[bool, Any]]:
    """Every job in one transaction, a run of plain logs in one round trip
    (storage.postgres.log_batch); if one raises, replay each in its own savepoint."""
    if len(jobs) > 1:
        try:
            try:
                return _committed(conn, lambda: log_batch.run(unit, jobs))
            except log_batch.Stale:  # rolled back: the same jobs the plain way
                return _committed(
                    conn, lambda: [(True, job.fn(unit, *job.args, **job.kwargs)) for job in jobs]
                )
        except Exception as exc:  # noqa: BLE001 - replayed below, where the error reaches its caller
            if _fatal(conn, exc):
                raise  # the connection itself failed: nobody's write is durable

    def one_by_one() -> list[tuple[bool, Any]]:
        outcomes: list[tuple[bool, Any]] = []
        for job in jobs:
            try:
                with conn.transaction():  # a savepoint
                    outcomes.append((True, job.fn(unit, *job.args, **job.kwargs)))
            except Exception as exc:  # the caller gets it; the batch goes on
                if _fatal(conn, exc):
                    raise
                err = translate_error(exc) if isinstance(exc, psycopg.Error) else exc
                outcomes.append((False, err))
        return outcomes

    return _committed(conn, one_by_one)


def _write_on(link: Link, jobs: list[Job]) -> list[tuple[bool, Any]]:
    """A batch on the writer's link; on the writer's thread.

    A connection lost before COMMIT was sent stored nothing: the batch runs once more on a new
    connection (the server may be back at once: a pgbouncer dropped an idle connection, an
    administrator ended the backend). Lost while COMMIT was on its way, nobody can tell whether
    it is stored: every caller gets StoreUnavailable("commit_unknown"), never a result, and a
    redelivery carries it (DESIGN.md "PostgreSQL: when the server goes away").

    Raises:
        StoreUnavailable: the server is away ("reconnecting") or the COMMIT's fate is unknown.
    """
    for attempt in (1, 2):
        conn = link.get()
        try:
            return _run_batch(conn, jobs, link.unit)
        except CommitUnknown as exc:
            link.lost(exc)
            raise StoreUnavailable("commit_unknown", str(exc)) from exc
        except psycopg.Error as exc:
            if not is_broken(conn):
                raise
            link.lost(exc)
            if attempt == 2:
                raise StoreUnavailable("reconnecting", str(exc)) from exc
    raise AssertionError("unreachable")


class PgStore:
    """The running application's PostgreSQL store (see the module docstring)."""

    def __init__(
        self,
        url: str,
        writer: psycopg.Connection[Any],
        reader: psycopg.Connection[Any],
    ) -> None:
        self.url = url
        self.outage = Outage()
        self._write_link = Link("writer", lambda: _connect(self.url), self.outage, PgTx)
        self._write_link.adopt(writer)
        self._read_link = Link("reader", lambda: _connect_reader(self.url), self.outage, PgTx)
        self._read_link.adopt(reader)
        self._write_thread = ThreadPoolExecutor(1, thread_name_prefix="ritmo-pg-writer")
        self._read_thread = ThreadPoolExecutor(1, thread_name_prefix="ritmo-pg-reader")
        self._lookups = LookupLane(
            Link("lookup", lambda: _connect(self.url), self.outage, PgTx),
            translate_error,
            "ritmo-pg-lookup",
        )
        self._queue = WriteQueue()
        self._task: asyncio.Task[None] | None = None
        self.batches = 0
        self.on_commit: Callable[[int, float], None] | None = None

    @property
    def _reader(self) -> psycopg.Connection[Any] | None:
        return self._read_link.conn

    @property
    def reconnecting(self) -> bool:
        """A connection to the server was lost and is not back yet (/healthz says so)."""
        return self.outage.reconnecting

    @classmethod
    async def open(cls, url: str, *, migrate_schema: bool = True) -> PgStore:
        """Connect (migrating first if asked); raises StoreUnavailable if the server is down,
        StoreTooNew if the database is newer than this code."""
        writer = await asyncio.to_thread(_connect, url)
        try:
            if migrate_schema:
                await asyncio.to_thread(schema.migrate, writer)
            reader = await asyncio.to_thread(_connect_reader, url)
        except BaseException:
            writer.close()
            raise
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)  # process-wide: see SWITCH_INTERVAL_S
        store = cls(url, writer, reader)
        store._task = asyncio.create_task(store._write_loop(), name="ritmo-pg-writer")
        return store

    async def write(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        if self._task is None or self._task.done():
            raise StoreError("the store is closed")
        job = Job(fn, args, kwargs, asyncio.get_running_loop().create_future())
        self._queue.put(job)
        result: T = await job.future
        return result

    async def write_light(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Every write is a round trip to the server here: light writes share the batch."""
        return await self.write(fn, *args, **kwargs)

    async def read(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        def body() -> T:
            # A read changes nothing: after a lost connection it runs once more on a new one.
            for attempt in (1, 2):
                conn = self._read_link.get()
                try:
                    with conn.transaction():  # BEGIN READ ONLY (see _connect_reader)
                        return fn(self._read_link.unit, *args, **kwargs)
                except psycopg.Error as exc:
                    if not is_broken(conn):
                        raise translate_error(exc) from exc
                    self._read_link.lost(exc)
                    if attempt == 2:
                        raise StoreUnavailable("reconnecting", str(exc)) from exc
            raise AssertionError("unreachable")

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._read_thread, body)

    async def lookup(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Point lookups on a connection and thread of their own (see the module docstring):
        not behind a long read on the reader's thread, and never on the event loop; answered
        in one hop per batch of lookups (storage.postgres.lane)."""
        result: T = await self._lookups.call(fn, args, kwargs)
        return result

    async def _write_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch, closing = await self._queue.next_batch()
            if not batch:
                return
            started = time.perf_counter()
            try:
                outcomes = await loop.run_in_executor(
                    self._write_thread, _write_on, self._write_link, batch
                )
            except StoreUnavailable as exc:  # the server is away: said once by Outage
                write_queue.fail(batch, exc)
            except Exception as exc:  # the COMMIT failed: nobody's write is durable
                err = translate_error(exc) if isinstance(exc, psycopg.Error) else exc
                log.error("write batch of %d failed: %s", len(batch), err)
                write_queue.fail(batch, err)
            else:
                self.batches += 1
                if self.on_commit is not None:
                    self.on_commit(len(batch), time.perf_counter() - started)
                write_queue.answer(batch, outcomes)
            if closing:
                return

    async def schema_version(self) -> int:
        def version() -> int:
            conn = self._read_link.get()
            try:
                return schema.current_version(conn)
            except psycopg.Error as exc:
                if is_broken(conn):
                    self._read_link.lost(exc)
                raise translate_error(exc) from exc

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._read_thread, version)

    async def backup(self, target: str | Path) -> None:
        """A consistent copy as a new SQLite file (one snapshot, every table's count and
        checksum verified: `ritmo store move`'s copier), openable as a store like SQLite's
        backups. Large teams use the engine's own pg_dump or provider snapshots (README)."""
        from storage import move  # only a backup needs the copier

        await asyncio.to_thread(
            move.move, move.Location("postgres", self.url), move.parse_location(str(target))
        )

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._queue.close()
            await self._task
        self._write_thread.shutdown(wait=True)
        self._read_thread.shutdown(wait=True)
        self._lookups.close()  # runs what is queued, then closes its connection
        self._read_link.close()
        self._write_link.close()


class PgSyncStore:
    """One connection without an event loop: CLI tools, seeding, tests.

    The connection may be lost under a long-lived tool (the server restarted, an administrator
    ended the session): a call that meets the loss before COMMIT left stored nothing, and runs
    once more on a new connection, as the async store's writer does; lost while COMMIT was on its
    way it says StoreUnavailable("commit_unknown"), and a server still away says
    StoreUnavailable("reconnecting") -- one sentence from the CLI, never a driver's traceback.
    """

    def __init__(self, conn: psycopg.Connection[Any], url: str | None = None) -> None:
        self._conn = conn
        self._tx = PgTx(conn)
        self._url = url  # where to connect again after a loss (None: never)

    def _run(self, fn: Callable[..., T], args: Any, kwargs: Any) -> T:
        for attempt in (1, 2):
            if is_broken(self._conn):
                self._reconnect()
            conn = self._conn
            try:
                return _committed(conn, lambda: fn(self._tx, *args, **kwargs))
            except CommitUnknown as exc:
                raise StoreUnavailable("commit_unknown", str(exc)) from exc
            except psycopg.Error as exc:
                if not is_broken(conn):
                    raise translate_error(exc) from exc
                if attempt == 2 or self._url is None:
                    raise StoreUnavailable("reconnecting", str(exc)) from exc
        raise AssertionError("unreachable")

    def _reconnect(self) -> None:
        if self._url is None:
            raise StoreUnavailable("reconnecting", "the connection was lost")
        with contextlib.suppress(psycopg.Error):
            self._conn.close()  # the broken one: its socket and buffers go now, not at exit
        try:
            conn = _connect(self._url)
        except StoreUnavailable as exc:
            raise StoreUnavailable("reconnecting", str(exc.__cause__ or exc)) from exc
        self._conn, self._tx = conn, PgTx(conn)

    def write(
        self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return self._run(fn, args, kwargs)

    def read(self, fn: Callable[Concatenate[Tx, P], T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self._run(fn, args, kwargs)

    def close(self) -> None:
        self._conn.close()


async def connect(url: str | Path, *, migrate_schema: bool = True) -> PgStore:
    """Open the PostgreSQL store `url` names (postgresql://user:pass@host:port/db)."""
    return await PgStore.open(str(url), migrate_schema=migrate_schema)


def connect_sync(url: str | Path, *, migrate_schema: bool = True) -> PgSyncStore:
    conn = _connect(str(url))
    try:
        if migrate_schema:
            schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
    return PgSyncStore(conn, str(url))


def compact(url: str | Path) -> bool:
    """VACUUM FULL of every table after an erasure (storage.postgres.erasure.compact); False
    when the server lacks a superuser's rights for the statistics catalog and CHECKPOINT."""
    from storage.postgres import erasure

    try:
        return erasure.compact(str(url))
    except psycopg.Error as exc:
        raise translate_error(exc) from exc


def _implements(store: PgStore, sync: PgSyncStore) -> tuple[Store, SyncStore]:
    """Never called: the type checker proves here that both classes fit the interface."""
    return store, sync

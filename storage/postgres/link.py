"""A connection that is replaced when it breaks: the store outlives a server restart.

Why (issue 16): a managed PostgreSQL restarts or fails over, a pgbouncer drops an idle
connection; with connections opened once, every later write, read and lookup failed until ritmo
was restarted. Each of the store's threads (writer, reader, lookup lane) holds one `Link`; a
statement that fails on a connection that is now `closed`/`broken` marks it lost, and the next
`get()` opens a new one.

While the server stays away, `get()` does not hammer it: a failed connect waits a pause that
doubles from FIRST_PAUSE_S up to MAX_PAUSE_S, and a caller inside the pause hears at once
StoreUnavailable("reconnecting") (the same sentence to the user as a full disk: try later). The
outage is logged once when it starts and once when the server is back, whatever the number of
failed statements and connects in between, and counted (`Outage.outages`, `.reconnects`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

from storage.errors import StoreUnavailable

log = logging.getLogger(__name__)

FIRST_PAUSE_S = 0.05
MAX_PAUSE_S = 5.0


def is_broken(conn: psycopg.Connection[Any] | None) -> bool:
    """The connection can't run another statement (closed, or lost: `broken` implies `closed`).
    An error on a connection still open (a constraint, a lock timeout) is the statement's own."""
    return conn is None or conn.closed


class Outage:
    """Whether a store's server is away, shared by its links: logged once per outage.

    Each link learns of a loss only when it next runs a statement, so the writer may be back
    before the lookup lane even notices: a loss within SAME_OUTAGE_S of the last recovery is the
    same outage (no new line, not counted again).
    """

    SAME_OUTAGE_S = 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._lost: set[str] = set()
        self._since = 0.0
        self._back_at: float | None = None
        self._said_back = True
        self.outages = 0  # how many times the server went away (a metric)
        self.reconnects = 0  # connections replaced after a loss (a metric)

    @property
    def reconnecting(self) -> bool:
        """Some link lost its connection and has not got a new one yet (/healthz says it)."""
        return bool(self._lost)

    def lost(self, name: str, reason: object) -> None:
        with self._lock:
            now = self._clock()
            recent = self._back_at is not None and now - self._back_at < self.SAME_OUTAGE_S
            if not self._lost and not recent:
                self.outages += 1
                self._since = now
                self._said_back = False
                log.warning("lost the PostgreSQL server (%s); reconnecting", reason)
            self._lost.add(name)

    def back(self, name: str) -> None:
        with self._lock:
            if name not in self._lost:
                return
            self._lost.discard(name)
            self.reconnects += 1
            if not self._lost:
                self._back_at = self._clock()
                if not self._said_back:
                    self._said_back = True
                    away = self._back_at - self._since
                    log.warning("the PostgreSQL server is back (away %.1f s)", away)


class Link:
    """One thread's connection to the server, opened on first use and again after a loss.

    Only its own thread calls it (no lock): `get()` before a statement (then `unit` holds the
    repositories on that connection), `lost(exc)` when one failed and `is_broken(conn)` says the
    connection is gone.
    """

    def __init__(
        self,
        name: str,
        connect: Callable[[], psycopg.Connection[Any]],
        outage: Outage,
        unit_for: Callable[[psycopg.Connection[Any]], Any] = lambda conn: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self._connect = connect
        self._unit_for = unit_for
        self.unit: Any = None  # unit_for(conn): the repositories on the current connection
        self._outage = outage
        self._clock = clock
        self.conn: psycopg.Connection[Any] | None = None
        self._pause = 0.0
        self._next_try = 0.0

    def adopt(self, conn: psycopg.Connection[Any]) -> None:
        """Start with a connection opened elsewhere (the store opens its first two itself, so a
        server that is down at start fails `open` at once)."""
        self.conn = conn
        self.unit = self._unit_for(conn)

    def get(self) -> psycopg.Connection[Any]:
        """A connection believed to work (a lost one replaced).

        Raises:
            StoreUnavailable: ("reconnecting") the server can't be reached now.
        """
        conn = self.conn
        if conn is not None and not conn.closed:
            return conn
        if conn is not None:  # closed under us without a failed statement telling us
            self.lost(psycopg.OperationalError("the connection was closed"))
        now = self._clock()
        if now < self._next_try:
            raise StoreUnavailable("reconnecting", "waiting before the next connection attempt")
        try:
            conn = self._connect()
        except (psycopg.Error, StoreUnavailable) as exc:
            self._pause = min(MAX_PAUSE_S, max(FIRST_PAUSE_S, self._pause * 2))
            self._next_try = now + self._pause
            raise StoreUnavailable("reconnecting", str(exc.__cause__ or exc)) from exc
        self.conn = conn
        self.unit = self._unit_for(conn)
        self._pause = 0.0
        self._next_try = 0.0
        self._outage.back(self.name)
        return conn

    def lost(self, reason: object) -> None:
        """The connection broke: drop it, so the next `get()` opens another."""
        self._outage.lost(self.name, reason)
        conn, self.conn, self.unit = self.conn, None, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001, S110 - it is gone either way
                pass

    def close(self) -> None:
        conn, self.conn, self.unit = self.conn, None, None
        if conn is not None:
            conn.close()

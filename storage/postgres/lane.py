"""The store's point lookups: one thread, one connection, results back in one hop per batch.

Why not `loop.run_in_executor` (issue 16): on the log path every message makes one lookup (the
sender and the book's version), and the executor's hop cost ~120 us of CPU per lookup beside
~37 us for the same statement run inline: a concurrent future chained to an asyncio one, a
work item through the executor's queue, and one `call_soon_threadsafe` per answer, each a
write to the loop's self-pipe, a wake of the loop and one more GIL hand-off between the
threads. Here the loop appends a call to a deque (waking the thread only when it sleeps), and
the thread runs every call waiting, then hands all their answers to the loop in ONE callback.
With 64 messages in flight the loop queues several lookups while the thread runs the last
ones, so the hops are shared the way the writer shares a transaction; and the senders of the
calls waiting in one turn are read in one statement (storage.postgres.senders).

Calls run in the order they were made, each in autocommit on the lane's connection (its own
snapshot), as before; a driver error reaches the caller as the store's error. The connection is
a `Link` (storage.postgres.link): lost, it is replaced, and the call that met the loss runs once
more on the new one (a lookup changes nothing, so running it again is always safe).
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

import psycopg

from storage.errors import StoreError, StoreUnavailable
from storage.postgres import senders
from storage.postgres.link import Link, is_broken

# fn(unit, *args, **kwargs), its future, and the loop that awaits it.
_Call = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], "asyncio.Future[Any]"]
_Answer = tuple["asyncio.Future[Any]", bool, Any]


def _deliver(answers: list[_Answer]) -> None:
    """On the loop: every answer of one batch to its caller (unless it stopped waiting)."""
    for fut, ok, value in answers:
        if fut.done():
            continue  # cancelled while it waited
        if ok:
            fut.set_result(value)
        else:
            fut.set_exception(value)


class LookupLane:
    """A thread of its own that runs calls on one link's connection, opened on first use."""

    def __init__(
        self,
        link: Link,
        translate: Callable[[psycopg.Error], Exception],
        name: str,
    ) -> None:
        self._link = link
        self._translate = translate
        self._calls: deque[tuple[_Call, asyncio.AbstractEventLoop]] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._sleeping = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False

    def call(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> asyncio.Future[Any]:
        """Queue fn(unit, *args, **kwargs); the future is answered on the calling loop."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Any] = loop.create_future()
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            self._calls.append(((fn, args, kwargs, fut), loop))
            if not self._started:
                self._started = True
                self._thread.start()
            elif self._sleeping:
                self._wake.notify()
        return fut

    def close(self) -> None:
        """Run what is queued, then stop the thread and close its connection."""
        with self._lock:
            self._closed = True
            self._wake.notify()
            started = self._started
        if started:
            self._thread.join()

    def _senders(self, batch: list[tuple[_Call, asyncio.AbstractEventLoop]]) -> list[Any]:
        """Per call, its sender already read (storage.postgres.senders) or None: the senders of
        two or more waiting calls are read in one statement. If that statement fails, every
        call runs the plain way (and meets, and survives, a lost connection there)."""
        plain: list[Any] = [None] * len(batch)
        if len(batch) < 2:
            return plain
        asked = [senders.probe(fn, args, kwargs) for (fn, args, kwargs, _), _ in batch]
        if sum(a is not None for a in asked) < 2:
            return plain
        try:
            self._link.get()
            found = senders.read_together(self._link.unit.people, asked)
        except Exception:  # noqa: BLE001 - the plain way says it to each caller
            return plain
        return [
            (a, f[0]) if a is not None and f is not None else None
            for a, f in zip(asked, found, strict=True)
        ]

    def _one(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], ready: Any
    ) -> Any:
        """fn on the link's unit (its sender already read: `ready`); once more on a new
        connection if the first was lost."""
        for attempt in (1, 2):
            conn = self._link.get()
            unit = self._link.unit if ready is None else senders.Answered(self._link.unit, *ready)
            try:
                return fn(unit, *args, **kwargs)
            except psycopg.Error as exc:
                if not is_broken(conn):
                    raise
                self._link.lost(exc)
                if attempt == 2:
                    raise StoreUnavailable("reconnecting", str(exc)) from exc
        raise AssertionError("unreachable")

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    while not self._calls and not self._closed:
                        self._sleeping = True
                        self._wake.wait()
                        self._sleeping = False
                    if not self._calls:
                        return  # closed, and nothing left to run
                    batch = list(self._calls)
                    self._calls.clear()
                by_loop: dict[asyncio.AbstractEventLoop, list[_Answer]] = {}
                ready = self._senders(batch)
                for ((fn, args, kwargs, fut), loop), sender in zip(batch, ready, strict=True):
                    try:
                        answer: _Answer = (fut, True, self._one(fn, args, kwargs, sender))
                    except psycopg.Error as exc:
                        err = self._translate(exc)
                        err.__cause__ = exc
                        answer = (fut, False, err)
                    except BaseException as exc:  # noqa: BLE001 - the caller gets it, as from an executor
                        answer = (fut, False, exc)
                    by_loop.setdefault(loop, []).append(answer)
                for loop, answers in by_loop.items():
                    try:
                        loop.call_soon_threadsafe(_deliver, answers)
                    except RuntimeError:
                        pass  # that loop is closed: nobody is waiting any more
        finally:
            self._link.close()

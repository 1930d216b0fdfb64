"""The writes waiting for a store's single writer, and how they are handed out as batches.

Both backends group-commit the same way: callers queue a job and await its future; one
writer task takes a batch of waiting jobs, runs them in one transaction, and answers every
caller after COMMIT. This module is that hand-off, shared so the two stores can't drift.

Why not asyncio.Queue: it is built for many consumers and `join()` (a deque of getters, a
wake-up per put, unfinished-task counting), and on the write path that bookkeeping cost ~12 %
of the CPU per write (yappi, `python -m benchmarks.profile --path write`). One consumer needs
a deque and at most one waiting future.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MIN_BATCH = 16
MAX_BATCH = 512


@dataclass(slots=True)
class Job:
    """One queued write: `fn(unit, *args, **kwargs)` in the writer's transaction; `light`
    marks a point write the SQLite store may run on the event loop's thread."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    future: asyncio.Future[Any]
    light: bool = False


class WriteQueue:
    """Jobs in arrival order, and a `None` put by `close()` that tells the writer to stop.

    Only the event loop's thread touches it (callers and the writer task alike).
    """

    __slots__ = ("_items", "_waiter")

    def __init__(self) -> None:
        self._items: deque[Job | None] = deque()
        self._waiter: asyncio.Future[None] | None = None

    def put(self, job: Job | None) -> None:
        self._items.append(job)
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.done():
                waiter.set_result(None)

    def close(self) -> None:
        """The writer stops after the jobs queued before this."""
        self.put(None)

    def empty(self) -> bool:
        return not self._items

    async def next_batch(
        self, *, whole: bool = False, light_limit: int = MAX_BATCH
    ) -> tuple[list[Job], bool]:
        """The next batch to commit, and whether the queue was closed behind it.

        By default takes about half of what is waiting (at least MIN_BATCH, at most
        MAX_BATCH): while this batch runs on the database's thread, the event loop answers
        the previous batch's callers and queues the rest, so the two threads can overlap
        (PostgreSQL's store, whose driver waits on the server without holding the GIL).

        `whole` takes everything waiting, up to MAX_BATCH, except that a batch starting with
        a light job takes only the light jobs at the head, up to `light_limit` (a heavy job or
        the closing `None` stays queued): the SQLite store runs such a batch on the event
        loop's own thread, where halves would buy no overlap, only another COMMIT. For
        SQLite, whose statements and the loop's Python take turns at the GIL rather than
        overlap, and where one COMMIT of twice the rows writes far fewer than twice the WAL
        pages (storage/sqlite/db.py `_write_loop`).
        """
        items = self._items
        while not items:
            waiter = self._waiter = asyncio.get_running_loop().create_future()
            await waiter
        first = items.popleft()
        if first is None:
            return [], True
        batch = [first]
        if whole and first.light:
            while len(batch) < light_limit and items:
                job = items[0]
                if job is None or not job.light:
                    break
                items.popleft()
                batch.append(job)
            return batch, False
        limit = MAX_BATCH if whole else max(MIN_BATCH, min(MAX_BATCH, (len(items) + 1) // 2))
        while len(batch) < limit and items:
            job = items.popleft()
            if job is None:
                return batch, True
            batch.append(job)
        return batch, False


def answer(batch: Sequence[Job], outcomes: Sequence[tuple[bool, Any]]) -> None:
    """Tell each caller of a committed batch its result or its own write's error."""
    for job, (ok, value) in zip(batch, outcomes, strict=True):
        future = job.future
        if future.done():  # the caller gave up (cancelled); its write stands
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


def fail(batch: Sequence[Job], error: BaseException) -> None:
    """Tell every caller of a batch whose COMMIT failed: nobody's write is durable."""
    for job in batch:
        if not job.future.done():
            job.future.set_exception(error)

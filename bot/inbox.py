"""The journaled incoming path shared by the Telegram and Slack adapters.

An adapter calls `accept()` (which commits the raw event, ignoring a duplicate id) BEFORE it
acknowledges the platform; a worker then handles pending rows: parse → dispatcher → respond →
mark done. A row is marked done only after its replies went out, so a crash anywhere re-handles
it once after restart. Messages of one chat are handled in order; different chats in parallel.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from handlers.dispatch import Dispatcher
from handlers.messages import Answer, Incoming
from storage import inbox
from storage.db import Store

log = logging.getLogger(__name__)

Parse = Callable[[dict[str, Any]], Incoming | None]
Respond = Callable[[Incoming | None, dict[str, Any], Answer | None], Awaitable[None]]


class InboxWorker:
    def __init__(
        self,
        store: Store,
        dispatcher: Dispatcher,
        platform: str,
        parse: Parse,
        respond: Respond,
        now: Callable[[], datetime],
        concurrency: int = 16,
    ) -> None:
        self.store = store
        self.dispatcher = dispatcher
        self.platform = platform
        self.parse = parse
        self.respond = respond
        self.now = now
        self._wake = asyncio.Event()
        self._in_flight: set[int] = set()
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._slots = asyncio.Semaphore(concurrency)
        self._task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.handled = 0

    async def accept(self, event_id: str, payload: dict[str, Any]) -> bool:
        """Journal one event durably; True if it was new. Call before acknowledging it."""
        row = await self.store.write(
            inbox.accept,
            self.platform,
            event_id,
            json.dumps(payload, ensure_ascii=False),
            self.now(),
        )
        self._wake.set()
        return row is not None

    async def accept_many(self, events: list[tuple[str, dict[str, Any]]]) -> int:
        """Journal a batch in one transaction (a getUpdates page); returns how many were new."""
        rows = [(eid, json.dumps(p, ensure_ascii=False)) for eid, p in events]
        new = await self.store.write(inbox.accept_many, self.platform, rows, self.now())
        self._wake.set()
        return new

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"inbox-{self.platform}")

    async def stop(self) -> None:
        """Stop taking new rows, and let the ones in flight finish."""
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def drain(self) -> None:
        """Handle everything pending now (tests and shutdown use it)."""
        while True:
            items = await self.store.read(inbox.pending, self.platform, 200)
            items = [i for i in items if i.id not in self._in_flight]
            if not items and not self._tasks:
                return
            for item in items:
                self._spawn(item)
            if self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _run(self) -> None:
        while True:
            try:
                items = await self.store.read(inbox.pending, self.platform, 200)
            except Exception:
                log.exception("reading the %s inbox failed", self.platform)
                items = []
            fresh = [i for i in items if i.id not in self._in_flight]
            for item in fresh:
                self._spawn(item)
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=1.0 if not fresh else 0.05)
            except TimeoutError:
                pass

    def _spawn(self, item: inbox.InboxItem) -> None:
        self._in_flight.add(item.id)
        task = asyncio.create_task(self._handle(item))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, item: inbox.InboxItem) -> None:
        try:
            payload = json.loads(item.payload)
            incoming = self.parse(payload)
            key = incoming.chat_id if incoming else f"raw:{item.id}"
            lock = self._chat_locks.setdefault(key, asyncio.Lock())
            async with self._slots, lock:
                answer = await self.dispatcher.handle(incoming) if incoming else None
                await self.respond(incoming, payload, answer)
                await self.store.write(inbox.mark_done, item.id, self.now())
                self.handled += 1
        except Exception as exc:
            log.exception("handling %s event %s failed", self.platform, item.event_id)
            try:
                await self.store.write(
                    inbox.mark_attempt_failed, item.id, f"{type(exc).__name__}: {exc}", self.now()
                )
            except Exception:
                log.exception("could not record the failure of inbox row %s", item.id)
        finally:
            self._in_flight.discard(item.id)

"""Waking the outbox dispatcher on PostgreSQL when any process queues a message.

Each new outbox row sends `NOTIFY ritmo_outbox` (storage/postgres/outbox.py, delivered at
commit); `listen` keeps one connection LISTENing and calls `wake` for each notification, so a
reminder queued by the jobs leader goes out from the delivery leader at once instead of at its
next poll. Polling stays the fallback: a lost connection only costs the wait until the next
poll, and `listen` reconnects after a pause.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg

from storage.postgres.outbox import WAKE_CHANNEL

log = logging.getLogger(__name__)

RECONNECT_S = 5.0


async def listen(url: str, wake: Callable[[], None], stop: asyncio.Event) -> None:
    """Call `wake` on every outbox notification until `stop` is set."""
    while not stop.is_set():
        try:
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
                await conn.execute(f"LISTEN {WAKE_CHANNEL}")
                async for _ in conn.notifies():
                    wake()
                    if stop.is_set():
                        return
        except psycopg.Error as exc:
            log.warning("outbox notifications lost (%s); polling until they are back", exc)
        try:
            await asyncio.wait_for(stop.wait(), timeout=RECONNECT_S)
        except TimeoutError:
            pass

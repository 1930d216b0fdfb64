"""NOTIFY on PostgreSQL: a message queued by one process wakes another's dispatcher at once
(its poll is only the fallback); a message whose dedupe key was already queued wakes nobody."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import backends
from storage.audit import CLI
from storage.interface import Store, Tx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
async def store(pg_url: str) -> AsyncIterator[Store]:
    async with backends.open_store(pg_url) as opened:
        yield opened


def _queue(tx: Tx, key: str) -> int | None:
    person = tx.people.find_person("Ana")
    if person is None:
        person = tx.people.add_person(
            name="Ana", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
        )
    return tx.outbox.enqueue(person.id, "notice", key, {"text": key}, NOW)


async def test_a_queued_message_wakes_a_listening_process(store: Store) -> None:
    woken = asyncio.Event()
    stop = asyncio.Event()
    listener = asyncio.ensure_future(backends.listen_for_outbox(store, woken.set, stop))
    try:
        await asyncio.sleep(0.3)  # LISTEN in place before the insert
        assert await store.write(_queue, "n1") is not None
        await asyncio.wait_for(woken.wait(), timeout=5)
        woken.clear()
        assert await store.write(_queue, "n1") is None  # the same key again: nothing new
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(woken.wait(), timeout=0.5)
    finally:
        stop.set()
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)


async def test_a_store_one_process_owns_has_nothing_to_listen_to(tmp_path: Path) -> None:
    async with backends.open_store(tmp_path / "one.db") as sqlite:
        await asyncio.wait_for(
            backends.listen_for_outbox(sqlite, lambda: None, asyncio.Event()), 1
        )

"""The inbox journal is pruned: handled rows past the keep window go, in small batches; pending
rows and anything younger than the window stay.

What is left is read as `ritmo inbox` reads it (waiting and quarantined events by id, handled
ones counted), so these run on any backend; only the query-plan test is SQLite's own (it
checks SQLite uses the index) and goes through tests/sqlite_raw.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot import app as app_module
from bot import inbox as worker_inbox
from bot.config import ConfigError, Settings
from storage import backends, inbox
from storage.interface import Store, Tx
from tests.sqlite_raw import rows


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    """The worker's prune runs above storage/, on the interface."""
    async with backends.open_store(db_path) as opened:
        yield opened


def _journal(tx: Tx, event: str, at: datetime) -> int:
    tx.inbox.accept_many("telegram", [(event, {"text": event})], at)
    return next(i.id for i in tx.inbox.pending("telegram", 1000) if i.event_id == event)


def _quarantine(tx: Tx, item_id: int, at: datetime) -> None:
    for _ in range(inbox.MAX_ATTEMPTS):
        tx.inbox.mark_attempt_failed(item_id, "boom", at)


async def _events(store: Store) -> set[str]:
    """Events still journaled: waiting and quarantined ones by id, plus "done ×N" for the N
    handled ones (the journal lists a handled event by its count only)."""

    def read(tx: Tx) -> set[str]:
        kept = {i.event_id for i in tx.inbox.pending("telegram", 1000)}
        kept |= {f.event_id for f in tx.inbox.failed()}
        done = tx.inbox.count("telegram", "done")
        return kept | ({f"done ×{done}"} if done else set())

    return await store.read(read)


async def test_only_handled_rows_older_than_the_window_are_pruned(store: Store, clock) -> None:
    old, recent = clock() - timedelta(days=31), clock() - timedelta(days=29)

    async def handled(event: str, at: datetime) -> None:
        item = await store.write(_journal, event, at)
        await store.write(lambda tx: tx.inbox.mark_done(item, at))

    await handled("done-old", old)
    await handled("done-recent", recent)
    pending_old = await store.write(_journal, "pending-old", old)
    assert pending_old
    quarantined_old = await store.write(_journal, "failed-old", old)
    await store.write(_quarantine, quarantined_old, old)
    quarantined_recent = await store.write(_journal, "failed-recent", recent)
    await store.write(_quarantine, quarantined_recent, recent)

    assert await worker_inbox.prune(store, clock(), keep_days=30) == 2
    assert await _events(store) == {"done ×1", "pending-old", "failed-recent"}  # done-recent
    # A month later the recent ones are old too; the pending row still waits to be handled.
    clock.advance(days=30)
    assert await worker_inbox.prune(store, clock(), keep_days=30) == 2
    assert await _events(store) == {"pending-old"}


async def test_a_long_journal_is_pruned_in_batches_that_yield_the_writer(
    store: Store, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox, "PRUNE_BATCH", 3)
    old = clock() - timedelta(days=40)
    for n in range(10):
        item = await store.write(_journal, f"e{n}", old)
        await store.write(lambda tx, item: tx.inbox.mark_done(item, old), item)
    before = store.batches
    assert await worker_inbox.prune(store, clock(), keep_days=30) == 10
    assert store.batches - before == 4  # 3 + 3 + 3 + 1: one transaction per batch
    assert await _events(store) == set()


async def test_the_prune_finds_its_rows_through_an_index(store: Store, clock) -> None:
    plan = await rows(
        store,
        "EXPLAIN QUERY PLAN SELECT id FROM inbox WHERE state IN ('done', 'failed')"
        " AND handled_at < ? LIMIT 500",
        "2026-01-01",
    )
    assert any("inbox_handled" in row[-1] for row in plan), plan


def test_the_keep_window_is_a_setting_with_a_sensible_default(tmp_path: Path) -> None:
    assert Settings().inbox_keep_days == 30
    assert any(spec.id == "inbox.prune" for spec in app_module.JOBS)
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text("inbox_keep_days = 7\n", "utf-8")
    assert Settings.from_env({"RITMO_CONFIG": str(cfg)}).inbox_keep_days == 7
    cfg.write_text("inbox_keep_days = 0\n", "utf-8")
    with pytest.raises(ConfigError, match=r"inbox_keep_days in .* positive whole number"):
        Settings.from_env({"RITMO_CONFIG": str(cfg), "RITMO_LOCALE": "en"})

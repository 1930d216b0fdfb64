"""Daily backups: one copy a day, the newest `keep` kept, each one a working store (issue 18).
Time is the test's clock; nothing here depends on the day it runs."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import backends, daily_backups
from storage.interface import Store


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    """The store as the running bot opens it: daily backups run through the interface."""
    opened = await backends.connect(db_path)
    try:
        yield opened
    finally:
        await opened.close()


async def test_ten_days_of_ticks_leave_the_newest_seven(
    store: Store, tmp_path: Path, clock
) -> None:
    folder = tmp_path / "copies"
    (tmp_path / "copies").mkdir()
    (folder / "notes.txt").write_text("not ours")  # other files in the folder are left alone
    made = []
    for day in range(10):
        await store.write(lambda tx, day=day: tx.kv.put("day", str(day)))
        for _ in range(6):  # the scheduler ticks often; one copy a day comes of it
            copy = await daily_backups.run_daily(store, folder, 7, clock())
            if copy is not None:
                made.append(copy)
            clock.advance(hours=4)
    kept = sorted(p.name for p in folder.iterdir())
    assert len(made) == 10
    assert kept == sorted([p.name for p in made[-7:]] + ["notes.txt"])
    assert kept[0] == "notes.txt" and kept[1] == "ritmo-20261126T120000Z.db"
    with sqlite3.connect(made[-1]) as conn:  # the newest copy holds the newest data
        assert conn.execute("SELECT value FROM kv WHERE key='day'").fetchone() == ("9",)
    # privacy forget can name every copy that was written
    remembered = await store.read(lambda tx: tx.backups.remembered())
    assert {b.path.name for b in remembered} >= {p.name for p in made}


async def test_a_copy_is_due_a_day_after_the_last_one(store: Store, tmp_path: Path, clock) -> None:
    folder = tmp_path / "new" / "copies"  # created on the first copy
    assert daily_backups.due(folder, store.path, clock())
    first = await daily_backups.take(store, folder, clock())
    assert daily_backups.last(folder, store.path) == clock()
    clock.advance(hours=23, minutes=59)
    assert not daily_backups.due(folder, store.path, clock())
    clock.advance(minutes=1)
    assert daily_backups.due(folder, store.path, clock())
    assert not list(folder.glob("*.partial")) and first.is_file()


async def test_keep_one_leaves_only_the_newest(store: Store, tmp_path: Path, clock) -> None:
    for _ in range(3):
        await daily_backups.run_daily(store, tmp_path / "c", 1, clock())
        clock.advance(days=1)
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["ritmo-20261125T120000Z.db"]

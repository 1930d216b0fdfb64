"""The store: migrations, version checks, clear constraint errors, durability, group commit."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import pytest

from storage.audit import CLI
from storage.errors import ConstraintError, StoreError, StoreTooNew
from storage.sqlite import db
from storage.sqlite.db import Store
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


async def test_empty_file_is_migrated_to_the_latest_version(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.latest_version()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    expected = {
        "people",
        "teams",
        "identities",
        "link_codes",
        "accounts",
        "contacts",
        "deals",
        "stages",
        "interactions",
        "cadences",
        "enrolments",
        "outbox",
        "inbox",
        "audit_log",
        "callbacks",
        "forecast_snapshots",
        "kv",
        "away_periods",
        "consents",
    }
    assert expected <= _tables(db_path)


@pytest.mark.parametrize("start", [m.version for m in db.migrations()][:-1] or [0])
async def test_a_store_at_any_earlier_version_is_brought_up_to_date(
    db_path: Path, start: int
) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    for migration in db.migrations():
        if migration.version <= start:
            conn.executescript(
                f"BEGIN;{migration.sql};PRAGMA user_version={migration.version};COMMIT;"
            )
    conn.close()
    store = await Store.open(db_path)
    await store.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.latest_version()


async def test_a_store_newer_than_the_code_is_refused_with_a_clear_message(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version={db.latest_version() + 5}")
    with pytest.raises(StoreTooNew, match="upgrade ritmo"):
        await Store.open(db_path)


async def test_a_file_that_is_not_a_database_is_refused(db_path: Path) -> None:
    db_path.write_text("this is a spreadsheet, not a store" * 100)
    with pytest.raises(StoreError, match="not a ritmo store"):
        await Store.open(db_path)


async def test_a_failed_migration_leaves_the_file_at_its_previous_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = db.Migration(
        db.latest_version() + 1,
        "9999_broken.sql",
        "CREATE TABLE half_done (x INTEGER); INSERT INTO nowhere VALUES (1);",
    )
    shipped = db.migrations()
    monkeypatch.setattr(db, "migrations", lambda: [*shipped, broken])
    with pytest.raises(StoreError, match="9999_broken"):
        await Store.open(db_path)
    assert "half_done" not in _tables(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == broken.version - 1


async def test_reopening_keeps_committed_data(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.write(
        lambda c, **kw: SqliteTx(c).people.add_person(**kw),
        name="Ana Souza",
        role="rep",
        timezone="America/Recife",
        locale="pt-BR",
        actor=CLI,
        now=NOW,
    )
    await store.close()
    store = await Store.open(db_path)
    try:
        person = await store.read(lambda c: SqliteTx(c).people.find_person("ana souza"))
        assert person is not None and person.timezone == "America/Recife"
    finally:
        await store.close()


async def test_a_duplicate_chat_identity_is_a_clear_constraint_error(store: Store) -> None:
    def twice(conn: sqlite3.Connection) -> None:
        p = SqliteTx(conn).people.add_person(
            name="Ana", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
        )
        for _ in range(2):
            conn.execute(
                "INSERT INTO identities (person_id, platform, external_id, created_at)"
                " VALUES (?, 'telegram', '42', 'x')",
                (p.id,),
            )

    with pytest.raises(ConstraintError, match="already exists"):
        await store.write(twice)
    assert (
        await store.read(lambda c: SqliteTx(c).people.find_person("Ana")) is None
    )  # nothing half-written


async def test_a_bad_enumeration_value_is_a_clear_constraint_error(store: Store) -> None:
    with pytest.raises(ConstraintError, match="not allowed"):
        await store.write(
            lambda c: c.execute(
                "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
                " VALUES ('X', 'x', 'boss', 'UTC', 'en', 'now')"
            )
        )


async def test_concurrent_writes_share_transactions_and_each_is_durable_when_awaited(
    store: Store, db_path: Path
) -> None:
    def insert(conn: sqlite3.Connection, n: int) -> int:
        conn.execute("INSERT INTO kv (key, value) VALUES (?, ?)", (f"k{n}", str(n)))
        return n

    async def write_then_check(n: int) -> None:
        assert await store.write(insert, n) == n
        # Another connection sees it the moment the await returns: it was committed.
        with sqlite3.connect(db_path) as other:
            assert other.execute("SELECT value FROM kv WHERE key = ?", (f"k{n}",)).fetchone()

    before = store.batches
    await asyncio.gather(*(write_then_check(n) for n in range(300)))
    assert store.batches - before < 300  # group commit: fewer transactions than writes


async def test_ordinary_writes_waiting_together_are_committed_in_one_transaction(
    store: Store,
) -> None:
    # Not half of them and then the rest: each COMMIT rewrites the same part-filled pages.
    before = store.batches
    await asyncio.gather(*(store.write(_put, f"w{n}") for n in range(200)))
    assert store.batches - before == 1


async def test_none_is_stored_as_null_through_the_registered_adapter(
    store: Store, db_path: Path
) -> None:
    # The adapter spares sqlite3 a failed protocol lookup per None bound (storage/sqlite/db.py);
    # what is stored must stay SQL NULL, never a text or a zero.
    assert sqlite3.adapters.get((type(None), sqlite3.PrepareProtocol)) is not None

    def put_none(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE nulls (value)")
        conn.execute("INSERT INTO nulls (value) VALUES (?)", (None,))

    await store.write(put_none)
    with sqlite3.connect(db_path) as other:
        row = other.execute("SELECT typeof(value), value IS NULL FROM nulls").fetchone()
        assert row == ("null", 1)


async def test_one_failing_write_in_a_batch_does_not_undo_the_others(store: Store) -> None:
    def ok(conn: sqlite3.Connection, n: int) -> None:
        conn.execute("INSERT INTO kv (key, value) VALUES (?, 'v')", (f"ok{n}",))

    def bad(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO kv (key, value) VALUES ('bad', 'v')")
        raise ValueError("rejected by a rule")

    results = await asyncio.gather(
        *(store.write(ok, n) for n in range(5)),
        store.write(bad),
        *(store.write(ok, n) for n in range(5, 10)),
        return_exceptions=True,
    )
    assert isinstance(results[5], ValueError)
    assert [r for i, r in enumerate(results) if i != 5] == [None] * 10  # each applied once
    keys = await store.read(lambda c: {r[0] for r in c.execute("SELECT key FROM kv")})
    assert keys == {f"ok{n}" for n in range(10)}


async def test_writes_queued_before_close_are_committed(db_path: Path) -> None:
    store = await Store.open(db_path)
    pending = [
        asyncio.ensure_future(
            store.write(lambda c, n=n: c.execute("INSERT INTO kv VALUES (?, 'v')", (f"c{n}",)))
        )
        for n in range(20)
    ]
    await asyncio.sleep(0)
    await store.close()
    await asyncio.gather(*pending)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM kv WHERE key LIKE 'c%'").fetchone()[0] == 20


async def test_a_closed_store_refuses_writes(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    with pytest.raises(StoreError, match="closed"):
        await store.write(lambda c: None)


def test_aiosqlite_still_offers_the_one_private_hook_the_writer_relies_on() -> None:
    # storage/sqlite/db.py runs a whole batch on aiosqlite's thread through Connection._execute.
    assert hasattr(aiosqlite.Connection, "_execute")
    assert hasattr(aiosqlite.Connection, "_conn")


async def test_backup_is_a_usable_copy(store: Store, tmp_path: Path) -> None:
    await store.write(
        lambda c, **kw: SqliteTx(c).people.add_person(**kw),
        name="Bia",
        role="rep",
        timezone="UTC",
        locale="en",
        actor=CLI,
        now=NOW,
    )
    target = tmp_path / "copy.db"
    await store.backup(target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Bia",)]


def test_migration_versions_are_unique_and_contiguous() -> None:
    # The version is PRAGMA user_version: a gap or a number below one already shipped would be
    # skipped on stores that are past it. Two branches adding the same number collide here.
    versions = [m.version for m in db.migrations()]
    assert versions == list(range(1, len(versions) + 1))


async def test_the_wal_is_checkpointed_not_left_to_grow(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 300 writes of 20 kB (6 MB): with no checkpoint the WAL holds all of it, and SQLite's own
    # automatic checkpoint would let it reach ~4 MB. Checkpoints run beside the writer, and
    # however slow one is (a loaded machine), the writer waits for it after CHECKPOINT_EVERY
    # batches: the WAL stays within about two such stretches of writes (here 40 x 20 kB).
    monkeypatch.setattr(db, "CHECKPOINT_EVERY", 20)
    store = await Store.open(db_path)
    try:
        for n in range(300):
            await store.write(
                lambda c, n=n: c.execute("INSERT INTO kv VALUES (?, ?)", (f"w{n}", "x" * 20_000))
            )
        # The WAL file is a high-water mark: a checkpoint that finishes while the next stretch
        # is being written lets it reach about three stretches with frame headers (~1.5 MB
        # seen on a loaded machine). 2 MB is still half of what SQLite alone would allow.
        assert Path(f"{db_path}-wal").stat().st_size < 2_000_000
    finally:
        await store.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM kv WHERE key LIKE 'w%'").fetchone()[0] == 300


async def test_an_inline_lookup_sees_every_committed_write_at_once(store: Store) -> None:
    # The dispatcher finds who is writing with store.lookup: a code sent a moment ago must
    # already be linked when the next message arrives, and a deactivated person must be
    # refused at once, not after some cached copy expires.
    assert (
        await store.lookup(lambda c: SqliteTx(c).people.person_for_identity("telegram", "42"))
        is None
    )
    person = await store.write(
        lambda c: SqliteTx(c).people.add_person(
            name="Ana",
            role="rep",
            timezone="America/Sao_Paulo",
            locale="pt-BR",
            actor=CLI,
            now=NOW,
        )
    )
    await store.write(
        lambda c: SqliteTx(c).people.link_identity(person.id, "telegram", "42", "ana", CLI, NOW)
    )
    assert (
        await store.lookup(lambda c: SqliteTx(c).people.person_for_identity("telegram", "42"))
    ).name == "Ana"
    await store.write(
        lambda c: c.execute("UPDATE people SET active = 0 WHERE id = ?", (person.id,))
    )
    assert (
        await store.lookup(lambda c: SqliteTx(c).people.person_for_identity("telegram", "42"))
        is None
    )


async def test_an_inline_lookup_cannot_write(store: Store) -> None:
    with pytest.raises(StoreError):
        await store.lookup(lambda c: c.execute("DELETE FROM people"))


def _put(conn: sqlite3.Connection, key: str) -> int:
    conn.execute("INSERT INTO kv (key, value) VALUES (?, 'v')", (key,))
    return threading.get_ident()


async def test_light_writes_are_committed_on_the_loops_thread_before_callers_hear(
    store: Store, db_path: Path
) -> None:
    threads = await asyncio.gather(*(store.write_light(_put, f"l{n}") for n in range(10)))
    assert set(threads) == {threading.get_ident()}  # no hop to the writer thread
    with sqlite3.connect(db_path) as other:  # committed: another connection sees it all
        assert other.execute("SELECT count(*) FROM kv WHERE key LIKE 'l%'").fetchone()[0] == 10
    heavy = await store.write(_put, "h")
    assert heavy != threading.get_ident()  # an ordinary write still runs on the writer thread


async def test_light_writes_waiting_together_are_committed_in_one_transaction(
    store: Store,
) -> None:
    before = store.batches
    await asyncio.gather(*(store.write_light(_put, f"l{n}") for n in range(db.INLINE_MAX_BATCH)))
    assert store.batches - before == 1  # one COMMIT for all of them, not one per half


async def test_an_ordinary_write_queued_behind_light_ones_still_goes_to_the_writer_thread(
    store: Store,
) -> None:
    before = store.batches
    threads = await asyncio.gather(
        *(store.write_light(_put, f"l{n}") for n in range(16)), store.write(_put, "heavy")
    )
    assert set(threads[:16]) == {threading.get_ident()}
    assert threads[16] != threading.get_ident()
    assert store.batches - before == 2


async def test_a_failing_light_write_is_undone_alone(store: Store) -> None:
    def bad(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO kv (key, value) VALUES ('bad', 'v')")
        raise ValueError("rejected by a rule")

    results = await asyncio.gather(
        store.write_light(_put, "a"),
        store.write_light(bad),
        store.write_light(_put, "b"),
        return_exceptions=True,
    )
    assert isinstance(results[1], ValueError)
    keys = await store.read(lambda c: {r[0] for r in c.execute("SELECT key FROM kv")})
    assert keys == {"a", "b"}


async def test_a_light_write_never_makes_the_loop_wait_for_a_lock(
    store: Store, db_path: Path
) -> None:
    # Another process (an import from the CLI, say) holds the write lock: the light write
    # waits on the writer thread, and the event loop keeps serving everyone else meanwhile.
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beat = asyncio.create_task(ticker())
    try:
        write = asyncio.create_task(store.write_light(_put, "late"))
        await asyncio.sleep(0.3)
        assert not write.done() and ticks >= 10
        other.execute("COMMIT")
        assert await write != threading.get_ident()  # done by the writer thread, once
    finally:
        beat.cancel()
        other.close()
    assert (
        await store.read(
            lambda c: c.execute("SELECT count(*) FROM kv WHERE key = 'late'").fetchone()[0]
        )
        == 1
    )

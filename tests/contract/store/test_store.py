"""The Store itself: committed writes, a failing body undone alone, reads and lookups that see
commits, read-only reads, closing, and the synchronous store."""

from __future__ import annotations

import asyncio

import pytest

from storage import backends
from storage.audit import CLI
from storage.errors import ConstraintError, StoreError
from storage.interface import Store, Tx
from tests.contract.store.conftest import NOW, World


async def test_a_write_returns_what_its_body_returns_and_reads_see_it(store: Store) -> None:
    team = await store.write(lambda tx: tx.people.ensure_team("Sul", CLI, NOW))
    assert team.name == "Sul"
    assert await store.read(lambda tx: tx.people.get_team(team.id)) == team


async def test_a_body_with_arguments_receives_them_after_the_unit_of_work(store: Store) -> None:
    def body(tx: Tx, key: str, *, value: str) -> str | None:
        tx.kv.put(key, value)
        return tx.kv.get(key)

    assert await store.write(body, "k", value="v") == "v"
    assert await store.read(lambda tx, key: tx.kv.get(key), "k") == "v"


async def test_a_failing_body_is_undone_alone_and_its_neighbours_commit(store: Store) -> None:
    def half_then_fail(tx: Tx) -> None:
        tx.kv.put("half", "written")
        raise RuntimeError("the body changed its mind")

    results = await asyncio.gather(
        store.write(lambda tx: tx.kv.put("before", "1")),
        store.write(half_then_fail),
        store.write(lambda tx: tx.kv.put("after", "1")),
        return_exceptions=True,
    )
    assert isinstance(results[1], RuntimeError)
    values = await store.read(lambda tx: [tx.kv.get(k) for k in ("before", "half", "after")])
    assert values == ["1", None, "1"]


async def test_a_broken_rule_is_a_constraint_error_naming_no_driver(
    store: Store, world: World
) -> None:
    with pytest.raises(ConstraintError):
        await store.write(
            lambda tx: tx.accounts.create_contact(account_id=999_999, name="X", actor=CLI, now=NOW)
        )
    # The store goes on taking writes.
    assert await store.write(lambda tx: tx.kv.put("still", "ok")) is None


async def test_light_writes_and_lookups_see_the_same_store(store: Store, world: World) -> None:
    await store.write_light(lambda tx: tx.kv.put("light", "yes"))
    assert await store.lookup(lambda tx: tx.kv.get("light")) == "yes"
    assert await store.lookup(lambda tx: tx.people.get_person(world.ana.id)) == world.ana


async def test_many_concurrent_writes_all_commit(store: Store) -> None:
    await asyncio.gather(
        *(store.write(lambda tx, n=n: tx.kv.put(f"k{n}", str(n))) for n in range(200))
    )
    values = await store.read(lambda tx: [tx.kv.get(f"k{n}") for n in range(200)])
    assert values == [str(n) for n in range(200)]


async def test_a_read_cannot_write(store: Store) -> None:
    with pytest.raises(StoreError):
        await store.read(lambda tx: tx.kv.put("sneaky", "write"))
    assert await store.read(lambda tx: tx.kv.get("sneaky")) is None


async def test_the_schema_is_at_the_latest_migration(store: Store) -> None:
    assert await store.schema_version() >= 17


async def test_a_closed_store_refuses_writes(store_url: str) -> None:
    store = await backends.connect(store_url)
    await store.write(lambda tx: tx.kv.put("k", "v"))
    await store.close()
    with pytest.raises(StoreError):
        await store.write(lambda tx: tx.kv.put("k", "w"))
    reopened = await backends.connect(store_url)
    try:
        assert await reopened.read(lambda tx: tx.kv.get("k")) == "v"
    finally:
        await reopened.close()


async def test_the_sync_store_commits_and_rolls_back(store_url: str) -> None:
    sync = backends.connect_sync(store_url)
    try:
        sync.write(lambda tx: tx.kv.put("a", "1"))

        def failing(tx: Tx) -> None:
            tx.kv.put("b", "1")
            raise RuntimeError("no")

        with pytest.raises(RuntimeError):
            sync.write(failing)
        assert sync.read(lambda tx: (tx.kv.get("a"), tx.kv.get("b"))) == ("1", None)
    finally:
        sync.close()


async def test_the_backup_is_a_store_with_the_same_data(store: Store, tmp_path, backend) -> None:
    await store.write(lambda tx: tx.kv.put("kept", "yes"))
    target = tmp_path / "copy.db"
    await store.backup(target)
    async with backends.open_store(target) as copy:
        assert await copy.read(lambda tx: tx.kv.get("kept")) == "yes"


def test_a_url_names_its_backend_and_a_path_is_the_default() -> None:
    assert backends.backend_of("ritmo.db") == "sqlite"
    assert backends.backend_of("/var/lib/ritmo/ritmo.db") == "sqlite"
    assert backends.backend_of("sqlite:///ritmo.db") == "sqlite"
    with pytest.raises(backends.UnknownBackend, match="mongodb://"):
        backends.backend_of("mongodb://localhost/ritmo")

"""Leases through the interface, on every backend: one holder at a time, expiry hands over,
renewal keeps, release frees."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage.interface import Store
from tests.contract.store.conftest import NOW

TTL = timedelta(seconds=15)


async def _acquire(store: Store, holder: str, at: timedelta = timedelta(0)) -> bool:
    return await store.write(lambda tx: tx.leases.acquire("jobs", holder, NOW + at, TTL))


async def test_two_holders_racing_for_a_free_lease_get_one_winner(store: Store) -> None:
    won = await asyncio.gather(*(_acquire(store, f"p{i}") for i in range(6)))
    assert sum(won) == 1
    held = await store.read(lambda tx: tx.leases.held(NOW))
    assert [(lease.name, lease.holder) for lease in held] == [("jobs", f"p{won.index(True)}")]


async def test_a_live_lease_stays_with_its_holder_and_renewal_keeps_it(store: Store) -> None:
    assert await _acquire(store, "a")
    assert not await _acquire(store, "b", timedelta(seconds=10))
    assert await _acquire(store, "a", timedelta(seconds=10))  # renewed: now lives to 25 s
    assert not await _acquire(store, "b", timedelta(seconds=20))
    (lease,) = await store.read(lambda tx: tx.leases.held(NOW + timedelta(seconds=20)))
    assert (lease.holder, lease.acquired_at) == ("a", NOW)
    assert lease.renewed_at == NOW + timedelta(seconds=10)
    assert lease.expires_at == NOW + timedelta(seconds=25)


async def test_an_expired_lease_passes_to_the_next_process_that_asks(store: Store) -> None:
    assert await _acquire(store, "a")
    assert not await _acquire(store, "b", TTL)  # expiring this very second: still a's
    assert await _acquire(store, "b", TTL + timedelta(seconds=1))
    assert not await _acquire(store, "a", TTL + timedelta(seconds=2))  # a must step down
    (lease,) = await store.read(lambda tx: tx.leases.held(NOW + TTL))
    assert (lease.holder, lease.acquired_at) == ("b", NOW + TTL + timedelta(seconds=1))
    assert await store.read(lambda tx: tx.leases.held(NOW + TTL * 3)) == []


async def test_a_released_lease_is_free_at_once_but_only_its_holder_releases(
    store: Store,
) -> None:
    assert await _acquire(store, "a")
    await store.write(lambda tx: tx.leases.release("jobs", "b"))
    assert not await _acquire(store, "b")
    await store.write(lambda tx: tx.leases.release("jobs", "a"))
    assert await _acquire(store, "b", timedelta(seconds=1))

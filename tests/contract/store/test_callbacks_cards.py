"""The card a typed "sim" answers: the buttons of the last message with buttons, while open."""

from __future__ import annotations

from datetime import timedelta

from storage.interface import Store
from tests.contract.store.conftest import NOW, World

CARD = [("log.confirm", {"kind": "call"}), ("log.edit", {}), ("ask.cancel", {})]
WINDOW = timedelta(minutes=15)


async def _issue(store: Store, person_id: int, buttons, at=NOW) -> list[str]:
    return await store.write(lambda tx: tx.callbacks.issue_many(person_id, buttons, at))


async def _card(store: Store, person_id: int, at=NOW) -> list[tuple[str, dict]]:
    found = await store.read(lambda tx: tx.callbacks.latest_card(person_id, at - WINDOW, at))
    return sorted((c.action, c.args) for c in found)


async def test_the_last_card_is_every_button_issued_with_it(store: Store, world: World) -> None:
    await _issue(store, world.ana.id, [("step.done", {"id": 1})], NOW - timedelta(minutes=2))
    await _issue(store, world.ana.id, CARD)
    await _issue(store, world.bia.id, [("other.card", {})], NOW + timedelta(seconds=1))

    assert await _card(store, world.ana.id) == sorted(CARD)
    assert await _card(store, world.otto.id) == []  # nothing issued to him


async def test_a_card_with_a_pressed_button_is_closed(store: Store, world: World) -> None:
    tokens = await _issue(store, world.ana.id, CARD)
    assert await store.write(lambda tx: tx.callbacks.mark_used(tokens[2], NOW))

    assert await _card(store, world.ana.id) == []


async def test_an_older_card_or_one_out_of_the_window_is_not_answered(
    store: Store, world: World
) -> None:
    await _issue(store, world.ana.id, CARD, NOW - timedelta(minutes=20))
    assert await _card(store, world.ana.id) == []  # issued before the window
    await _issue(store, world.ana.id, [("step.done", {"id": 1})], NOW - timedelta(minutes=1))
    assert await _card(store, world.ana.id) == [("step.done", {"id": 1})]  # the newest only


async def test_an_expired_card_is_closed(store: Store, world: World) -> None:
    await store.write(
        lambda tx: tx.callbacks.issue_many(world.ana.id, CARD, NOW, timedelta(minutes=5))
    )
    later = NOW + timedelta(minutes=5)
    assert await _card(store, world.ana.id, later) == []

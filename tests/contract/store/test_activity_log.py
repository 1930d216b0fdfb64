"""A rep's log at an account (Interactions.log_at_account, the chat's log write): on their only
open deal there, with what is next at the account, stored once per platform message."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage.audit import CLI, Actor
from storage.interactions import Logged, NextItem
from storage.interface import Store, Tx
from tests.contract.store.conftest import NOW, World

CADENCE = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory"},
    "kind": "exploratory",
    "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
}


def _log(
    tx: Tx, person: int, account: int, message: str, *, with_next: bool = True
) -> tuple[Logged, list[NextItem]]:
    return tx.interactions.log_at_account(
        person_id=person, account_id=account, kind="visit", occurred_at=NOW,
        actor=Actor.person(person), now=NOW, body=f"visitei ({message})", contact_id=None,
        attachment="telegram:photo:AgAC", source_platform="telegram", source_message_id=message,
        with_next=with_next,
    )  # fmt: skip


def _deal(tx: Tx, world: World, owner: int, title: str) -> int:
    return tx.deals.create_deal(
        account_id=world.acme, owner_id=owner, title=title, stage_key="proposal",
        amount=1.0, actor=CLI, now=NOW,
    ).id  # fmt: skip


async def test_a_log_lands_on_the_reps_only_open_deal_and_brings_whats_next(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> int:
        tx.cadences.install([CADENCE], "builtin", CLI, NOW)
        _deal(tx, world, world.bia.id, "Bia's own")  # another rep's deal: not Ana's to count
        return tx.enrolments.create(
            actor=CLI, cadence_key="exploratory", account_id=world.acme, owner_id=world.ana.id,
            due_at=NOW + timedelta(days=1), now=NOW,
        ).id  # fmt: skip

    step = await store.write(setup)
    logged, ahead = await store.write(_log, world.ana.id, world.acme, "m1")
    assert logged.created and logged.interaction.deal_id == world.deal
    stored = await store.read(lambda tx: tx.interactions.get_interaction(logged.interaction.id))
    assert stored == logged.interaction
    assert await store.read(lambda tx: tx.interactions.attachment(logged.interaction.id)) == (
        "telegram:photo:AgAC"
    )
    read = await store.read(lambda tx: tx.interactions.next_for_account(world.ana.id, world.acme))
    assert ahead == read and [(n.source, n.id, n.channel) for n in ahead] == [
        ("step", step, "call"),
    ]  # fmt: skip
    (row,) = await store.read(lambda tx: tx.audit.entries("interaction"))
    assert (row.entity_id, row.action, row.actor_person_id) == (
        str(logged.interaction.id), "create", world.ana.id,
    )  # fmt: skip
    assert row.after == {
        "person_id": world.ana.id, "account_id": world.acme, "deal_id": world.deal,
        "kind": "visit", "occurred_at": stored.occurred_at, "source": "m1",
    }  # fmt: skip

    again, more = await store.write(_log, world.ana.id, world.acme, "m1")  # redelivered
    assert not again.created and again.interaction == logged.interaction and more == []
    assert len(await store.read(lambda tx: tx.audit.entries("interaction"))) == 1


async def test_a_log_with_no_or_several_open_deals_lands_on_none(
    store: Store, world: World
) -> None:
    none, ahead = await store.write(_log, world.ana.id, world.padaria, "p1")
    assert none.created and none.interaction.deal_id is None and ahead == []
    await store.write(_deal, world, world.ana.id, "second")
    several, _ = await store.write(_log, world.ana.id, world.acme, "a1", with_next=False)
    assert several.created and several.interaction.deal_id is None
    (row, _) = await store.read(lambda tx: tx.audit.entries("interaction"))
    assert row.after is not None and row.after["deal_id"] is None and row.after["source"] == "a1"


async def test_a_log_without_next_reads_none_of_it(store: Store, world: World) -> None:
    def follow(tx: Tx) -> None:
        tx.interactions.add_follow_up(
            person_id=world.ana.id, kind="call", due=NOW.date(), actor=CLI, now=NOW,
            account_id=world.acme,
        )  # fmt: skip

    await store.write(follow)
    logged, ahead = await store.write(_log, world.ana.id, world.acme, "n1", with_next=False)
    assert logged.created and ahead == []
    _, ahead = await store.write(_log, world.ana.id, world.acme, "n2")
    assert [n.source for n in ahead] == ["follow_up"]


async def test_logs_queued_together_each_get_the_answer_they_get_alone(
    store: Store, world: World
) -> None:
    """Many logs waiting for the writer at once (PostgreSQL stores a run of them in one
    statement, storage/postgres/log_batch.py): each caller still gets its own interaction, its
    own deal and its own next items, a redelivery among them is stored once, and the rows and
    audit entries go in the order the logs were made."""

    def setup(tx: Tx) -> None:
        tx.cadences.install([CADENCE], "builtin", CLI, NOW)
        tx.enrolments.create(
            actor=CLI, cadence_key="exploratory", account_id=world.acme, owner_id=world.ana.id,
            due_at=NOW + timedelta(days=1), now=NOW,
        )  # fmt: skip
        tx.interactions.add_follow_up(
            person_id=world.ana.id, kind="email", due=NOW.date(), actor=CLI, now=NOW,
            account_id=world.padaria,
        )  # fmt: skip

    await store.write(setup)
    who = [
        (world.ana.id, world.acme), (world.ana.id, world.padaria), (world.bia.id, world.acme),
    ] * 4  # fmt: skip
    calls = [(person, account, f"q{n}", True) for n, (person, account) in enumerate(who)]
    calls.insert(5, (world.ana.id, world.acme, "q0", True))  # a redelivery of the first
    calls.append((world.ana.id, world.acme, "q-last", False))
    answers = await asyncio.gather(
        *(store.write(_log, p, a, m, with_next=w) for p, a, m, w in calls)
    )

    first = answers[0][0].interaction
    again, more = answers[5]
    assert not again.created and again.interaction == first and more == []
    fresh = answers[:5] + answers[6:]
    assert all(logged.created for logged, _ in fresh)
    ids = [logged.interaction.id for logged, _ in fresh]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    made = calls[:5] + calls[6:]
    stored_all = await store.read(lambda tx: [tx.interactions.get_interaction(i) for i in ids])
    alone_all = await store.read(
        lambda tx: [tx.interactions.next_for_account(p, a) for p, a, _, _ in made]
    )
    for (person, account, message, with_next), (logged, ahead), stored, alone in zip(
        made, fresh, stored_all, alone_all, strict=True
    ):
        assert stored == logged.interaction and stored is not None
        assert (stored.person_id, stored.account_id, stored.source_message_id) == (
            person, account, message,
        )  # fmt: skip
        mine = person == world.ana.id and account == world.acme
        assert stored.deal_id == (world.deal if mine else None)
        assert ahead == (alone if with_next else [])
        assert [n.source for n in ahead] == (
            [] if not with_next or person == world.bia.id
            else ["step"] if account == world.acme else ["follow_up"]
        )  # fmt: skip
    audit = await store.read(lambda tx: tx.audit.entries("interaction", limit=100))
    assert sorted(int(e.entity_id or 0) for e in audit) == ids
    by_id = {int(e.entity_id or 0): e.after for e in audit}
    assert [by_id[i]["source"] for i in ids] == [m for _, _, m, _ in made]  # type: ignore[index]

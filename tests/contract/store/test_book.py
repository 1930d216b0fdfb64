"""Accounts, contacts, deals, stages, results, name search and a rep's book — through the
interface."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.audit import CLI
from storage.interface import Store, Tx
from storage.people import Person
from storage.stages import Stage
from storage.text import name_key
from tests.contract.store.conftest import NOW, World


async def test_accounts_and_contacts_are_kept_and_scoped_to_a_book(
    store: Store, world: World
) -> None:
    acme = await store.read(lambda tx: tx.accounts.get_account(world.acme))
    assert acme is not None and acme.name == "Acme Ltda" and acme.owner_id == world.ana.id
    mine = await store.read(lambda tx: tx.accounts.list_accounts([world.ana.id]))
    assert [a.name for a in mine] == ["Acme Ltda", "Padaria Silva"]
    assert len(await store.read(lambda tx: tx.accounts.list_accounts())) == 3
    contacts = await store.read(lambda tx: tx.accounts.contacts_of(world.acme))
    assert [c.name for c in contacts] == ["João Dias"]
    contact = await store.read(lambda tx: tx.accounts.get_contact(world.contact))
    assert contact is not None and contact.email == "joao@acme.test"
    assert (
        await store.read(lambda tx: tx.accounts.visible_account(world.nortex, [world.ana.id]))
        is None
    )
    assert await store.read(lambda tx: tx.accounts.owner_name(world.acme, None)) == "Ana Souza"


async def test_a_name_taken_is_reported_as_mine_or_another_book(
    store: Store, world: World
) -> None:
    assert await store.read(lambda tx: tx.accounts.same_name("ACME LTDA", [world.ana.id])) == (
        "mine",
        "Acme Ltda",
    )
    assert await store.read(lambda tx: tx.accounts.same_name("nortex", [world.ana.id])) == (
        "other",
        "Nortex",
    )
    assert await store.read(lambda tx: tx.accounts.same_name("Brand New", None)) is None


async def test_name_search_finds_exact_words_prefixes_and_contacts(
    store: Store, world: World
) -> None:
    exact = await store.read(lambda tx: tx.search.exact_accounts(name_key("padaria silva"), None))
    assert [r.id for r in exact] == [world.padaria]
    assert await store.read(lambda tx: tx.search.name_taken(name_key("Nortex")))
    fuzzy = await store.read(
        lambda tx: tx.search.account_candidates(name_key("padaria"), [world.ana.id])
    )
    assert world.padaria in [r.id for r in fuzzy]
    people = await store.read(lambda tx: tx.search.contact_candidates(name_key("joao"), None))
    assert [(r.name, r.account_id) for r in people] == [("João Dias", world.acme)]
    hidden = await store.read(
        lambda tx: tx.search.account_candidates(name_key("nortex"), [world.ana.id])
    )
    assert hidden == []


async def test_a_books_names_and_their_version(store: Store, world: World) -> None:
    before = await store.read(lambda tx: tx.books.names_version())
    names = await store.read(lambda tx: tx.books.names([world.ana.id]))
    assert {(n.account_name, n.contact_name, n.deal_title) for n in names} == {
        ("Acme Ltda", None, None),
        ("Padaria Silva", None, None),
        ("Acme Ltda", "João Dias", None),
        ("Acme Ltda", None, "Acme renewal"),
    }
    await store.write(
        lambda tx: tx.accounts.create_account(
            name="Nova", owner_id=world.ana.id, actor=CLI, now=NOW
        )
    )
    assert await store.read(lambda tx: tx.books.names_version()) > before


async def test_a_deals_title_is_a_name_in_its_owners_book_only(store: Store, world: World) -> None:
    """A deal's title leads to its account ("as câmaras frias"): its owner's book and the
    manager's hold it, another rep's does not, and renaming the deal moves the version."""
    titles = await store.read(lambda tx: tx.books.names([world.manager.id, world.ana.id]))
    assert [(n.account_name, n.deal_id) for n in titles if n.deal_title] == [
        ("Acme Ltda", world.deal)
    ]
    others = await store.read(lambda tx: tx.books.names([world.bia.id]))
    assert not [n for n in others if n.deal_title]
    before = await store.read(lambda tx: tx.books.names_version())
    await store.write(
        lambda tx: tx.deals.update_deal(world.deal, actor=CLI, now=NOW, title="Acme expansion")
    )
    assert await store.read(lambda tx: tx.books.names_version()) > before
    renamed = await store.read(lambda tx: tx.books.names([world.ana.id]))
    assert [n.deal_title for n in renamed if n.deal_title] == ["Acme expansion"]


async def test_learned_aliases_point_a_phrase_at_an_account(store: Store, world: World) -> None:
    assert await store.write(
        lambda tx: tx.aliases.remember(world.ana.id, "a padaria", world.padaria, NOW)
    )
    assert (
        await store.read(lambda tx: tx.aliases.account_for(world.ana.id, "a padaria"))
        == world.padaria
    )
    assert await store.read(lambda tx: tx.aliases.account_for(world.bia.id, "a padaria")) is None


async def test_stages_install_in_order_and_update_by_key(store: Store, world: World) -> None:
    stages = await store.read(lambda tx: tx.stages.list_stages())
    assert [s.key for s in stages][:2] == ["prospecting", "qualification"]
    renamed = Stage("proposal", 3, "Proposta enviada", "Proposal sent", 0.5, 14)
    assert await store.write(lambda tx: tx.stages.install_stages([renamed], CLI)) == 1
    assert await store.write(lambda tx: tx.stages.install_stages([renamed], CLI)) == 0
    after = await store.read(lambda tx: tx.stages.list_stages())
    assert next(s for s in after if s.key == "proposal").label("en") == "Proposal sent"


async def test_deals_change_and_every_change_is_audited(store: Store, world: World) -> None:
    deal = await store.read(lambda tx: tx.deals.get_deal(world.deal))
    assert deal is not None and deal.stage_key == "proposal" and deal.amount == 10_000.0
    moved = await store.write(
        lambda tx: tx.deals.update_deal(
            world.deal, actor=CLI, now=NOW, reason="call went well", stage_key="negotiation"
        )
    )
    assert moved.stage_key == "negotiation"
    audit = await store.read(lambda tx: tx.audit.entries("deal", world.deal))
    assert audit[0].reason == "call went well"
    assert audit[0].after["stage_key"] == "negotiation"
    assert [d.id for d in await store.read(lambda tx: tx.deals.deals_of_account(world.acme))] == [
        world.deal
    ]
    assert (
        await store.read(lambda tx: tx.deals.latest_open_deal(world.acme, world.ana.id)) == moved
    )
    assert (
        await store.read(lambda tx: tx.deals.only_open_deal(world.acme, world.ana.id))
        == world.deal
    )
    assert await store.read(lambda tx: tx.deals.is_open_in_book(world.deal, [world.ana.id]))
    assert not await store.read(lambda tx: tx.deals.is_open_in_book(world.deal, [world.otto.id]))


async def test_pipeline_forecast_and_deal_lists(store: Store, world: World) -> None:
    book = [world.ana.id]
    stages = await store.read(lambda tx: tx.deals.pipeline_by_stage(book))
    proposal = next(s for s in stages if s.key == "proposal")
    assert (proposal.count, proposal.amount, proposal.weighted) == (1, 10_000.0, 5_000.0)
    assert len(stages) == 5  # every stage, empty ones too
    owners = await store.read(lambda tx: tx.deals.pipeline_by_owner(None))
    assert [(o.owner_id, o.count) for o in owners if o.count] == [(world.ana.id, 1)]
    assert await store.read(lambda tx: tx.deals.main_currency(book)) == "BRL"
    day = NOW.date()
    forecast = await store.read(lambda tx: tx.deals.forecast_by_owner(book, day, day))
    assert len(forecast) == 1
    rows = await store.read(lambda tx: tx.deals.deal_rows(book, account_id=world.acme))
    assert [(r.title, r.account_name, r.owner_name) for r in rows] == [
        ("Acme renewal", "Acme Ltda", "Ana Souza")
    ]
    assert await store.read(
        lambda tx: tx.deals.count_deals(book, close_from=day, close_to=day)
    ) == (
        1,
        10_000.0,
    )
    assert await store.read(lambda tx: tx.deals.count_deals([world.otto.id])) == (0, 0.0)


async def test_won_deals_show_in_results(store: Store, world: World) -> None:
    await store.write(
        lambda tx: tx.deals.update_deal(world.deal, actor=CLI, now=NOW, status="won")
    )
    day = NOW.date()
    closed = await store.read(lambda tx: tx.results.closed_deals(None, "won", day, day))
    assert [(c.title, c.amount, c.closed_on) for c in closed] == [
        ("Acme renewal", 10_000.0, day.isoformat())
    ]
    assert await store.read(lambda tx: tx.results.won_total([world.ana.id], day, day)) == (
        10_000.0,
        1,
    )
    later = day + timedelta(days=1)
    assert await store.read(lambda tx: tx.results.won_total(None, later, later)) == (0.0, 0)
    members = await store.read(lambda tx: tx.results.team_member_ids(world.team_id))
    assert set(members) == {world.manager.id, world.ana.id, world.bia.id}


@pytest.mark.parametrize("status", ["lost"])
async def test_a_lost_deal_keeps_its_reason(store: Store, world: World, status: str) -> None:
    await store.write(
        lambda tx: tx.deals.update_deal(
            world.deal, actor=CLI, now=NOW, status=status, lost_reason="price"
        )
    )
    day = NOW.date()
    closed = await store.read(lambda tx: tx.results.closed_deals([world.ana.id], status, day, day))
    assert [c.lost_reason for c in closed] == ["price"]


async def test_the_sender_comes_with_the_books_version_in_one_lookup(
    store: Store, world: World
) -> None:
    await store.write(
        lambda tx: tx.people.link_identity(world.ana.id, "telegram", "7", "7", CLI, NOW)
    )

    def sender(tx: Tx) -> tuple[Person, int] | None:
        return tx.people.person_and_names_version("telegram", "7")

    before = await store.read(lambda tx: tx.books.names_version())
    assert await store.lookup(sender) == (world.ana, before)
    await store.write(
        lambda tx: tx.accounts.create_account(
            name="Nova", owner_id=world.ana.id, actor=CLI, now=NOW
        )
    )
    after = await store.read(lambda tx: tx.books.names_version())
    assert after > before
    assert await store.lookup(sender) == (world.ana, after)  # a new name: the book is stale
    assert (
        await store.lookup(lambda tx: tx.people.person_and_names_version("telegram", "8")) is None
    )


async def test_a_senders_change_is_read_on_their_next_message(store: Store, world: World) -> None:
    await store.write(
        lambda tx: tx.people.link_identity(world.ana.id, "telegram", "7", "7", CLI, NOW)
    )

    def sender(tx: Tx) -> tuple[Person, int] | None:
        return tx.people.person_and_names_version("telegram", "7")

    first = await store.lookup(sender)
    assert first is not None and first[0].work_start != "07:00"
    await store.write(
        lambda tx: tx.people.set_schedule(
            world.ana.id,
            work_start="07:00",
            work_end="15:00",
            work_days="12345",
            actor=CLI,
            now=NOW,
        )
    )
    then = await store.lookup(sender)
    assert then is not None and (then[0].work_start, then[0].work_end) == ("07:00", "15:00")

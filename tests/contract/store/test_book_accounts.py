"""Accounts, contacts, a book's names, name search, learned aliases, opt-outs and alert marks in
depth — the order lists come in, who sees an account (its owner, a rep with a deal there,
nobody's account), NULL owners, and what "already exists" does — through the interface."""

from __future__ import annotations

import pytest

from storage.aliases import MAX_PHRASE
from storage.audit import CLI
from storage.errors import ConstraintError
from storage.interface import Store, Tx
from storage.text import name_key
from tests.contract.store.conftest import NOW, World


def _account(tx: Tx, name: str, owner_id: int | None) -> int:
    return tx.accounts.create_account(name=name, owner_id=owner_id, actor=CLI, now=NOW).id


def _otto_deal_at_acme(tx: Tx, world: World) -> int:
    return tx.deals.create_deal(
        account_id=world.acme, owner_id=world.otto.id, title="Acme north", stage_key="proposal",
        amount=1.0, actor=CLI, now=NOW,
    ).id  # fmt: skip


async def test_accounts_are_listed_by_name_as_bytes_compare(store: Store, world: World) -> None:
    await store.write(lambda tx: [_account(tx, n, world.ana.id) for n in ("acme beta", "Ágil")])
    names = await store.read(lambda tx: [a.name for a in tx.accounts.list_accounts()])
    assert names == ["Acme Ltda", "Nortex", "Padaria Silva", "acme beta", "Ágil"]


async def test_an_account_is_in_the_book_of_its_owner_and_of_a_rep_with_a_deal_there(
    store: Store, world: World
) -> None:
    await store.write(_otto_deal_at_acme, world)
    otto = await store.read(lambda tx: [a.id for a in tx.accounts.list_accounts([world.otto.id])])
    assert otto == [world.acme, world.nortex]
    seen = await store.read(lambda tx: tx.accounts.visible_account(world.acme, [world.otto.id]))
    assert seen is not None and seen.owner_id == world.ana.id
    # Otto learns nothing of who owns it; Ana's book (and everyone's) names her.
    assert await store.read(lambda tx: tx.accounts.owner_name(world.acme, [world.otto.id])) is None
    assert await store.read(lambda tx: tx.accounts.owner_name(world.acme, [world.ana.id])) == (
        "Ana Souza"
    )
    assert await store.read(lambda tx: tx.accounts.visible_account(999_999, None)) is None


async def test_an_account_of_nobody_is_only_in_everyones_book(store: Store, world: World) -> None:
    orphan = await store.write(lambda tx: tx.accounts.create_account(
        name="Sem Dono", owner_id=None, actor=CLI, now=NOW, segment="varejo", state="SP",
        website="semdono.test", latitude=-23.5, longitude=-46.6,
    ))  # fmt: skip
    assert (orphan.owner_id, orphan.segment, orphan.city, orphan.latitude) == (
        None, "varejo", None, -23.5,
    )  # fmt: skip
    assert await store.read(lambda tx: tx.accounts.get_account(orphan.id)) == orphan
    assert await store.read(lambda tx: tx.accounts.visible_account(orphan.id, None)) == orphan
    assert (
        await store.read(lambda tx: tx.accounts.visible_account(orphan.id, [world.ana.id])) is None
    )
    assert await store.read(lambda tx: tx.accounts.owner_name(orphan.id, None)) is None
    assert await store.read(lambda tx: tx.accounts.same_name("sem dono", [world.ana.id])) == (
        "other", "Sem Dono",
    )  # fmt: skip
    assert await store.read(lambda tx: tx.accounts.same_name("SEM DONO", None)) == (
        "mine", "Sem Dono",
    )  # fmt: skip
    assert await store.read(lambda tx: tx.books.others_at(orphan.id, [world.ana.id])) is False


async def test_an_account_that_breaks_a_rule_is_refused(store: Store, world: World) -> None:
    with pytest.raises(ConstraintError):
        await store.write(lambda tx: tx.accounts.create_account(
            name="Longe", owner_id=world.ana.id, actor=CLI, now=NOW, latitude=123.0
        ))  # fmt: skip
    with pytest.raises(ConstraintError):
        await store.write(lambda tx: _account(tx, "   ", world.ana.id))
    assert len(await store.read(lambda tx: tx.accounts.list_accounts())) == 3


async def test_contacts_are_listed_in_the_order_they_came_and_may_have_no_account(
    store: Store, world: World
) -> None:
    def add(tx: Tx, name: str, account_id: int | None) -> int:
        return tx.accounts.create_contact(
            account_id=account_id, name=f" {name} ", actor=CLI, now=NOW, phone="+55 11 9999",
            role="compras",
        ).id  # fmt: skip

    zeca = await store.write(add, "Zeca", world.acme)
    abel = await store.write(add, "Abel", world.acme)
    loose = await store.write(add, "Solto", None)
    contacts = await store.read(lambda tx: tx.accounts.contacts_of(world.acme))
    assert [c.id for c in contacts] == [world.contact, zeca, abel]
    got = await store.read(lambda tx: tx.accounts.get_contact(loose))
    assert got is not None and (got.account_id, got.name, got.email, got.phone, got.role) == (
        None, "Solto", None, "+55 11 9999", "compras",
    )  # fmt: skip
    assert await store.read(lambda tx: tx.accounts.get_contact(999_999)) is None
    assert await store.read(lambda tx: tx.accounts.contacts_of(world.nortex)) == []
    audit = await store.read(lambda tx: tx.audit.entries("contact", loose))
    assert [(e.action, e.after["name"]) for e in audit] == [("create", "Solto")]


async def test_work_by_someone_outside_the_book_is_known_and_everyones_book_has_no_outside(
    store: Store, world: World
) -> None:
    assert await store.read(lambda tx: tx.books.others_at(world.acme, [world.ana.id])) is False
    # Ana owns Acme: for Otto someone else works it before he has anything there.
    assert await store.read(lambda tx: tx.books.others_at(world.acme, [world.otto.id])) is True
    await store.write(_otto_deal_at_acme, world)
    assert await store.read(lambda tx: tx.books.others_at(world.acme, [world.ana.id])) is True
    manager = sorted([world.manager.id, world.ana.id, world.bia.id, world.otto.id])
    assert await store.read(lambda tx: tx.books.others_at(world.acme, manager)) is False
    assert await store.read(lambda tx: tx.books.others_at(world.acme, None)) is False


async def test_a_books_names_follow_its_accounts_and_an_empty_book_has_none(
    store: Store, world: World
) -> None:
    north = await store.write(_otto_deal_at_acme, world)
    names = await store.read(lambda tx: tx.books.names([world.otto.id]))
    assert sorted((n.account_id, n.contact_id or 0, n.deal_id or 0) for n in names) == sorted(
        [(world.acme, 0, 0), (world.nortex, 0, 0), (world.acme, world.contact, 0)]
        + [(world.acme, 0, north)]  # his own deal's title there, not Ana's "Acme renewal"
    )
    assert await store.read(lambda tx: tx.books.names([])) == []
    everyone = await store.read(lambda tx: tx.books.names(None))
    assert len(everyone) == 6  # three accounts, a contact and both deals' titles
    before = await store.read(lambda tx: tx.books.names_version())
    await store.write(lambda tx: tx.accounts.create_contact(
        account_id=world.nortex, name="Nilo", actor=CLI, now=NOW
    ))  # fmt: skip
    assert await store.read(lambda tx: tx.books.names_version()) > before


async def test_name_search_narrows_by_word_prefix_and_known_words_inside_the_book(
    store: Store, world: World
) -> None:
    orphan = await store.write(lambda tx: _account(tx, "Padaria Central", None))

    def ids(rows):  # noqa: ANN001, ANN202
        return sorted(r.id for r in rows)

    everyone = await store.read(lambda tx: tx.search.account_candidates(name_key("padaria"), None))
    assert ids(everyone) == sorted([world.padaria, orphan])
    ana = await store.read(
        lambda tx: tx.search.account_candidates(name_key("padaria"), [world.ana.id])
    )
    assert ids(ana) == [world.padaria]
    heads = await store.read(lambda tx: tx.search.account_candidates(name_key("pad sil"), None))
    assert ids(heads) == [world.padaria]
    # A typo in one word: the words some name really has narrow instead.
    typo = await store.read(
        lambda tx: tx.search.account_candidates(name_key("pdaria silva"), None)
    )
    assert ids(typo) == [world.padaria]
    assert await store.read(lambda tx: tx.search.account_candidates(name_key("xyzzy"), None)) == []
    exact = await store.read(
        lambda tx: tx.search.exact_accounts(name_key("Padaria Central"), None)
    )
    assert [(r.id, r.name) for r in exact] == [(orphan, "Padaria Central")]
    assert (
        await store.read(
            lambda tx: tx.search.exact_accounts(name_key("Padaria Central"), [world.ana.id])
        )
        == []
    )
    assert await store.read(lambda tx: tx.search.name_taken(name_key("padaria central")))
    assert not await store.read(lambda tx: tx.search.name_taken(name_key("padaria norte")))


async def test_contact_search_can_keep_to_one_account_and_to_the_book(
    store: Store, world: World
) -> None:
    nilo = await store.write(lambda tx: tx.accounts.create_contact(
        account_id=world.nortex, name="João Nilo", actor=CLI, now=NOW
    ).id)  # fmt: skip
    both = await store.read(lambda tx: tx.search.contact_candidates(name_key("joao"), None))
    assert sorted(r.id for r in both) == sorted([world.contact, nilo])
    at_nortex = await store.read(
        lambda tx: tx.search.contact_candidates(name_key("joao"), None, account_id=world.nortex)
    )
    assert [(r.id, r.name, r.account_id, r.account_name) for r in at_nortex] == [
        (nilo, "João Nilo", world.nortex, "Nortex")
    ]
    anas = await store.read(
        lambda tx: tx.search.contact_candidates(name_key("joao"), [world.ana.id])
    )
    assert [r.id for r in anas] == [world.contact]


async def test_an_alias_is_per_person_replaced_by_a_later_pick_and_never_a_sentence(
    store: Store, world: World
) -> None:
    def remember(tx: Tx, phrase: str, account: int) -> bool:
        return tx.aliases.remember(world.ana.id, phrase, account, NOW)

    assert await store.write(remember, "a padaria", world.padaria)
    assert await store.write(remember, "a padaria", world.acme)
    assert await store.read(lambda tx: tx.aliases.account_for(world.ana.id, "a padaria")) == (
        world.acme
    )
    assert not await store.write(remember, "", world.acme)
    assert not await store.write(remember, "x" * (MAX_PHRASE + 1), world.acme)
    assert await store.write(remember, "y" * MAX_PHRASE, world.acme)
    assert await store.read(lambda tx: tx.aliases.account_for(world.ana.id, "")) is None


async def test_an_opt_out_is_kept_once_per_channel_and_each_request_audited(
    store: Store, world: World
) -> None:
    assert await store.read(lambda tx: tx.consents.opted_out_channels(world.contact)) == set()
    for channel in ("email", "email", "whatsapp"):
        await store.write(
            lambda tx, ch=channel: tx.consents.opt_out(CLI, world.contact, ch, NOW, "asked")
        )
    assert await store.read(lambda tx: tx.consents.opted_out_channels(world.contact)) == {
        "email",
        "whatsapp",
    }
    audit = await store.read(lambda tx: tx.audit.entries("contact", world.contact))
    assert [(e.action, e.after, e.reason) for e in audit[:3]] == [
        ("opt_out", {"channel": "whatsapp"}, "asked"),
        ("opt_out", {"channel": "email"}, "asked"),
        ("opt_out", {"channel": "email"}, "asked"),
    ]
    assert await store.read(lambda tx: tx.consents.opted_out_channels(999_999)) == set()


async def test_alert_marks_keep_the_first_mark_and_take_repeats(
    store: Store, world: World
) -> None:
    await store.write(lambda tx: tx.alerts.mark(world.ana.id, ["a", "a", "b"], NOW))
    await store.write(lambda tx: tx.alerts.mark(world.bia.id, ["b", "c"], NOW))
    await store.write(lambda tx: tx.alerts.mark(world.bia.id, [], NOW))
    marked = await store.read(lambda tx: [tx.alerts.is_marked(k) for k in "abcd"])
    assert marked == [True, True, True, False]

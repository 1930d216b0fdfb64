"""`ritmo privacy forget` while the bot keeps writing: a row that names her, written after the
survey looked and before the forget swept, is found by the second look and erased too.

On both backends: on SQLite the race is an old row edited in between; on PostgreSQL it can also
be another process's row whose id was drawn before the survey and committed after it (ids are
not handed out in commit order there), which the survey's "rows past my ids" cannot catch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.commands.privacy import ERASE_ROUNDS, erase_everywhere
from handlers.transfer.redact import scrub_for
from storage import backends, stages
from storage.audit import CLI
from storage.erasure import Scrub
from storage.interface import Store, Tx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MARKER = "[removido]"
NAME, EMAIL = "Carla Mendes", "carla.mendes@padariasilva.com.br"


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    async with backends.open_store(store_url) as opened:
        yield opened


def _seed(tx: Tx) -> dict[str, Any]:
    tx.stages.install_stages(stages.DEFAULT_STAGES, CLI)
    rep = tx.people.add_person(
        name="Ana", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
    )
    account = tx.accounts.create_account(name="Padaria Silva", owner_id=rep.id, actor=CLI, now=NOW)
    carla = tx.accounts.create_contact(
        account_id=account.id, name=NAME, email=EMAIL, actor=CLI, now=NOW
    )
    tx.interactions.log_interaction(
        person_id=rep.id,
        kind="call",
        occurred_at=NOW,
        actor=CLI,
        now=NOW,
        body=f"Liguei pra {NAME}, pediu proposta",
        account_id=account.id,
        contact_id=carla.id,
    )
    tx.deals.create_deal(
        account_id=account.id,
        owner_id=rep.id,
        title="Forno novo",
        stage_key="proposal",
        amount=1000.0,
        actor=CLI,
        now=NOW,
    )
    # Another company's deals: not linked to her, swept only where the survey found her name.
    other = tx.accounts.create_account(name="Mercado Bom", owner_id=rep.id, actor=CLI, now=NOW)
    elsewhere = [
        tx.deals.create_deal(
            account_id=other.id,
            owner_id=rep.id,
            title=f"Pão de queijo {n}",
            stage_key="proposal",
            amount=500.0,
            actor=CLI,
            now=NOW,
        ).id
        for n in range(ERASE_ROUNDS + 1)
    ]
    return {"contact": carla.id, "deal": elsewhere[0], "deals": elsewhere}


async def _scrub(store: Store, contact_id: int) -> Scrub:
    (contact,) = await store.read(lambda tx: tx.privacy.find_contacts(EMAIL))
    around = await store.read(lambda tx: tx.privacy.surroundings(contact_id))
    return scrub_for(MARKER, contact, around)


class BusyStore:
    """The store as the erasing command sees it while the bot writes: after each survey, the
    bot's `write` lands before the forget does."""

    def __init__(self, store: Store, writes: list[Callable[[Tx], Any]]) -> None:
        self._store, self._writes, self.reads = store, writes, 0

    async def read(self, fn: Callable[[Tx], Any]) -> Any:
        answer = await self._store.read(fn)
        self.reads += 1
        if self._writes:
            await self._store.write(self._writes.pop(0))
        return answer

    async def write(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await self._store.write(fn, *args)


def _rename(deal_id: int, title: str) -> Callable[[Tx], Any]:
    return lambda tx: tx.deals.update_deal(deal_id, actor=CLI, now=NOW, title=title)


async def _titles(store: Store) -> list[str]:
    return [
        r["title"] for r in await store.read(lambda tx: list(tx.transfer.export_rows("deals")))
    ]


async def _forget_entries(store: Store) -> int:
    entries = await store.read(lambda tx: tx.audit.entries("contact", None, 1000))
    return sum(1 for e in entries if e.action == "forget")


async def test_a_row_naming_her_written_between_survey_and_forget_is_erased(store: Store) -> None:
    ids = await store.write(_seed)
    scrub = await _scrub(store, ids["contact"])
    busy = BusyStore(store, [_rename(ids["deal"], f"Pão de queijo 0 - indicação da {NAME}")])

    counts = await erase_everywhere(busy, ids["contact"], scrub, lambda: NOW)  # type: ignore[arg-type]

    assert counts is not None and counts.get("deals.title") == 1
    assert f"Pão de queijo 0 - indicação da {MARKER}" in await _titles(store)
    assert await _forget_entries(store) == 2  # the second sweep is audited too


async def test_a_quiet_store_is_forgotten_in_one_sweep(store: Store) -> None:
    ids = await store.write(_seed)
    scrub = await _scrub(store, ids["contact"])
    busy = BusyStore(store, [])

    counts = await erase_everywhere(busy, ids["contact"], scrub, lambda: NOW)  # type: ignore[arg-type]

    assert counts and counts.get("interactions.body") == 1
    assert await _forget_entries(store) == 1
    assert busy.reads == 2  # the survey, and the look that found nothing left


async def test_writes_that_keep_naming_her_are_swept_by_a_last_look_inside_the_write(
    store: Store,
) -> None:
    ids = await store.write(_seed)
    scrub = await _scrub(store, ids["contact"])
    # After every look, another row starts naming her (as a bot under a bulk import might).
    again = [_rename(deal, f"{NAME} {n}") for n, deal in enumerate(ids["deals"])]

    counts = await erase_everywhere(BusyStore(store, again), ids["contact"], scrub, lambda: NOW)  # type: ignore[arg-type]

    assert not any(NAME in title for title in await _titles(store))
    assert counts["deals.title"] == ERASE_ROUNDS + 1
    assert await _forget_entries(store) == ERASE_ROUNDS + 1

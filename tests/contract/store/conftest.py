"""The storage contract suite's fixtures: every test here runs once per backend.

Adding a backend is one entry in tests/pg_fixtures.URLS (how a test gets a fresh, empty store
of that kind); `backend` and `store_url`, defined there, are parametrised over its keys. The
tests talk to the store only through storage.interface (no SQL, no connection), so they state
what any backend must do.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from storage import backends
from storage.audit import CLI
from storage.interface import Store, Tx
from storage.people import Person
from storage.stages import DEFAULT_STAGES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday, 09:00 in São Paulo


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    async with backends.open_store(store_url) as opened:
        yield opened


@dataclass(frozen=True)
class World:
    """A small book: a manager and two reps in one team, a rep elsewhere, an admin, stages,
    two accounts of Ana's (one with a contact and an open deal), one of Otto's."""

    manager: Person
    ana: Person
    bia: Person
    otto: Person
    admin: Person
    team_id: int
    acme: int
    padaria: int
    nortex: int
    contact: int
    deal: int


def _build(tx: Tx) -> World:
    def person(name: str, role: str, team: str | None, locale: str = "pt-BR") -> Person:
        return tx.people.add_person(
            name=name, role=role, timezone="America/Sao_Paulo", locale=locale, actor=CLI,
            now=NOW, team=team,
        )  # fmt: skip

    tx.stages.install_stages(DEFAULT_STAGES, CLI)
    manager = person("Carla Mendes", "manager", "Sudeste")
    ana, bia = person("Ana Souza", "rep", "Sudeste"), person("Bia Lima", "rep", "Sudeste")
    otto = person("Otto Norte", "rep", "Norte", "en")
    admin = person("Rafa Ops", "admin", None)
    team = tx.people.get_team_by_name("Sudeste")
    assert team is not None
    tx.people.set_team_manager(team.id, manager.id, CLI, NOW)
    acme = tx.accounts.create_account(name="Acme Ltda", owner_id=ana.id, actor=CLI, now=NOW)
    padaria = tx.accounts.create_account(
        name="Padaria Silva", owner_id=ana.id, actor=CLI, now=NOW, city="Campinas"
    )
    nortex = tx.accounts.create_account(name="Nortex", owner_id=otto.id, actor=CLI, now=NOW)
    contact = tx.accounts.create_contact(
        account_id=acme.id, name="João Dias", actor=CLI, now=NOW, email="joao@acme.test"
    )
    deal = tx.deals.create_deal(
        account_id=acme.id, owner_id=ana.id, title="Acme renewal", stage_key="proposal",
        amount=10_000.0, actor=CLI, now=NOW, close_date=NOW.date(),
    )  # fmt: skip
    return World(
        manager, ana, bia, otto, admin, team.id, acme.id, padaria.id, nortex.id, contact.id,
        deal.id,
    )  # fmt: skip


@pytest.fixture
async def world(store: Store) -> World:
    return await store.write(_build)

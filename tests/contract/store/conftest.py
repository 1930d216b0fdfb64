"""The storage contract suite's fixtures: every test here runs once per backend.

Adding a backend is one entry in URLS (how a test gets a fresh, empty store of that kind);
`backend` is parametrised over its keys. The tests talk to the store only through
storage.interface (no SQL, no connection), so they state what any backend must do.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import backends
from storage.audit import CLI
from storage.interface import Store, Tx
from storage.people import Person
from storage.stages import DEFAULT_STAGES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday, 09:00 in São Paulo

# backend -> a fresh, empty store's URL (a file in the test's folder, or a database of its own
# on the throwaway PostgreSQL server of tests/pg_fixtures.py).
URLS: dict[str, Callable[[pytest.FixtureRequest, Path], str]] = {
    "sqlite": lambda request, folder: str(folder / "contract.db"),
    "postgresql": lambda request, folder: str(request.getfixturevalue("pg_url")),
}


@pytest.fixture(params=sorted(URLS))
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return URLS[backend](request, tmp_path)


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

"""The small book the PostgreSQL log-write tests share: Ana, her account Acme with one open
deal, and Acme in a two-step cadence, so a log has a deal to land on and a next step to show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.audit import CLI
from storage.interface import Tx
from storage.stages import DEFAULT_STAGES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CADENCE = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory", "es": "Exploratoria"},
    "kind": "exploratory",
    "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
}


def book(tx: Tx) -> tuple[int, int, int]:
    """Ana's id, Acme's id and its open deal's id."""
    tx.stages.install_stages(DEFAULT_STAGES, CLI)
    tx.cadences.install([CADENCE], "builtin", CLI, NOW)
    ana = tx.people.add_person(
        name="Ana", role="rep", timezone="UTC", locale="es", actor=CLI, now=NOW
    )
    acme = tx.accounts.create_account(name="Acme", owner_id=ana.id, actor=CLI, now=NOW)
    deal = tx.deals.create_deal(
        account_id=acme.id, owner_id=ana.id, title="Acme renewal", stage_key="proposal",
        amount=1000.0, currency="BRL", actor=CLI, now=NOW,
    )  # fmt: skip
    tx.enrolments.create(
        actor=CLI, cadence_key="exploratory", account_id=acme.id, owner_id=ana.id,
        due_at=NOW + timedelta(days=1), now=NOW,
    )  # fmt: skip
    return ana.id, acme.id, deal.id

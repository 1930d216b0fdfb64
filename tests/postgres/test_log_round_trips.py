"""A log's write on PostgreSQL is three statements: the rep's one open deal, the interaction
with its audit row, and what is next at the account (issue 16). The store's writer thread runs
every log of a batch one after the other, so each round trip there is one every queued log
waits out; five per log held PostgreSQL's logs/s near 0.3x SQLite's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg

from storage import backends
from storage.audit import CLI, Actor
from storage.interface import Tx
from storage.stages import DEFAULT_STAGES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CADENCE = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory", "es": "Exploratoria"},
    "kind": "exploratory",
    "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
}


def _book(tx: Tx) -> tuple[int, int, int]:
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


def _log(tx: Tx, ana: int, acme: int, message_id: str) -> dict[str, Any]:
    """What handlers/conversation/log.py's write does for a plain log."""
    logged = tx.interactions.log_interaction(
        person_id=ana, kind="call", occurred_at=NOW, actor=Actor.person(ana), now=NOW,
        body="falei com o João", account_id=acme,
        deal_id=tx.deals.only_open_deal(acme, ana),
        source_platform="console", source_message_id=message_id,
    )  # fmt: skip
    return {
        "logged": logged,
        "next": tx.interactions.next_for_account(ana, acme) if logged.created else [],
    }


async def test_a_log_is_three_statements_and_keeps_its_audit_row_and_next_step(
    pg_url: str, monkeypatch
) -> None:
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def counting(self: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    async with backends.open_store(pg_url) as store:
        ana, acme, deal = await store.write(_book)
        monkeypatch.setattr(psycopg.Cursor, "execute", counting)
        first = await store.write(_log, ana, acme, "m-1")
        statements = len(sent)
        again = await store.write(_log, ana, acme, "m-1")  # the same message redelivered
        monkeypatch.undo()
        audit = await store.read(lambda tx: tx.audit.entries("interaction"))

    assert statements == 3, sent
    assert first["logged"].created and first["logged"].interaction.deal_id == deal
    assert not again["logged"].created
    assert again["logged"].interaction.id == first["logged"].interaction.id
    (row,) = audit  # one audit row: the redelivery wrote none
    assert (row.entity_id, row.action, row.actor_person_id) == (
        str(first["logged"].interaction.id), "create", ana,
    )  # fmt: skip
    assert row.after == {
        "person_id": ana, "account_id": acme, "deal_id": deal, "kind": "call",
        "occurred_at": first["logged"].interaction.occurred_at, "source": "m-1",
    }  # fmt: skip
    (step,) = first["next"]
    assert (step.source, step.channel, step.step_index) == ("step", "call", 0)
    assert [step.cadence(lc) for lc in ("pt-BR", "en", "es")] == [
        "Exploratória", "Exploratory", "Exploratoria",
    ]  # fmt: skip

"""A plain log's write on PostgreSQL is one statement: the interaction on the rep's one open
deal, its audit row, and what is next at the account (issue 16). The store's writer thread runs
every log of a batch one after the other, so each round trip there is one every queued log
waits out; three per log held PostgreSQL's logs/s near 0.3x SQLite's."""

from __future__ import annotations

from typing import Any

import psycopg

from handlers.conversation import log
from storage import backends
from storage.interface import Tx
from tests.postgres.log_book import NOW, book


def _log(tx: Tx, ana: int, acme: int, message_id: str) -> dict[str, Any]:
    """The chat's log write itself (handlers/conversation/log.py), for a plain log."""
    plan = log.Plan(
        person_id=ana, account_id=acme, account_name="Acme", contact_id=None, kind="call",
        body="falei com o João", occurred_at=NOW, amount=None, currency=None,
        follow_up_kind=None, follow_up_date=None, follow_up_time=None, stage=None,
        platform="console", message_id=message_id,
    )  # fmt: skip
    return log.write(tx, plan, NOW)


async def test_a_log_is_one_statement_and_keeps_its_audit_row_and_next_step(
    pg_url: str, monkeypatch
) -> None:
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def counting(self: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(str(query))
        return execute(self, query, *args, **kwargs)

    async with backends.open_store(pg_url) as store:
        ana, acme, deal = await store.write(book)
        monkeypatch.setattr(psycopg.Cursor, "execute", counting)
        await store.write(_log, ana, acme, "m-0")  # reads the cadence's steps, once
        learnt = len(sent)
        first = await store.write(_log, ana, acme, "m-1")
        statements = len(sent) - learnt
        again = await store.write(_log, ana, acme, "m-1")  # the same message redelivered
        monkeypatch.undo()
        audit = await store.read(lambda tx: tx.audit.entries("interaction"))
        stored = await store.read(
            lambda tx: tx.interactions.get_interaction(first["interaction_id"])
        )

    assert learnt == 2 and "FROM cadences" in sent[1], sent
    assert statements == 1, sent
    assert first["created"] and not again["created"]
    assert again["interaction_id"] == first["interaction_id"] and "next" not in again
    assert stored is not None and stored.deal_id == deal  # the rep's only open deal there
    assert len(audit) == 2  # m-0's and m-1's: the redelivery wrote none
    (row,) = [e for e in audit if e.entity_id == str(first["interaction_id"])]
    assert (row.entity_id, row.action, row.actor_person_id) == (
        str(first["interaction_id"]), "create", ana,
    )  # fmt: skip
    assert row.after == {
        "person_id": ana, "account_id": acme, "deal_id": deal, "kind": "call",
        "occurred_at": stored.occurred_at, "source": "m-1",
    }  # fmt: skip
    (step,) = first["next"]
    assert (step.source, step.channel, step.step_index) == ("step", "call", 0)
    assert [step.cadence(lc) for lc in ("pt-BR", "en", "es")] == [
        "Exploratória", "Exploratory", "Exploratoria",
    ]  # fmt: skip

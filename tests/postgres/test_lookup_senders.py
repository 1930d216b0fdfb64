"""The lookup lane reads the senders of the lookups waiting in one turn in one statement
(issue 16, storage/postgres/senders.py), and every caller still gets what its lookup gets
alone: its own person (or none), the book's names version, and the real store for the rest."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from storage import backends
from storage.audit import CLI
from storage.interface import Tx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _people(tx: Tx) -> tuple[int, int]:
    ana = tx.people.add_person(
        name="Ana", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
    )
    bia = tx.people.add_person(
        name="Bia", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
    )
    tx.people.link_identity(ana.id, "telegram", "100", "100", CLI, NOW)
    tx.people.link_identity(bia.id, "telegram", "200", "200", CLI, NOW)
    tx.kv.put("greeting", "oi")
    return ana.id, bia.id


def _kv_then_sender(tx: Tx) -> Any:
    return tx.kv.get("greeting"), tx.people.person_and_names_version("telegram", "100")


def _two_senders(tx: Tx) -> Any:
    first = tx.people.person_and_names_version("telegram", "100")
    return first, tx.people.person_and_names_version("telegram", "200")


def _sender_then_kv(tx: Tx) -> Any:
    return tx.people.person_for_identity("telegram", "200"), tx.kv.get("greeting")


LOOKUPS: list[Callable[[Tx], Any]] = [
    lambda tx: tx.people.person_and_names_version("telegram", "100"),
    lambda tx: tx.people.person_for_identity("telegram", "200"),
    lambda tx: tx.people.person_and_names_version("telegram", "999"),  # nobody
    _kv_then_sender,
    _two_senders,
    _sender_then_kv,
    lambda tx: tx.people.person_and_names_version("telegram", "200"),
]


async def test_waiting_lookups_read_their_senders_in_one_statement_with_the_same_answers(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with backends.open_store(pg_url) as store:
        ana, bia = await store.write(_people)
        alone = [await store.lookup(fn) for fn in LOOKUPS]  # one a turn: the plain way

        sent: list[str] = []
        execute = psycopg.Cursor.execute

        def counting(self: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
            sent.append(str(query))
            return execute(self, query, *args, **kwargs)

        monkeypatch.setattr(psycopg.Cursor, "execute", counting)
        running, go = threading.Event(), threading.Event()

        def hold(tx: Tx) -> None:  # keeps the lane busy while the others queue behind it
            running.set()
            go.wait(10)

        held = asyncio.ensure_future(store.lookup(hold))
        assert await asyncio.to_thread(running.wait, 10)
        together = [asyncio.ensure_future(store.lookup(fn)) for fn in LOOKUPS]
        await asyncio.sleep(0)
        go.set()
        await held
        answers = await asyncio.gather(*together)
        monkeypatch.undo()

    assert answers == alone
    assert alone[0][0].id == ana and alone[1].id == bia and alone[2] is None
    assert alone[4][1][0].id == bia and alone[6][0].id == bia
    read_together = [q for q in sent if "jsonb_array_elements" in q]
    one_by_one = [q for q in sent if "FROM identities i JOIN people p" in q]
    # one statement for the five lookups that start with a sender; the two that ask something
    # else first (or a second sender) ask the store itself for it
    assert len(read_together) == 1 and len(one_by_one) == 2, sent

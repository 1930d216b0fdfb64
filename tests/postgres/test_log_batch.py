"""A batch's plain logs are stored in one round trip on PostgreSQL (issue 16,
storage/postgres/log_batch.py), and every caller still gets the answer its log gets alone: its
own interaction, what is next at the account, a redelivery stored once, a bad log failing
alone, and a body that writes more after its log seeing what came before it."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import date
from typing import Any

import psycopg
import pytest

from handlers.conversation import log
from storage import backends
from storage.audit import CLI
from storage.errors import ConstraintError
from storage.interface import Store, Tx
from tests.postgres.log_book import NOW, book


def _plan(ana: int, acme: int, message_id: str) -> log.Plan:
    return log.Plan(
        person_id=ana, account_id=acme, account_name="Acme", contact_id=None, kind="call",
        body=f"falei com o João ({message_id})", occurred_at=NOW, amount=None, currency=None,
        follow_up_kind=None, follow_up_date=None, follow_up_time=None, stage=None,
        platform="console", message_id=message_id,
    )  # fmt: skip


class Sent:
    """What the writer sent: statements one by one, and statements (or pipelines) of many
    logs, by how many logs each stored."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.one: list[str] = []
        self.many: list[int] = []
        self.in_one_statement: list[int] = []  # the runs stored by the JSON statement alone
        execute, executemany = psycopg.Cursor.execute, psycopg.Cursor.executemany

        def one(cur: psycopg.Cursor[Any], query: Any, *args: Any, **kwargs: Any) -> Any:
            if "jsonb_array_elements(" in str(query):  # a run of logs: a JSON row each
                self.many.append(len(json.loads(args[0][0])))
                self.in_one_statement.append(self.many[-1])
            else:
                self.one.append(str(query))
            return execute(cur, query, *args, **kwargs)

        def many(cur: psycopg.Cursor[Any], query: Any, params: Any, **kwargs: Any) -> Any:
            params = list(params)
            self.many.append(len(params))
            return executemany(cur, query, params, **kwargs)

        monkeypatch.setattr(psycopg.Cursor, "execute", one)
        monkeypatch.setattr(psycopg.Cursor, "executemany", many)

    def logs_one_by_one(self) -> int:
        return sum("INSERT INTO interactions" in q for q in self.one)


async def _opened(url: str) -> tuple[Store, int, int, int]:
    store = await backends.connect(url)
    ana, acme, deal = await store.write(book)
    return store, ana, acme, deal


async def test_a_batch_of_plain_logs_is_one_round_trip_and_each_caller_gets_its_own_answer(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ana, acme, deal = await _opened(pg_url)
    try:
        sent = Sent(monkeypatch)
        ids = [f"m-{n}" for n in range(40)]
        writes = [store.write(log.write, _plan(ana, acme, i), NOW) for i in ids]
        writes.insert(20, store.write(lambda tx: tx.kv.put("between", "logs")))
        writes.append(store.write(log.write, _plan(ana, acme, "m-3"), NOW))  # redelivered
        answers = await asyncio.gather(*writes)
        monkeypatch.undo()
        stored = await store.read(lambda tx: list(tx.transfer.export_rows("interactions")))
        audit = await store.read(lambda tx: tx.audit.entries("interaction", limit=1000))
    finally:
        await store.close()

    logs = answers[:20] + answers[21:-1]
    assert sent.logs_one_by_one() == 0 and sum(sent.many) == 41 and len(sent.many) <= 4
    assert [a["created"] for a in logs] == [True] * 40
    assert sorted(a["interaction_id"] for a in logs) == [a["interaction_id"] for a in logs]
    again = answers[-1]
    assert not again["created"] and again["interaction_id"] == logs[3]["interaction_id"]
    for answer in logs:
        (step,) = answer["next"]
        assert (step.source, step.channel, step.step_index) == ("step", "call", 0)
    assert len(stored) == 40 and len(audit) == 40  # a redelivery writes nothing
    assert {e.after["deal_id"] for e in audit} == {deal}  # type: ignore[index]


async def test_a_log_that_fails_in_a_batch_fails_alone(pg_url: str) -> None:
    store, ana, acme, _ = await _opened(pg_url)
    try:
        plans = [_plan(ana, acme, f"m-{n}") for n in range(10)]
        plans[4] = _plan(ana, 99_999, "m-bad")  # no such account
        results = await asyncio.gather(
            *(store.write(log.write, plan, NOW) for plan in plans), return_exceptions=True
        )
        count = await store.read(lambda tx: len(list(tx.transfer.export_rows("interactions"))))
    finally:
        await store.close()
    assert isinstance(results[4], ConstraintError)
    assert all(isinstance(r, dict) and r["created"] for n, r in enumerate(results) if n != 4)
    assert count == 9


def _log_then_plan_a_call(tx: Tx, ana: int, acme: int) -> dict[str, Any]:
    """A log whose body writes more after it (a follow-up at the same account): the logs after
    it in the batch must see that follow-up in what is next, as they would one by one."""
    out = log.write(tx, _plan(ana, acme, "m-first"), NOW)
    tx.interactions.add_follow_up(
        person_id=ana, kind="call", due=date(2026, 11, 23), actor=CLI, now=NOW, account_id=acme
    )
    return out


async def test_a_log_after_a_body_that_wrote_more_sees_what_that_body_wrote(
    pg_url: str,
) -> None:
    store, ana, acme, _ = await _opened(pg_url)
    try:
        first, *later = await asyncio.gather(
            store.write(_log_then_plan_a_call, ana, acme),
            *(store.write(log.write, _plan(ana, acme, f"m-{n}"), NOW) for n in range(5)),
        )
    finally:
        await store.close()
    assert [s.source for s in first["next"]] == ["step"]
    for answer in later:
        assert [s.source for s in answer["next"]] == ["follow_up", "step"]


def _odd(n: int) -> str:
    """A body with what a JSON or array literal must escape: quotes, backslashes, braces,
    commas, a line break, accents and an emoji."""
    return f'ligou {n}: "ok", {{sim}} \\ não\n🎉 NULL'


async def test_a_run_of_logs_at_different_accounts_gives_each_its_own_deal_and_next(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ana, acme, deal = await _opened(pg_url)
    try:
        padaria = await store.write(
            lambda tx: (
                tx.accounts.create_account(name="Padaria", owner_id=ana, actor=CLI, now=NOW).id
            )
        )
        at = [acme if n % 3 else padaria for n in range(12)]
        sent = Sent(monkeypatch)
        answers = await asyncio.gather(
            *(
                store.write(log.write, replace(_plan(ana, a, f"p-{n}"), body=_odd(n)), NOW)
                for n, a in enumerate(at)
            )
        )
        monkeypatch.undo()
        ids = [a["interaction_id"] for a in answers]
        stored = await store.read(lambda tx: [tx.interactions.get_interaction(i) for i in ids])
    finally:
        await store.close()
    assert sent.logs_one_by_one() == 0 and sum(sent.in_one_statement) == 12
    assert ids == sorted(ids)
    for n, (a, answer, row) in enumerate(zip(at, answers, stored, strict=True)):
        assert row is not None and row.source_message_id == f"p-{n}" and row.account_id == a
        assert row.body == _odd(n)
        assert row.deal_id == (deal if a == acme else None)
        assert [s.source for s in answer["next"]] == (["step"] if a == acme else [])

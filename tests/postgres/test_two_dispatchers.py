"""Two ritmo processes delivering from one PostgreSQL outbox (a leadership handover, where both
briefly believe they lead): each queues the same messages, as two job runners would, and both
deliver at once — every message reaches its person exactly once, and a process that does not
lead a platform's delivery leaves its rows to the one that does, without counting an attempt."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from cadence_jobs.dispatcher import Dispatcher
from handlers.kernel.context import Options
from storage import backends
from storage.audit import CLI
from storage.interface import Store, Tx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PEOPLE, MESSAGES = 30, 4


class PlainPresenter:
    """Only what a stored notice needs: its text, no buttons to seal."""

    def stored(self, payload: Mapping[str, Any]) -> list[Any]:
        return [payload["text"]]

    def seal(self, messages: Sequence[Any], issue: Any) -> tuple[Any, ...]:
        return tuple(messages)


@pytest.fixture
async def two(pg_url: str) -> AsyncIterator[tuple[Store, Store]]:
    async with backends.open_store(pg_url) as a, backends.open_store(pg_url) as b:
        yield a, b


def _people(tx: Tx) -> list[int]:
    ids = []
    for n in range(PEOPLE):
        person = tx.people.add_person(
            name=f"Rep {n}", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
        )
        tx.people.link_identity(person.id, "telegram", f"t{n}", f"t{n}", CLI, NOW)
        ids.append(person.id)
    return ids


def _queue(tx: Tx, people: list[int]) -> int:
    """What a job run queues: one notice per person and number, keyed so a rerun is a no-op."""
    queued = 0
    for person in people:
        for m in range(MESSAGES):
            key = f"notice:{person}:{m}"
            queued += (
                tx.outbox.enqueue(person, "notice", key, {"text": f"{person}/{m}"}, NOW)
                is not None
            )
    return queued


class Ticking:
    """A process's monotonic clock that only moves when it sleeps (or a test moves it)."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds
        await asyncio.sleep(0)


def _dispatcher(
    store: Store, holder: str, sent: list[tuple[str, str]], leads: bool = True
) -> Dispatcher:
    time = Ticking()

    async def deliver(identity: Any, replies: Sequence[Any]) -> str:
        await asyncio.sleep(0)
        sent.append((holder, replies[0]))
        return f"{holder}-{len(sent)}"

    return Dispatcher(
        store,
        {"telegram": deliver},
        Options(),
        lambda: NOW,
        presenter=PlainPresenter(),  # type: ignore[arg-type]
        sleep=time.sleep,
        monotonic=time,
        claim_as=holder,
        may_deliver=lambda platform: leads,
    )


async def test_two_deliverers_on_one_outbox_send_each_message_once(
    two: tuple[Store, Store],
) -> None:
    a, b = two
    people = await a.write(_people)
    queued = await asyncio.gather(a.write(_queue, people), b.write(_queue, people))
    assert sorted(queued) == [0, PEOPLE * MESSAGES]  # the dedupe keys: one row per message
    sent: list[tuple[str, str]] = []
    first, second = _dispatcher(a, "a", sent), _dispatcher(b, "b", sent)
    for _ in range(MESSAGES * 3):  # a round each, at once; then a second passes for both
        await asyncio.gather(first.drain_once(), second.drain_once())
        first.monotonic.t += 1.5  # type: ignore[attr-defined]
        second.monotonic.t += 1.5  # type: ignore[attr-defined]
    texts = [text for _, text in sent]
    assert len(texts) == PEOPLE * MESSAGES == len(set(texts))  # none twice, none missing
    for person in people:  # each person's messages went out in the order they were queued
        mine = [t for t in texts if t.startswith(f"{person}/")]
        assert mine == [f"{person}/{m}" for m in range(MESSAGES)]
    assert await a.read(lambda tx: tx.outbox.backlog(NOW)) == 0


async def test_a_process_that_does_not_lead_the_platform_leaves_its_rows(
    two: tuple[Store, Store],
) -> None:
    a, b = two
    people = await a.write(_people)
    await a.write(_queue, people[:1])
    sent: list[tuple[str, str]] = []
    assert await _dispatcher(b, "b", sent, leads=False).drain_once() == 0
    rows = await a.read(lambda tx: tx.outbox.due(NOW, 10))
    assert len(rows) == MESSAGES and all(r.attempts == 0 for r in rows)
    await _dispatcher(a, "a", sent).drain()
    assert [h for h, _ in sent] == ["a"] * MESSAGES

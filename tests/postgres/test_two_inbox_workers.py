"""Two ritmo processes behind a load balancer, one PostgreSQL inbox: each journals what it
receives (the platform's retries land on either), both handle at once, and every message is
answered exactly once, each chat's messages in the order they came."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from bot.inbox import InboxWorker
from handlers.kernel.messages import Answer, Incoming, Reply, Sender
from storage import backends
from storage.interface import Store
from storage.leases import PRESENCE

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CHATS, PER_CHAT = 12, 6


class Echo:
    """A handler dispatcher that answers each message with its own text, slowly enough that
    the two workers' rounds overlap."""

    async def context_for(self, incoming: Incoming) -> Any:
        return SimpleNamespace(person=None, t=lambda key: key)

    async def handle(self, incoming: Incoming) -> Answer:
        await asyncio.sleep(0.001)
        return Answer([Reply(incoming.text)])


def _parse(payload: dict[str, Any]) -> Incoming:
    sender = Sender("slack", payload["chat"])
    return Incoming(sender, payload["chat"], payload["id"], text=payload["id"])


@pytest.fixture
async def two(pg_url: str) -> AsyncIterator[tuple[Store, Store]]:
    async with backends.open_store(pg_url) as a, backends.open_store(pg_url) as b:
        yield a, b


def _worker(store: Store, holder: str, said: list[tuple[str, str, str]]) -> InboxWorker:
    async def respond(incoming: Incoming | None, payload: Any, answer: Answer | None) -> None:
        assert incoming is not None and answer is not None
        said.append((holder, incoming.chat_id, answer.replies[0].text))

    worker = InboxWorker(store, Echo(), "slack", _parse, respond, lambda: NOW)  # type: ignore[arg-type]
    worker.event_id = lambda payload: payload["id"]
    worker.claim_as = holder
    return worker


async def test_two_workers_answer_each_message_once_in_each_chats_order(
    two: tuple[Store, Store],
) -> None:
    a, b = two
    said: list[tuple[str, str, str]] = []
    first, second = _worker(a, "a", said), _worker(b, "b", said)
    for n in range(PER_CHAT):
        page = [{"id": f"c{c}-{n}", "chat": f"c{c}"} for c in range(CHATS)]
        # Half the page reaches each process, and a retry of all of it reaches the other.
        await asyncio.gather(first.take(page[: CHATS // 2]), second.take(page[CHATS // 2 :]))
        await asyncio.gather(first.take(page), second.take(page))
        await asyncio.gather(first.drain(), second.drain())
    texts = [text for _, _, text in said]
    assert len(texts) == CHATS * PER_CHAT == len(set(texts))  # none twice, none missing
    for c in range(CHATS):
        assert [t for _, chat, t in said if chat == f"c{c}"] == [
            f"c{c}-{n}" for n in range(PER_CHAT)
        ]
    assert await a.read(lambda tx: tx.inbox.count("slack", "pending")) == 0


async def test_a_chat_another_process_has_claimed_is_left_to_it(two: tuple[Store, Store]) -> None:
    a, b = two
    said: list[tuple[str, str, str]] = []
    first, second = _worker(a, "a", said), _worker(b, "b", said)
    await first.take([{"id": f"m{n}", "chat": "c0"} for n in range(3)])
    assert len(await first._pending()) == 3  # a's round claims the chat...
    await second.drain()  # ...so b, polling meanwhile, leaves it alone
    assert said == []
    await first.drain()
    assert said == [("a", "c0", "m0"), ("a", "c0", "m1"), ("a", "c0", "m2")]


async def test_a_killed_process_s_chat_is_answered_once_its_presence_lease_expires(
    two: tuple[Store, Store],
) -> None:
    a, b = two
    said: list[tuple[str, str, str]] = []
    first = _worker(a, "a", said)
    await a.write(lambda tx: tx.leases.acquire(PRESENCE + "a", "a", NOW, timedelta(seconds=15)))
    await first.take([{"id": f"m{n}", "chat": "c0"} for n in range(2)])
    assert len(await first._pending()) == 2  # a claims the chat (for 2 minutes), then dies
    clock = [NOW + timedelta(seconds=10)]
    second = _worker(b, "b", said)
    second.now = lambda: clock[0]
    await second.drain()
    assert said == []  # a is alive as far as anyone knows: its claim is respected
    clock[0] = NOW + timedelta(seconds=20)  # a's presence lease expired: it is dead
    await second.drain()
    assert said == [("b", "c0", "m0"), ("b", "c0", "m1")]

"""A platform failure after every reply went out leaves nothing to retry: the message is done
and the outbox gets no row it could never send."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.channels.base import UndeliveredReplies
from bot.inbox import InboxWorker


async def test_an_empty_undelivered_list_is_done_without_an_outbox_row(core) -> None:
    calls = 0

    async def respond(incoming, payload, answer) -> None:
        nonlocal calls
        calls += 1
        raise UndeliveredReplies([], "the edit after the replies failed")

    worker = InboxWorker(
        core.app.store,
        core.app.dispatcher,
        "telegram",
        core.worker.parse,
        respond,
        core.worker.now,
    )
    await worker.accept("x1", {"from": "111", "id": "x1", "text": "help", "tok": None})
    await asyncio.wait_for(worker.drain(), timeout=10)

    assert calls == 1, "handled once"
    assert await core.journal("x1") == ("done", None)
    far = datetime(9999, 1, 1, tzinfo=UTC)
    queued = await core.app.store.read(lambda tx: tx.outbox.due(far) + tx.outbox.failed())
    assert [q for q in queued if q.kind == "reply"] == []

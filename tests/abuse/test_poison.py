"""Poison messages: an event that can't be journaled, or whose handling keeps failing, is
quarantined, and nobody else's message waits behind it."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

from bot.inbox import InboxWorker
from storage import inbox
from storage.sqlite.inbox import SqliteInbox

LONE_SURROGATE = "\ud800"  # valid JSON ("\\ud800"), but no UTF-8 encoder will take it


async def test_an_event_that_cannot_be_journaled_is_quarantined(core) -> None:
    await core.send("111", f"log note Acme: oi {LONE_SURROGATE}")
    answer = await core.send("222", "help")
    assert answer is not None and answer.replies, "the next person is answered"

    [row] = await core.app.store.read(lambda tx: tx.inbox.failed())
    assert row.event_id == "e1" and (row.error or "").startswith("journal: UnicodeEncodeError")
    payload = await core.app.store.read(lambda tx: tx.inbox.payload(row.id))
    assert json.loads(payload or "")["text"] == f"log note Acme: oi {LONE_SURROGATE}", "kept whole"
    assert core.said["111"] == []


async def test_a_batch_with_one_bad_event_still_journals_the_rest(core) -> None:
    await core.flood("111", ["o que tenho hoje?", f"bad {LONE_SURROGATE}", "meu pipeline"])
    states = [(await core.journal(e))[0] for e in ("e1", "e2", "e3")]
    assert states == ["done", "failed", "done"]
    assert await core.app.store.read(lambda tx: tx.inbox.count()) == 3
    assert len(core.said["111"]) == 2


async def test_a_failure_that_cannot_even_be_recorded_does_not_loop(core, monkeypatch) -> None:
    """Handling fails, and so does writing down that it failed: the row must be left alone,
    not picked up again every second for ever."""
    calls = 0

    async def respond(incoming, payload, answer) -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("the platform is down")

    def cannot_record(*args, **kwargs) -> bool:
        raise OSError("disk I/O error")

    monkeypatch.setattr(SqliteInbox, "mark_attempt_failed", cannot_record)
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
    assert calls == 1


@pytest.mark.parametrize("error", [RuntimeError, ValueError])
async def test_a_handling_failure_is_retried_then_quarantined(core, error, caplog) -> None:
    """Also when the error's own text can't be stored (it quotes what the person wrote)."""
    # The traceback quotes the surrogate, and pytest-xdist can't carry a report holding one.
    caplog.set_level(logging.CRITICAL, logger="bot.inbox")

    async def respond(incoming, payload, answer) -> None:
        if payload["from"] == "111":
            raise error(f"cannot send {LONE_SURROGATE}")

    answered = []

    async def respond_or_record(incoming, payload, answer) -> None:
        await respond(incoming, payload, answer)
        answered.append(payload["from"])

    worker = InboxWorker(
        core.app.store,
        core.app.dispatcher,
        "telegram",
        core.worker.parse,
        respond_or_record,
        core.worker.now,
    )
    await worker.accept_many(
        [
            ("x1", {"from": "111", "id": "x1", "text": "help", "tok": None}),
            ("x2", {"from": "222", "id": "x2", "text": "help", "tok": None}),
        ]
    )
    await asyncio.wait_for(worker.drain(), timeout=10)
    assert await core.journal("x1") == ("failed", inbox.MAX_ATTEMPTS)
    assert await core.journal("x2") == ("done", None)
    [failed] = await core.app.store.read(lambda tx: tx.inbox.failed())
    assert failed.error == f"handling: {error.__name__}: cannot send \\ud800"
    assert answered == ["222"]

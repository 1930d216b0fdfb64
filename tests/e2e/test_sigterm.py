"""SIGTERM, for real: `ritmo run` against the fake Telegram stops taking updates, finishes the
reply in flight, leaves the store clean and exits 0; the next start picks up what waited.

Runs on SQLite and on PostgreSQL; what only a SQLite file can show (its integrity check, an empty
WAL) is checked on SQLite only."""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.fakes import telegram_api as tg
from storage.interface import Tx
from tests.e2e.ritmo_run import RitmoRun, journal, read, seed_rep, sqlite_integrity, write

USER_ID = 4242
SECRET_BODY = "CONFIDENCIAL-proposta-7781"


def _queue_notice(db: str, text: str) -> int:
    def queue(tx: Tx) -> int:
        [rep] = tx.people.list_people()
        queued = tx.outbox.enqueue(
            rep.id, "notice", f"notice:{text}", {"replies": [{"text": text}]}, datetime.now(UTC)
        )
        assert queued is not None
        return queued

    return write(db, queue)


@pytest.fixture
async def fake() -> AsyncIterator:
    async with tg.FakeTelegram() as server:
        yield server


async def test_sigterm_finishes_in_flight_work_and_a_restart_resumes(
    fake, backend, store_url, tmp_path
) -> None:
    db, logs = store_url, tmp_path / "run.log"
    seed_rep(db, USER_ID)
    bot = RitmoRun(fake, db, logs)
    await bot.start()
    ana = tg.user(USER_ID)

    # A reply is on its way when SIGTERM arrives: it is finished, not cut.
    fake.stall("sendMessage")
    pushed = await fake.push(tg.message_update(ana, f"log note: {SECRET_BODY}"))
    await fake.wait_confirmed(pushed["update_id"], timeout=10)
    await fake.wait_held("sendMessage", timeout=10)
    bot.proc.send_signal(signal.SIGTERM)
    await asyncio.sleep(0.5)
    assert bot.proc.poll() is None, "still finishing the reply in flight"
    fake.release("sendMessage")
    code = await asyncio.to_thread(bot.proc.wait, 30)
    assert code == 0
    assert fake.sent_to(USER_ID), "the reply in flight went out"
    assert journal(db) == {"pending": 0, "done": 1, "failed": 0}
    if backend == "sqlite":
        assert sqlite_integrity(db) == "ok"  # and no crash leftovers (SQLite's own check)
        assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0

    # A reminder is being delivered when SIGTERM arrives: the send finishes and is recorded,
    # so the next start does not send it again.
    await bot.start()
    fake.held.clear()
    fake.stall("sendMessage")
    notice = _queue_notice(db, "Bom dia, Ana")
    await fake.wait_held("sendMessage", timeout=15)
    bot.proc.send_signal(signal.SIGTERM)
    await asyncio.sleep(0.5)
    fake.release("sendMessage")
    assert await asyncio.to_thread(bot.proc.wait, 30) == 0
    sent = read(db, lambda tx: tx.outbox.get(notice))
    assert sent is not None and sent.state == "sent"

    # While it is down a message arrives; the restart answers it, and only it.
    since = len(fake.calls)
    await fake.push(tg.message_update(ana, "meu pipeline"))
    await bot.start()
    await fake.wait_for("sendMessage", since=since, timeout=15)
    assert await bot.terminate() == 0
    assert journal(db) == {"pending": 0, "done": 2, "failed": 0}
    assert sum("Bom dia, Ana" in c.text for c in fake.sent_to(USER_ID)) == 1

    # The log: JSON lines, tagged, and neither the token nor what Ana wrote.
    text = logs.read_text("utf-8")
    assert fake.token not in text and SECRET_BODY not in text
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert any(line["message"] == "ritmo stopped" for line in lines)
    assert not [line for line in lines if line["level"] in ("ERROR", "CRITICAL")]

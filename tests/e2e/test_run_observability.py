"""A real `ritmo run` against the fake Telegram, watched the way an operator would: its
/metrics scraped over HTTP and its JSON log read line by line (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import aiohttp
import pytest

from benchmarks.fakes import telegram_api as tg
from storage.interface import Tx
from tests.e2e.ritmo_run import RitmoRun, seed_rep, write
from tests.e2e.test_metrics import samples, value

USER_ID = 4343
SECRET_BODY = "CONFIDENCIAL-orcamento-5512"


def _queue_notice(db: str, text: str) -> None:
    """A proactive message, as a job would queue it (kept out of working-hours rules, so the
    test does not depend on when it runs)."""

    def queue(tx: Tx) -> None:
        [rep] = tx.people.list_people()
        payload = {"replies": [{"text": text}]}
        tx.outbox.enqueue(rep.id, "notice", f"notice:{text}", payload, datetime.now(UTC))

    write(db, queue)


@pytest.fixture
async def fake() -> AsyncIterator:
    async with tg.FakeTelegram() as server:
        yield server


async def _scrape(port: int) -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/metrics") as resp:
            assert resp.status == 200
            return samples(await resp.text())


async def test_a_running_bot_counts_and_logs_each_update_and_delivery(
    fake, store_url, tmp_path
) -> None:
    db, logs = store_url, tmp_path / "run.log"
    rep_id = seed_rep(db, USER_ID)
    bot = RitmoRun(fake, db, logs)
    await bot.start()
    try:
        since = len(fake.calls)
        await fake.push(tg.message_update(tg.user(USER_ID), f"log note: {SECRET_BODY}"))
        await fake.wait_for("sendMessage", since=since, timeout=15)
        _queue_notice(db, "Bom dia, Ana")
        await fake.wait_for("sendMessage", lambda c: "Bom dia" in c.text, timeout=15)

        for _ in range(100):  # the delivery is counted right after its commit
            scraped = await _scrape(bot.port)
            if value(scraped, "ritmo_deliveries_total", platform="telegram", kind="notice"):
                break
            await asyncio.sleep(0.1)
        assert value(scraped, "ritmo_deliveries_total", platform="telegram", kind="notice") == 1
        assert (
            value(scraped, "ritmo_messages_received_total", platform="telegram", outcome="ok") == 1
        )
        assert value(scraped, "ritmo_replies_sent_total", platform="telegram") >= 1
        assert value(scraped, "ritmo_job_duration_seconds_count", job="cadence.due_scan") >= 1
    finally:
        assert await bot.terminate() == 0

    text = logs.read_text("utf-8")
    assert SECRET_BODY not in text and fake.token not in text
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    [update] = [line for line in lines if line.get("event") == "update"]
    assert update["platform"] == "telegram" and update["person_id"] == rep_id
    assert update["outcome"] == "ok" and update["latency_ms"] >= 0 and update["intent"]
    [delivery] = [line for line in lines if line.get("event") == "delivery"]
    assert (delivery["kind"], delivery["platform"], delivery["attempt"], delivery["outcome"]) == (
        "notice",
        "telegram",
        1,
        "sent",
    )

"""GET /healthz: 200 while the store takes writes, the scheduler ticks and the outbox keeps up;
503 as soon as one of them doesn't, naming which."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import app as app_module
from bot import leaders
from bot.app import App
from bot.config import Settings
from cadence_jobs import jobs
from cadence_jobs.leadership import JOBS, LEADERSHIP, Leadership, delivery
from storage.audit import CLI
from storage.interface import Tx


class FakePlatform:
    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def deliver(self, identity, replies) -> str:
        self.sent.append(replies[0].text)
        return f"m{len(self.sent)}"


@pytest.fixture
async def app(tmp_path: Path, clock) -> AsyncIterator[App]:
    running = App(Settings(db_path=tmp_path / "h.db"), now=clock)
    await running.open()
    running.adapters["telegram"] = FakePlatform()
    # An empty scheduler: alive, but no tick sneaks in and drains the outbox behind the test.
    running.scheduler = AsyncIOScheduler(timezone="UTC")
    running.scheduler.start()
    try:
        yield running
    finally:
        await running.close()


@pytest.fixture
async def client(app: App) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(app.web)) as test_client:
        yield test_client


def _queue_notice(app: App, clock, due_ago: timedelta, link: bool = True):
    def seed(tx: Tx):
        rep = tx.people.add_person(
            name="Ana Lima",
            role="rep",
            timezone="UTC",
            locale="pt-BR",
            actor=CLI,
            now=clock(),
        )
        if link:
            tx.people.link_identity(rep.id, "telegram", "111", "111", CLI, clock())
        payload = {"replies": [{"text": "bom dia"}]}
        due = clock() - due_ago
        tx.outbox.enqueue(rep.id, "notice", "n1", payload, due, not_before=due)

    return app.store.write(seed)


async def test_healthy_process_answers_200_with_each_check(client: TestClient) -> None:
    resp = await client.get("/healthz")
    body = await resp.json()
    assert resp.status == 200
    assert body["status"] == "ok" and body["problems"] == []
    assert body["store"] == "ok" and body["scheduler"] == "ok"
    assert body["platforms"] == {"telegram": {"last_delivery": None}}
    assert body["outbox"] == {"backlog": 0, "oldest_due_s": 0.0}


async def test_reports_the_last_successful_delivery_per_platform(
    app: App, client: TestClient, clock
) -> None:
    await _queue_notice(app, clock, timedelta(0))
    delivered = await jobs.dispatcher_for(app).drain()
    body = await (await client.get("/healthz")).json()
    assert delivered == 1 and app.adapters["telegram"].sent == ["bom dia"]
    assert body["platforms"]["telegram"]["last_delivery"] == clock().isoformat()
    assert body["outbox"]["backlog"] == 0


async def test_stopped_scheduler_is_503(app: App, client: TestClient) -> None:
    app.scheduler.shutdown(wait=False)
    resp = await client.get("/healthz")
    body = await resp.json()
    assert resp.status == 503
    assert body["scheduler"] == "stopped" and body["problems"] == ["scheduler"]


async def test_due_row_waiting_past_the_threshold_is_503(
    app: App, client: TestClient, clock
) -> None:
    await _queue_notice(app, clock, app_module.BACKLOG_MAX_AGE + timedelta(minutes=1))
    resp = await client.get("/healthz")
    body = await resp.json()
    assert resp.status == 503 and body["problems"] == ["outbox"]
    assert body["outbox"]["backlog"] == 1
    assert body["outbox"]["oldest_due_s"] == (app_module.BACKLOG_MAX_AGE.total_seconds() + 60)


async def test_a_fresh_backlog_is_still_healthy(app: App, client: TestClient, clock) -> None:
    await _queue_notice(app, clock, timedelta(seconds=30))
    resp = await client.get("/healthz")
    assert resp.status == 200 and (await resp.json())["outbox"]["backlog"] == 1


async def test_store_that_cannot_commit_is_503(
    app: App, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "HEALTH_STORE_TIMEOUT_S", 0.3)
    # Another process holding the write lock: the writer waits (busy_timeout) and health
    # can't get its write through in time.
    blocker = sqlite3.connect(app.store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        resp = await client.get("/healthz")
        body = await resp.json()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert resp.status == 503 and "store" in body["problems"]
    assert body["store"].startswith("error")


async def test_shutting_down_is_503(app: App, client: TestClient) -> None:
    app.stopping.set()
    resp = await client.get("/healthz")
    assert resp.status == 503 and (await resp.json())["problems"] == ["stopping"]


async def test_healthz_reports_the_backend_this_process_roles_and_lease_ages(
    app: App, client: TestClient, clock
) -> None:
    roles = (JOBS, delivery("telegram"))
    mine = Leadership(app.store, roles, clock, holder="here", ttl=timedelta(seconds=15))
    other = Leadership(app.store, roles, clock, holder="there", ttl=timedelta(seconds=15))
    app.services[LEADERSHIP] = mine
    await mine.tick()
    clock.advance(seconds=4)
    await other.tick()
    await mine.tick()
    body = await (await client.get("/healthz")).json()
    lead = body["leadership"]
    assert (lead["backend"], lead["holder"], lead["others"]) == ("sqlite", "here", ["there"])
    assert lead["roles"] == {
        "delivery:telegram": {"age_s": 4.0, "renewed_s": 0.0},
        "jobs": {"age_s": 4.0, "renewed_s": 0.0},
    }
    # Telegram polls here (no webhook URL) while another process shares the store: said.
    assert "TELEGRAM_WEBHOOK_URL" in lead["warning"]
    app.services[LEADERSHIP] = other
    body = await (await client.get("/healthz")).json()
    assert body["leadership"]["roles"] == {} and body["status"] == "ok"


async def test_on_sqlite_the_one_process_holds_every_role(app: App, client: TestClient) -> None:
    await leaders.start(app)
    body = await (await client.get("/healthz")).json()
    lead = body["leadership"]
    assert (lead["backend"], lead["mode"]) == ("sqlite", "solo")
    assert sorted(lead["roles"]) == ["delivery:telegram", "jobs"]
    assert "warning" not in lead

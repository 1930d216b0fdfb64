"""GET /metrics against a running App and the fake Telegram: what a Prometheus scrape sees
move when a rep writes to the bot and a reminder goes out, and who may scrape it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from benchmarks.fakes.telegram_api import FakeTelegram, command_update, message_update, user
from bot.app import JOBS, App
from bot.channels.telegram import adapter as tg
from bot.config import Settings
from bot.errors import ConfigError
from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from storage import people
from storage.audit import Actor
from storage.interface import Tx
from tests.e2e.test_telegram import Clock, _start  # Tuesday 10:00 in São Paulo

ANA = user(501, "Ana", language_code="pt-br")
METRICS_TOKEN = "s3cr3t-metrics-token-0123456789"
SECRET_BODY = "CONFIDENCIAL-proposta-7781"


class Bot:
    """One App with the real Telegram adapter, instrumented as `ritmo run` does it."""

    def __init__(self, app: App, adapter: tg.TelegramAdapter, fake: FakeTelegram, clock: Clock):
        self.app, self.adapter, self.fake, self.clock = app, adapter, fake, clock

    async def send(self, update: dict) -> None:
        pushed = await self.fake.push(update)
        await self.fake.wait_confirmed(pushed["update_id"])
        await self.adapter.worker.drain()

    async def linked_rep(self) -> people.Person:
        def add(tx: Tx):
            person = tx.people.add_person(
                name="Ana Souza",
                role="rep",
                timezone="America/Sao_Paulo",
                locale="pt-BR",
                actor=Actor(None, "test"),
                now=self.clock(),
            )
            code = tx.people.create_link_code(
                person.id, timedelta(days=7), Actor(None, "test"), self.clock()
            )
            return person, code

        assert self.app.store is not None
        person, code = await self.app.store.write(add)
        await self.send(command_update(ANA, "start", code))
        return person

    async def enrol_acme(self, person: people.Person) -> None:
        """An enrolment whose first step is due now, with a contact whose details must never
        reach a log line."""
        options = self.app.settings.options()

        def seed(tx: Tx):
            install_cadences(tx, self.app.settings)
            actor = Actor(None, "test")
            acme = tx.accounts.create_account(
                name="Acme & Filhos", owner_id=person.id, actor=actor, now=self.clock()
            )
            maria = tx.accounts.create_contact(
                account_id=acme.id,
                name="Maria Souza",
                actor=actor,
                now=self.clock(),
                email="maria@acme.com",
            )
            workflow.enrol(
                tx,
                actor=Actor.person(person.id),
                cadence_key="exploratory",
                account_id=acme.id,
                owner_id=person.id,
                now=self.clock(),
                options=options,
                contact_id=maria.id,
            )

        assert self.app.store is not None
        await self.app.store.write(seed)

    async def due_scan(self) -> None:
        """The scheduler's due scan tick, run the way the scheduler runs it (timed)."""
        [spec] = [s for s in JOBS if s.id == "cadence.due_scan"]
        await self.app._run_job(spec)


async def start_bot(where, fake: FakeTelegram, **env: str) -> Bot:
    """The Telegram e2e harness's app and adapter on the store at `where`, with the app's
    metrics attached."""
    clock = Clock()
    app, adapter = await _start(where, fake, clock, **env)
    app.instrument(adapter)
    return Bot(app, adapter, fake, clock)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(store_url, fake) -> AsyncIterator[Bot]:
    running = await start_bot(store_url, fake)
    try:
        yield running
    finally:
        await running.app.close()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape, parsed by prometheus-client's own parser."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(scrape: dict, name: str, **labels: str) -> float:
    return scrape.get((name, tuple(sorted(labels.items()))), 0.0)


async def scrape(client: TestClient, **headers: str) -> dict:
    resp = await client.get("/metrics", headers=headers)
    assert resp.status == 200, await resp.text()
    assert resp.headers["Content-Type"].startswith("text/plain")
    return samples(await resp.text())


async def eventually(check, timeout: float = 10.0) -> None:
    """The dispatcher records a delivery just after the platform accepted it."""
    for _ in range(int(timeout / 0.05)):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition never held")


async def test_counters_move_when_a_message_is_handled_and_a_reminder_delivered(bot, fake):
    async with TestClient(TestServer(bot.app.web)) as client:
        before = await scrape(client)
        assert (
            value(before, "ritmo_messages_received_total", platform="telegram", outcome="ok") == 0
        )

        person = await bot.linked_rep()
        await bot.send(message_update(ANA, f"log note: {SECRET_BODY}"))
        after_chat = await scrape(client)
        assert (
            value(after_chat, "ritmo_messages_received_total", platform="telegram", outcome="ok")
            == 2
        )
        assert value(after_chat, "ritmo_replies_sent_total", platform="telegram") >= 2
        assert value(after_chat, "ritmo_handler_latency_seconds_count", intent="link") == 1
        assert value(after_chat, "ritmo_handler_latency_seconds_count", intent="log") == 1
        assert value(after_chat, "ritmo_store_write_batch_size_count") > 0
        assert value(after_chat, "ritmo_store_commit_seconds_count") > 0

        await bot.enrol_acme(person)
        mark = len(fake.calls)
        await bot.due_scan()
        await fake.wait_for("sendMessage", since=mark, timeout=10)

        async def delivered() -> bool:
            now = await scrape(client)
            return value(now, "ritmo_deliveries_total", platform="telegram", kind="reminder") == 1

        await eventually(delivered)
        final = await scrape(client)
        assert value(final, "ritmo_job_duration_seconds_count", job="cadence.due_scan") == 1
        assert value(final, "ritmo_outbox_backlog") == 0
        assert (
            value(final, "ritmo_delivery_failures_total", platform="telegram", kind="reminder")
            == 0
        )


async def test_a_refused_delivery_counts_a_failure_and_a_retry(bot, fake):
    person = await bot.linked_rep()
    await bot.enrol_acme(person)
    fake.fail("sendMessage", status=500, times=1)
    await bot.due_scan()

    async with TestClient(TestServer(bot.app.web)) as client:

        async def retried() -> bool:
            now = await scrape(client)
            return value(now, "ritmo_delivery_retries_total", platform="telegram") == 1

        await eventually(retried)
        now = await scrape(client)
        assert (
            value(now, "ritmo_delivery_failures_total", platform="telegram", kind="reminder") == 1
        )
        # The row waits for its retry: nothing is due now, so the backlog is empty.
        assert value(now, "ritmo_outbox_backlog") == 0


async def test_a_flood_is_counted_by_outcome_and_left_out_of_the_latency(bot):
    from bot.inbox import SenderThrottle

    await bot.linked_rep()
    bot.adapter.worker.throttle = SenderThrottle(burst=1, per_second=0.001)
    for n in range(3):
        await bot.send(message_update(ANA, f"meu pipeline {n}"))
    scraped = samples(bot.app.metrics.render().decode())
    received = {
        outcome: value(
            scraped, "ritmo_messages_received_total", platform="telegram", outcome=outcome
        )
        for outcome in ("ok", "throttled", "dropped")
    }
    assert received == {"ok": 2, "throttled": 1, "dropped": 1}  # the link, then the flood
    timed = sum(
        v for (name, _), v in scraped.items() if name == "ritmo_handler_latency_seconds_count"
    )
    assert timed == 2


async def test_two_apps_in_one_process_keep_their_own_counts(tmp_path, fake, bot):
    other = App(Settings(db_path=tmp_path / "other.db"))
    await other.open()
    try:
        await bot.linked_rep()
        mine = samples(bot.app.metrics.render().decode())
        theirs = samples(other.metrics.render().decode())
        assert value(mine, "ritmo_messages_received_total", platform="telegram", outcome="ok") == 1
        assert (
            value(theirs, "ritmo_messages_received_total", platform="telegram", outcome="ok") == 0
        )
    finally:
        await other.close()


async def test_without_a_token_only_a_local_unproxied_client_may_scrape(bot):
    async with TestClient(TestServer(bot.app.web)) as client:
        assert (await client.get("/metrics")).status == 200
        forwarded = await client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
        assert forwarded.status == 404


async def test_the_token_is_enforced(tmp_path, fake):
    """The scrape's HTTP guard; no store work, so SQLite only."""
    running = await start_bot(tmp_path / "ritmo.db", fake, RITMO_METRICS_TOKEN=METRICS_TOKEN)
    try:
        async with TestClient(TestServer(running.app.web)) as client:
            missing = await client.get("/metrics")
            assert missing.status == 401
            assert missing.headers["WWW-Authenticate"].startswith("Bearer")
            wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
            assert wrong.status == 401
            proxied = {
                "Authorization": f"Bearer {METRICS_TOKEN}",
                "X-Forwarded-For": "203.0.113.9",
            }
            scraped = await scrape(client, **proxied)  # with the token, from anywhere
            assert ("ritmo_outbox_backlog", ()) in scraped
    finally:
        await running.app.close()
    assert METRICS_TOKEN in running.app.settings.secrets  # masked in every log line


@pytest.mark.parametrize(("locale", "words"), [("en", "at least 16"), ("pt-BR", "pelo menos 16")])
def test_a_short_metrics_token_is_refused_in_one_sentence(locale, words):
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({"RITMO_LOCALE": locale, "RITMO_METRICS_TOKEN": "short"})
    said = str(refused.value)
    assert "RITMO_METRICS_TOKEN" in said and words in said and "short" not in said


async def test_the_last_daily_backup_is_reported(tmp_path, fake):
    """SQLite only: the daily backup job writes a copy of the SQLite file into the folder."""
    folder = tmp_path / "backups"
    folder.mkdir()
    running = await start_bot(tmp_path / "ritmo.db", fake, RITMO_BACKUP_FOLDER=str(folder))
    try:
        [spec] = [s for s in JOBS if s.id == "daily_backup"]
        await running.app._run_job(spec)
        async with TestClient(TestServer(running.app.web)) as client:
            taken = value(await scrape(client), "ritmo_backup_last_timestamp_seconds")
        assert taken == pytest.approx(running.clock().timestamp(), abs=1)
    finally:
        await running.app.close()

"""Slack in Socket Mode: envelopes over a WebSocket, acknowledged after they are journaled.

The `running` tests run on SQLite and on PostgreSQL (`store_url`); a refused app token stops
start-up before any store work and runs on SQLite only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from benchmarks.fakes.slack_api import FakeSlackApi
from bot.app import App
from bot.channels.slack.adapter import SlackAdapter
from bot.config import Settings
from storage.audit import Actor
from storage.interface import Tx


@pytest.fixture
async def running(store_url: str) -> AsyncIterator[tuple[App, FakeSlackApi]]:
    async with FakeSlackApi() as fake:
        settings = Settings.from_env(
            {
                "RITMO_DB": store_url,
                "RITMO_LOCALE": "en",
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-test",
                "SLACK_API_BASE_URL": fake.base_url,
            }
        )
        app = App(settings)
        await app.open()
        try:
            await app.start_adapters()
            await fake.wait_connected()
            yield app, fake
        finally:
            await app.close()


async def _link(app: App, user: str) -> None:
    assert app.store is not None

    def add(tx: Tx, now: datetime) -> None:
        actor = Actor.system("test")
        person = tx.people.add_person(
            name="Lia", role="rep", timezone="UTC", locale="en", actor=actor, now=now
        )
        tx.people.link_identity(person.id, "slack", user, "D" + user, actor, now)

    await app.store.write(add, app.now())


def _dm(user: str, text: str) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "channel": "D" + user,
        "ts": "1700000500.000100",
        "text": text,
    }
    return {
        "type": "event_callback",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "event_id": "EvSock1",
        "event_time": 1700000500,
        "event": event,
    }


async def test_socket_mode_journals_acks_and_answers(running: tuple[App, FakeSlackApi]) -> None:
    app, fake = running
    assert isinstance(app.adapters["slack"], SlackAdapter)
    await _link(app, "U1")
    envelope_id = await fake.socket_send("events_api", _dm("U1", "help"))
    ack = await fake.wait_for("socket.ack")
    assert ack.params["envelope_id"] == envelope_id
    assert app.store is not None
    assert await app.store.read(lambda tx: tx.inbox.count("slack")) == 1
    answer = await fake.wait_for("chat.postMessage")
    assert answer.params["channel"] == "DU1"
    assert "I keep the rhythm" in answer.params["text"]


async def test_a_redelivered_envelope_is_handled_once(running: tuple[App, FakeSlackApi]) -> None:
    app, fake = running
    await _link(app, "U1")
    await fake.socket_send("events_api", _dm("U1", "help"))
    await fake.socket_send("events_api", _dm("U1", "help"), retry_attempt=1)
    await fake.wait_for("socket.ack", lambda c: c.params["envelope_id"] == "env-2")
    await fake.wait_for("chat.postMessage")
    await app.adapters["slack"].worker.drain()  # type: ignore[attr-defined]
    assert len(fake.calls_to("chat.postMessage")) == 1


async def test_socket_mode_serves_no_http_endpoint(running: tuple[App, FakeSlackApi]) -> None:
    app, _ = running
    assert all(r.resource.canonical != "/slack/events" for r in app.web.router.routes())


async def test_a_refused_app_token_stops_ritmo_with_one_sentence(tmp_path: Any) -> None:
    from bot.errors import ConfigError

    async with FakeSlackApi() as fake:
        fake.fail("apps.connections.open", "invalid_auth")
        settings = Settings.from_env(
            {
                "RITMO_DB": str(tmp_path / "ritmo.db"),
                "SLACK_BOT_TOKEN": "xoxb-test",
                "SLACK_APP_TOKEN": "xapp-wrong",
                "SLACK_API_BASE_URL": fake.base_url,
            }
        )
        app = App(settings)
        await app.open()
        try:
            with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
                await app.start_adapters()
        finally:
            await app.close()

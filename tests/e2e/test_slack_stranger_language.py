"""A Slack user ritmo doesn't know is refused in their own Slack language (users.info), and
still refused, in RITMO_LOCALE, when Slack can't say which language that is.

The `slack` tests run on SQLite and on PostgreSQL (`store_url`); a refused bot token stops
start-up before any store work and runs on SQLite only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.slack_signing import event_request
from bot.app import App
from bot.errors import ConfigError
from storage.audit import Actor
from storage.interface import Tx
from tests.e2e.slack_app import SECRET, SlackApp, running, slack_settings

ENGLISH_REFUSAL = "I don't know you yet"
PORTUGUESE_REFUSAL = "Ainda não conheço você"
SPANISH_REFUSAL = "Todavía no te conozco"


class Slack(SlackApp):
    async def dm(self, user: str, text: str, ts: str) -> str:
        """Send a DM to ritmo and return the text of ritmo's answer to it."""
        event = {
            "type": "message",
            "channel_type": "im",
            "user": user,
            "channel": "D" + user,
            "ts": ts,
            "text": text,
        }
        req = event_request(SECRET, event, event_id=f"Ev-{user}-{ts}")
        response = await self.http.post("/slack/events", data=req.body, headers=req.headers)
        assert response.status == 200
        await self.adapter.worker.drain()
        answers = [
            c for c in self.fake.calls_to("chat.postMessage") if c.params["channel"] == "D" + user
        ]
        return answers[-1].params["text"]

    def lookups(self) -> list[str]:
        return [c.params["user"] for c in self.fake.calls_to("users.info")]


@pytest.fixture
async def slack(store_url: str, clock: Any) -> AsyncIterator[Slack]:
    async with running(store_url, "pt-BR", clock) as running_app:
        yield Slack(running_app.app, running_app.fake, running_app.http)


async def test_a_stranger_is_refused_in_their_slack_language(slack: Slack) -> None:
    slack.fake.add_user("U1", locale="en-US")
    slack.fake.add_user("U2", locale="pt-BR")
    assert ENGLISH_REFUSAL in await slack.dm("U1", "o que tenho hoje?", "1700000100.000100")
    assert PORTUGUESE_REFUSAL in await slack.dm("U2", "what's due today?", "1700000100.000200")


async def test_a_stranger_writing_again_and_again_costs_one_lookup(slack: Slack) -> None:
    slack.fake.add_user("U1", locale="en-US")
    slack.adapter.poster.pacer.interval = 0  # Slack's one post per second per channel
    for n in range(4):
        assert ENGLISH_REFUSAL in await slack.dm("U1", "hello?", f"1700000100.00010{n}")
    assert slack.lookups() == ["U1"]


async def test_a_refused_lookup_still_refuses_in_ritmo_locale(slack: Slack) -> None:
    slack.fake.add_user("U1", locale="en-US")
    slack.fake.fail("users.info", "missing_scope")
    assert PORTUGUESE_REFUSAL in await slack.dm("U1", "hello?", "1700000100.000100")
    # An id Slack doesn't know, and a language ritmo doesn't speak: RITMO_LOCALE as well.
    assert PORTUGUESE_REFUSAL in await slack.dm("U404", "hello?", "1700000100.000200")
    slack.fake.add_user("U3", locale="fr-FR")
    assert PORTUGUESE_REFUSAL in await slack.dm("U3", "bonjour", "1700000100.000300")
    assert slack.lookups() == ["U1", "U404", "U3"]


async def test_a_spanish_speaking_stranger_is_refused_in_spanish(slack: Slack) -> None:
    slack.fake.add_user("U5", locale="es-LA")
    assert SPANISH_REFUSAL in await slack.dm("U5", "hola", "1700000100.000500")


async def test_a_slow_lookup_still_refuses_in_ritmo_locale(slack: Slack) -> None:
    slack.fake.add_user("U1", locale="en-US")
    slack.fake.delay("users.info", 0.5)
    slack.adapter.locales.timeout = 0.05
    assert PORTUGUESE_REFUSAL in await slack.dm("U1", "hello?", "1700000100.000100")
    assert slack.lookups() == ["U1"]


async def test_only_strangers_are_looked_up(slack: Slack) -> None:
    slack.fake.add_user("U1", locale="pt-BR")  # Slack says pt-BR; ritmo knows better
    slack.fake.add_user("U2", locale="en-US")
    assert slack.app.store is not None

    def add(tx: Tx) -> None:
        person = tx.people.add_person(
            name="Ana Souza",
            role="rep",
            timezone="America/Sao_Paulo",
            locale="en",
            actor=Actor.system("test"),
            now=slack.app.now(),
            team="Sales",
        )
        tx.people.link_identity(
            person.id, "slack", "U1", "DU1", Actor.system("test"), slack.app.now()
        )

    await slack.app.store.write(add)
    assert "I keep the rhythm" in await slack.dm("U1", "help", "1700000100.000100")
    assert ENGLISH_REFUSAL in await slack.dm("U2", "help", "1700000100.000200")
    assert slack.lookups() == ["U2"]


async def test_a_strangers_home_tab_is_in_their_slack_language(slack: Slack) -> None:
    slack.fake.add_user("U5", locale="en-GB")
    event = {"type": "app_home_opened", "user": "U5", "tab": "home"}
    req = event_request(SECRET, event, event_id="EvHome-U5")
    response = await slack.http.post("/slack/events", data=req.body, headers=req.headers)
    assert response.status == 200
    await slack.adapter.worker.drain()
    view = slack.fake.calls_to("views.publish")[-1].view
    assert view["blocks"][0]["text"]["text"] == "ritmo — your day"
    assert ENGLISH_REFUSAL in str(view["blocks"])


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        ("en", "Slack refused SLACK_BOT_TOKEN (invalid_auth); copy the Bot User OAuth Token"),
        ("pt-BR", "O Slack recusou SLACK_BOT_TOKEN (invalid_auth); copie o Bot User OAuth Token"),
    ],
)
async def test_a_refused_bot_token_is_explained_in_ritmo_locale(
    tmp_path: Any, locale: str, sentence: str
) -> None:
    async with FakeSlackApi() as fake:
        fake.fail("auth.test", "invalid_auth")
        app = App(slack_settings(tmp_path / "ritmo.db", fake, locale, token="xoxb-wrong"))
        await app.open()
        try:
            with pytest.raises(ConfigError) as refused:
                await app.start_adapters()
        finally:
            await app.close()
    assert str(refused.value).startswith(sentence)

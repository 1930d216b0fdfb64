"""The real App with its Slack adapter against the fake Slack API, for the e2e Slack tests.

`where` is the store's location: a SQLite path or a PostgreSQL URL (the `store_url` fixture)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from benchmarks.fakes.slack_api import FakeSlackApi
from bot.app import App
from bot.channels.slack.adapter import SlackAdapter
from bot.config import Settings

SECRET = "test-signing-secret"


def slack_settings(
    where: str | Path, fake: FakeSlackApi, locale: str, token: str = "xoxb-test"
) -> Settings:
    return Settings.from_env(
        {
            "RITMO_DB": str(where),
            "RITMO_LOCALE": locale,
            "SLACK_BOT_TOKEN": token,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_BASE_URL": fake.base_url,
        }
    )


@dataclass
class SlackApp:
    """A running App, the fake Slack it talks to, and an HTTP client for its endpoints."""

    app: App
    fake: FakeSlackApi
    http: TestClient

    @property
    def adapter(self) -> SlackAdapter:
        adapter = self.app.adapters["slack"]
        assert isinstance(adapter, SlackAdapter)
        return adapter


@asynccontextmanager
async def running(
    where: str | Path, locale: str, clock: Callable[[], datetime]
) -> AsyncIterator[SlackApp]:
    """The App opened on the store at `where` with Slack in HTTP mode, its adapters started;
    closed afterwards."""
    async with FakeSlackApi() as fake:
        app = App(slack_settings(where, fake, locale), now=clock)
        await app.open()
        try:
            await app.start_adapters()
            async with TestClient(TestServer(app.web)) as http:
                yield SlackApp(app, fake, http)
        finally:
            await app.close()

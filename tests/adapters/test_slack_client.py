"""ritmo's Slack client waits out rate limits instead of failing or hammering Slack."""

from __future__ import annotations

import asyncio
import os

import pytest

from bot.adapters.slack_client import ChannelPacer, make_client
from tests.fakes.slack_api import FakeSlackApi


@pytest.fixture(autouse=True)
def _no_platform_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("SLACK_", "TELEGRAM_")):
            monkeypatch.delenv(name)


async def test_a_429_is_retried_no_sooner_than_retry_after() -> None:
    async with FakeSlackApi() as fake:
        fake.rate_limit("chat.postMessage", times=1, retry_after=1)
        client = make_client("xoxb-test", fake.base_url)
        response = await client.chat_postMessage(channel="D1", text="hi")
        assert response["ok"]
        attempts = [c for c in fake.calls if c.method == "chat.postMessage"]
        assert [c.status for c in attempts] == [429, 200]
        assert attempts[1].at - attempts[0].at >= 1.0


async def test_posts_to_one_channel_are_spaced_but_other_channels_are_not_held() -> None:
    pacer = ChannelPacer(interval=0.2)
    loop = asyncio.get_running_loop()
    times: dict[str, list[float]] = {"A": [], "B": []}

    async def post(channel: str) -> None:
        async with pacer.slot(channel):
            times[channel].append(loop.time())

    await asyncio.gather(post("A"), post("A"), post("B"))
    assert times["A"][1] - times["A"][0] >= 0.2
    assert times["B"][0] - times["A"][0] < 0.1

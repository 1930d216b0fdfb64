"""ritmo's Slack client waits out rate limits instead of failing or hammering Slack, and a
chart that can't be attached never costs the message its text."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.fakes.slack_api import FakeSlackApi
from bot.channels.slack.blocks import SlackMessage
from bot.channels.slack.client import ChannelPacer, SlackPoster, make_client
from handlers.kernel.messages import Image


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


async def test_a_429_at_any_upload_step_is_waited_out_and_the_file_shared() -> None:
    async with FakeSlackApi() as fake:
        fake.rate_limit("files.getUploadURLExternal", times=1, retry_after=1)
        fake.rate_limit("files.completeUploadExternal", times=1, retry_after=1)
        poster = SlackPoster(make_client("xoxb-test", fake.base_url))
        assert await poster.upload("D1", Image(b"\x89PNG chart", "chart.png", "Pipeline"))
        for method in ("files.getUploadURLExternal", "files.completeUploadExternal"):
            attempts = [c for c in fake.calls if c.method == method]
            assert [c.status for c in attempts] == [429, 200], method
            assert attempts[1].at - attempts[0].at >= 1.0
        assert [f.data for f in fake.shared_files("D1")] == [b"\x89PNG chart"]


async def test_a_refused_upload_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    async with FakeSlackApi() as fake:
        fake.fail("files.completeUploadExternal", "missing_scope")
        poster = SlackPoster(make_client("xoxb-test", fake.base_url))
        with caplog.at_level("WARNING", logger="bot.channels.slack.client"):
            assert not await poster.upload("D1", Image(b"\x89PNG", "chart.png"))
        assert "missing_scope" in caplog.text and "chart.png" in caplog.text
        assert fake.shared_files() == []


async def test_the_chart_waits_its_turn_after_the_text_in_the_same_channel() -> None:
    async with FakeSlackApi() as fake:
        poster = SlackPoster(make_client("xoxb-test", fake.base_url), ChannelPacer(interval=0.3))
        await poster.post("D1", SlackMessage("digest", ()))
        await poster.upload("D1", Image(b"\x89PNG", "chart.png"))
        posted = fake.calls_to("chat.postMessage")[0]
        asked = fake.calls_to("files.getUploadURLExternal")[0]
        assert asked.at - posted.at >= 0.3

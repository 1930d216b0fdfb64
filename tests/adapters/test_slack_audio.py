"""A Slack audio clip: parsed with its length and size, fetched with the bot token."""

from __future__ import annotations

import json

import pytest

from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.slack_signing import event_request
from bot.channels.slack.client import make_client
from bot.channels.slack.files import SlackFiles
from bot.channels.slack.parse import parse
from handlers.kernel.messages import Attachment

CLIP = b"\x1aE\xdf\xa3webm" + bytes(3000)


def test_an_audio_clip_is_a_voice_note_with_its_length_and_size() -> None:
    clip = {
        "id": "F9",
        "name": "audio_message.webm",
        "mimetype": "audio/webm",
        "subtype": "slack_audio",
        "duration_ms": 312_500,
        "size": 48_000,
    }
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel_type": "im",
        "user": "U1",
        "channel": "D1",
        "ts": "18.1",
        "text": "",
        "files": [clip],
    }
    msg = parse(json.loads(event_request("s", event).body), "UBOT")
    assert msg is not None
    assert msg.attachments == (
        Attachment(
            "voice", "F9", "audio_message.webm", seconds=312, size=48_000, mime="audio/webm"
        ),
    )


async def test_a_clip_is_fetched_with_the_bot_token_and_cut_at_the_limit() -> None:
    async with FakeSlackApi(token="xoxb-test") as fake:
        fake.add_user_file("F9", CLIP)
        client = make_client("xoxb-test", fake.base_url)
        assert await SlackFiles(client, "xoxb-test", 10_000).download("F9") == CLIP
        cut = await SlackFiles(client, "xoxb-test", 100).download("F9")
        assert len(cut) == 101  # one byte over: the handler refuses it as too large
        assert "xoxb-test" not in repr(SlackFiles(client, "xoxb-test", 1))
        with pytest.raises(Exception):  # noqa: B017 - any refusal reads the same upstream
            await SlackFiles(client, "xoxb-wrong", 10_000).download("F9")

"""The Slack Web API client ritmo uses (429 retries), per-channel pacing, and the calls that
show a rendered message or attach a file to it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack_blocks import SlackMessage
from handlers.messages import Image

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://slack.com/api/"


def make_client(token: str, base_url: str | None = None) -> AsyncWebClient:
    """An AsyncWebClient that retries a 429 after its Retry-After (slack_sdk's default
    handlers retry only connection errors), a 500/503 once, and a dropped connection once."""
    return AsyncWebClient(
        token=token,
        base_url=base_url or DEFAULT_BASE_URL,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
            AsyncRateLimitErrorRetryHandler(max_retry_count=3),
            AsyncServerErrorRetryHandler(max_retry_count=1),
        ],
    )


@dataclass
class ChannelPacer:
    """Spaces posts to one channel at least `interval` seconds apart.

    Slack allows about one message per second per channel; bursting past it earns 429s that
    delay everything queued behind them.
    """

    interval: float = 1.0
    _last: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    @asynccontextmanager
    async def slot(self, channel: str) -> AsyncIterator[None]:
        """Hold the channel for one post, after waiting out the interval since the last."""
        loop = asyncio.get_running_loop()
        async with self._locks.setdefault(channel, asyncio.Lock()):
            last = self._last.get(channel)
            if last is not None and last + self.interval > loop.time():
                await asyncio.sleep(last + self.interval - loop.time())
            try:
                yield
            finally:
                self._last[channel] = loop.time()


class SlackPoster:
    """The Web API calls that show a rendered message: DMs, posts, ephemerals, replacements."""

    def __init__(self, client: AsyncWebClient, pacer: ChannelPacer | None = None) -> None:
        self.client = client
        self.pacer = pacer or ChannelPacer()
        self._dm_of: dict[str, str] = {}

    async def dm(self, user_id: str) -> str:
        """The id of ritmo's direct-message channel with `user_id` (opened once, remembered)."""
        if user_id not in self._dm_of:
            opened = await self.client.conversations_open(users=user_id)
            self._dm_of[user_id] = opened["channel"]["id"]
        return self._dm_of[user_id]

    async def is_own_dm(self, user_id: str, channel: str) -> bool:
        """Whether `channel` is ritmo's DM with `user_id` (not a DM between two people)."""
        return channel.startswith("D") and await self.dm(user_id) == channel

    async def post(self, channel: str, message: SlackMessage, thread_ts: str | None = None) -> str:
        """Post to a channel, a second after the previous post there; returns the message ts."""
        async with self.pacer.slot(channel):
            response = await self.client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=list(message.blocks),
                thread_ts=thread_ts,
            )
        return str(response.get("ts", ""))

    async def upload(self, channel: str, image: Image, thread_ts: str | None = None) -> bool:
        """Share `image` in the channel as a file; returns whether Slack took it.

        files_upload_v2 asks files.getUploadURLExternal for an upload URL, POSTs the bytes
        there and shares the file with files.completeUploadExternal; the client's handlers
        retry a 429 at any of the three steps. The share shows as a message, so it takes the
        channel's pacing slot like a post. A refusal (no files:write scope, a rate limit past
        the retries) is logged, not raised: the text the image goes with is already out, and
        the person must not get that text twice because the chart failed.
        """
        try:
            async with self.pacer.slot(channel):
                await self.client.files_upload_v2(
                    channel=channel,
                    content=image.data,
                    filename=image.filename,
                    title=image.alt or image.filename,
                    alt_txt=image.alt or None,
                    thread_ts=thread_ts,
                )
        except (TimeoutError, SlackClientError, aiohttp.ClientError) as exc:
            reason = api_error(exc) if isinstance(exc, SlackApiError) else ""
            log.warning(
                "slack: %s not attached in %s (%s); the text went without it",
                image.filename,
                channel,
                reason or exc,
            )
            return False
        return True

    async def ephemeral(
        self, channel: str, user: str, message: SlackMessage, response_url: str | None = None
    ) -> None:
        """Visible to `user` only. Slack refuses chat.postEphemeral where ritmo isn't a member
        (a private channel, a DM between two people); a command's response_url works there."""
        try:
            await self.client.chat_postEphemeral(
                channel=channel, user=user, text=message.text, blocks=list(message.blocks)
            )
        except SlackApiError as exc:
            if not response_url:
                raise
            log.info("chat.postEphemeral refused (%s); using response_url", api_error(exc))
            await self.hook(response_url, message)

    async def replace(self, channel: str, ts: str, message: SlackMessage) -> None:
        await self.client.chat_update(
            channel=channel, ts=ts, text=message.text, blocks=list(message.blocks)
        )

    async def hook(
        self, url: str | None, message: SlackMessage, *, replace_original: bool = False
    ) -> None:
        """Answer through an interaction's response_url (ephemeral, optionally in place)."""
        if not url:
            return
        await AsyncWebhookClient(url).send(
            text=message.text,
            blocks=list(message.blocks),
            response_type="ephemeral",
            replace_original=replace_original,
        )


def api_error(exc: SlackApiError) -> str:
    """Slack's error code (`channel_not_found`, …) of a failed call, or ''."""
    data = getattr(exc.response, "data", None)
    return str(data.get("error", "")) if isinstance(data, dict) else ""

"""The Slack Web API client ritmo uses (429 retries), per-channel pacing, and the calls that
show a rendered message or attach a file to it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.channels.slack.blocks import SlackMessage
from handlers.kernel.messages import Image

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://slack.com/api/"
# The longest Retry-After worth sleeping through inside a call: the inbox worker and the outbox
# slot wait with it. A longer one fails the call (HTTP 429), and the caller retries it later
# without blocking anyone (a reply goes to the outbox, a delivery honours the wait there).
MAX_RATE_LIMIT_WAIT_S = 10


class SlackUnavailable(Exception):
    """A response_url answered with a server error or a rate limit: Slack is having a bad
    moment, not refusing the message."""


class _ShortRateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """Sleeps through a 429's Retry-After only when it is short (MAX_RATE_LIMIT_WAIT_S)."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        return _retry_after(response.headers) <= MAX_RATE_LIMIT_WAIT_S


def _retry_after(headers: Mapping[str, Any]) -> float:
    for name, values in headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) else values
            try:
                return float(value)
            except (TypeError, ValueError):
                return 1.0
    return 1.0


def make_client(token: str, base_url: str | None = None) -> AsyncWebClient:
    """An AsyncWebClient that retries a 429 after a short Retry-After (slack_sdk's default
    handlers retry only connection errors), a 500/503 once, and a dropped connection once."""
    return AsyncWebClient(
        token=token,
        base_url=base_url or DEFAULT_BASE_URL,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=1),
            _ShortRateLimitRetry(max_retry_count=3),
            AsyncServerErrorRetryHandler(max_retry_count=1),
        ],
    )


def transient(exc: BaseException) -> bool:
    """Whether a failed call is worth trying again later: a server error, a rate limit the
    client would not sleep through, a dropped or timed-out connection. A refusal with an error
    code (invalid_auth, channel_not_found, invalid_blocks…) is not: it would fail the same."""
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code if exc.response is not None else 200
        return status >= 500 or status == 429
    return isinstance(exc, (SlackUnavailable, TimeoutError, aiohttp.ClientError))


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
        """Answer through an interaction's response_url (ephemeral, optionally in place).

        Raises:
            SlackUnavailable: Slack answered 5xx or 429; the URL may have expired by the time
                a retry is due (30 minutes, 5 uses), so callers send it another way later.
        """
        if not url:
            return
        response = await AsyncWebhookClient(url).send(
            text=message.text,
            blocks=list(message.blocks),
            response_type="ephemeral",
            replace_original=replace_original,
        )
        if response.status_code >= 500 or response.status_code == 429:
            raise SlackUnavailable(f"response_url answered HTTP {response.status_code}")


def api_error(exc: SlackApiError) -> str:
    """Slack's error code (`channel_not_found`, …) of a failed call, or ''."""
    data = getattr(exc.response, "data", None)
    return str(data.get("error", "")) if isinstance(data, dict) else ""

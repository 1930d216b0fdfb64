"""The Slack Web API client ritmo uses, with 429 retries, and per-channel pacing of posts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

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

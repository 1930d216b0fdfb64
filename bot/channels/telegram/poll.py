"""Telegram long polling: fetch a getUpdates page as the JSON Telegram sent, have it journaled
(which confirms it), repeat, whatever goes wrong with one page.

PTB's own Updater confirms updates before handlers run, and its get_updates parses the whole
page into Update objects, raising for the page when one update doesn't parse: that page could
never be confirmed, and the exception used to end the polling task, so the bot stopped hearing
anyone while /healthz still said ok. The inbox journals the JSON anyway and parses a row when it
handles it, where a failure is that one row's (and quarantines it).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Bot
from telegram.error import RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from bot.channels.telegram.send import retry_after_seconds

log = logging.getLogger(__name__)

# `fetch` asks for getUpdates through do_api_request on purpose (it needs the raw JSON); PTB
# would warn on every call that get_updates exists.
warnings.filterwarnings("ignore", r"Please use 'Bot\.getUpdates'", PTBUserWarning)

# How much longer than the long-poll timeout a getUpdates answer may take to arrive.
READ_MARGIN_S = 10.0
MAX_BACKOFF_S = 30.0

Journal = Callable[[list[dict[str, Any]]], Awaitable[int]]


class Poller:
    """Fetches pages from `offset` on and hands each to `journal`, which returns the next
    offset once the page is committed."""

    def __init__(
        self, bot: Bot, journal: Journal, timeout: float, allowed_updates: Sequence[str]
    ) -> None:
        self.bot = bot
        self.journal = journal
        self.timeout = timeout
        self.allowed_updates = list(allowed_updates)

    async def run(self, offset: int | None) -> None:
        """Poll until cancelled. Nothing that goes wrong with one page ends this loop."""
        failures = 0
        while True:
            try:
                updates = await self.fetch(offset)
                if updates:
                    offset = await self.journal(updates)
                failures = 0
            except RetryAfter as exc:
                await asyncio.sleep(retry_after_seconds(exc))
            except Exception as exc:
                failures += 1
                _log_failure(exc, failures)
                await asyncio.sleep(min(MAX_BACKOFF_S, 0.5 * 2**failures))

    async def fetch(self, offset: int | None) -> list[dict[str, Any]]:
        """One getUpdates page, as the JSON Telegram sent."""
        params: dict[str, Any] = {"timeout": self.timeout, "allowed_updates": self.allowed_updates}
        if offset is not None:
            params["offset"] = offset
        result = await self.bot.do_api_request(
            "getUpdates", api_kwargs=params, read_timeout=self.timeout + READ_MARGIN_S
        )
        return list(result or [])


def _log_failure(exc: Exception, failures: int) -> None:
    """A platform hiccup is one line; anything else (the store refusing the page) gets its
    traceback once, then a line per retry, which waits longer each time."""
    if isinstance(exc, TelegramError):
        # Network trouble, a 5xx, or another instance polling with the same token.
        log.warning("Telegram getUpdates failed (%d in a row): %s", failures, exc)
    elif failures == 1:
        # Not journaled means not confirmed: the same page comes back on the next call.
        log.exception("could not journal Telegram updates; fetching them again")
    else:
        log.warning("could not journal Telegram updates (%d in a row): %s", failures, exc)

"""Outgoing Telegram calls: rendered replies sent, edited and paced within Telegram's limits.

PTB's AIORateLimiter (when installed) keeps the overall (30/s) and per-group (20/min) rates;
Telegram also asks for at most one message per second in the same chat, which it doesn't
enforce, so the per-chat pacing here is ritmo's own. A 429 (RetryAfter) is honoured by
waiting as long as Telegram asks before trying again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from typing import TypeVar

from telegram import Bot, Message
from telegram.error import BadRequest, RetryAfter

from bot.channels.telegram.render import CAPTION_LIMIT, Rendered, render
from handlers.kernel.messages import Reply

log = logging.getLogger(__name__)

T = TypeVar("T")
HTML = "HTML"


class FloodWait(Exception):
    """Telegram asked to wait longer than a caller wants to block; `seconds` says how long."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Telegram asked to wait {seconds:.0f}s")
        self.seconds = seconds


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds from a RetryAfter, whichever type PTB gives (int now, timedelta later)."""
    value = exc._retry_after  # the timedelta PTB keeps; the public property warns in 22.x
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)


class ChatPacer:
    """At most one message per `interval` seconds in each chat, without blocking other chats."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}

    async def wait(self, chat_id: int | str) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        key = str(chat_id)
        slot = max(now, self._next.get(key, 0.0))
        # Book the slot before sleeping so concurrent senders to one chat queue up behind it.
        self._next[key] = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)
        if len(self._next) > 4096:
            self._next = {k: v for k, v in self._next.items() if v > now}

    def hold(self, chat_id: int | str, seconds: float) -> None:
        """Push the chat's next slot back after Telegram said to wait."""
        key = str(chat_id)
        now = asyncio.get_running_loop().time()
        self._next[key] = max(self._next.get(key, 0.0), now + seconds)


class Outbound:
    """Sends rendered replies to chats, honouring per-chat pacing and flood waits."""

    def __init__(
        self,
        bot: Bot,
        pacer: ChatPacer,
        attempts: int = 4,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.pacer = pacer
        self.attempts = attempts
        self._sleep = sleep

    async def call(
        self, chat_id: int | str, fn: Callable[[], Awaitable[T]], max_wait: float | None = None
    ) -> T:
        """Run one API call for a chat, after its pacing slot, retrying on RetryAfter.

        Raises:
            FloodWait: Telegram asked for a wait longer than `max_wait`, or kept asking.
        """
        for attempt in range(self.attempts):
            await self.pacer.wait(chat_id)
            try:
                return await fn()
            except RetryAfter as exc:
                seconds = retry_after_seconds(exc)
                self.pacer.hold(chat_id, seconds)
                if (max_wait is not None and seconds > max_wait) or attempt + 1 == self.attempts:
                    raise FloodWait(seconds) from exc
                log.info("Telegram asked to wait %.1fs before writing to a chat", seconds)
        raise AssertionError("unreachable")

    async def send(
        self, chat_id: int | str, reply: Reply, max_wait: float | None = None
    ) -> list[Message]:
        """Send one reply (text chunks, or a photo with its caption); keyboard on the last."""
        if reply.image is not None:
            return await self._send_photo(chat_id, reply, max_wait)
        rendered = render(reply)
        return await self._texts(chat_id, rendered, max_wait)

    async def _texts(
        self, chat_id: int | str, rendered: Rendered, max_wait: float | None
    ) -> list[Message]:
        sent = []
        chunks = [chunk for chunk in rendered.chunks if chunk]
        for index, chunk in enumerate(chunks):
            markup = rendered.keyboard if index == len(chunks) - 1 else None
            sent.append(
                await self.call(
                    chat_id,
                    partial(
                        self.bot.send_message,
                        chat_id,
                        chunk,
                        parse_mode=HTML,
                        reply_markup=markup,
                    ),
                    max_wait,
                )
            )
        return sent

    async def _send_photo(
        self, chat_id: int | str, reply: Reply, max_wait: float | None
    ) -> list[Message]:
        image = reply.image
        assert image is not None
        # A caption holds 1024 characters; a longer text follows the photo as messages.
        as_caption = render(reply, limit=CAPTION_LIMIT)
        fits = len(as_caption.chunks) == 1
        caption = (as_caption.chunks[0] or None) if fits else None
        photo_markup = as_caption.keyboard if fits else None
        photo = await self.call(
            chat_id,
            partial(
                self.bot.send_photo,
                chat_id,
                image.data,
                caption=caption,
                parse_mode=HTML,
                reply_markup=photo_markup,
                filename=image.filename,
            ),
            max_wait,
        )
        if fits:
            return [photo]
        return [photo, *await self._texts(chat_id, render(reply), max_wait)]

    async def edit(self, chat_id: int, message_id: int, reply: Reply) -> bool:
        """Replace a message's text and keyboard; False when the reply can't fit one message."""
        rendered = render(reply)
        if len(rendered.chunks) != 1 or rendered.image is not None:
            return False
        with contextlib.suppress(_NotModified):
            await self._unchanged_ok(
                chat_id,
                partial(
                    self.bot.edit_message_text,
                    rendered.chunks[0],
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=HTML,
                    reply_markup=rendered.keyboard,
                ),
            )
        return True

    async def clear_keyboard(self, chat_id: int, message_id: int) -> None:
        """Remove a message's buttons so a used one can't be pressed twice."""
        with contextlib.suppress(_NotModified):
            await self._unchanged_ok(
                chat_id,
                partial(
                    self.bot.edit_message_reply_markup,
                    chat_id=chat_id,
                    message_id=message_id,
                    reply_markup=None,
                ),
            )

    async def _unchanged_ok(self, chat_id: int, fn: Callable[[], Awaitable[object]]) -> None:
        try:
            await self.call(chat_id, fn)
        except BadRequest as exc:
            # Pressing a button twice quickly edits to the same content; Telegram says so.
            if "not modified" in str(exc).lower():
                raise _NotModified from exc
            raise


class _NotModified(Exception):
    pass

"""The Telegram adapter: updates in through the inbox, replies and reminders out through PTB.

PTB's own Updater confirms updates to Telegram before handlers run, so a crash there loses
them. This adapter fetches with `getUpdates` itself, commits the page to the inbox, and only
then stores the next offset (which is what confirms the page to Telegram on the next call).
In webhook mode it answers 200 only after the update is in the inbox. Handling happens from
the inbox (bot/inbox.py), so a crash mid-handler re-handles the update once after restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from typing import Any

from aiohttp import web
from telegram import BotCommand, Message
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.channels.base import DeliveryError, Host, UndeliveredReplies
from bot.channels.telegram.parse import (
    PLATFORM,
    BotIdentity,
    callback_id,
    event_id,
    message_key,
    parse,
    pressed_message,
)
from bot.channels.telegram.poll import Poller
from bot.channels.telegram.render import Rendered, render
from bot.channels.telegram.send import ChatPacer, FloodWait, Outbound, retry_after_seconds
from bot.errors import UserError
from bot.inbox import InboxWorker
from handlers.kernel import i18n
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming, Reply
from storage.interface import Store
from storage.people import Identity

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
OFFSET_KEY = "telegram.offset"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ("message", "callback_query")
COMMANDS = ("log", "today", "next", "pipeline", "forecast", "stalled", "help")
# The menu's command words per locale (Telegram allows a-z, 0-9 and _ only, so no accents);
# each is a key of telegram_parse.COMMAND_TEXT, which is what makes it work when tapped.
COMMAND_NAMES = {
    "pt-BR": {
        "log": "registrar",
        "today": "hoje",
        "next": "proximo",
        "pipeline": "funil",
        "forecast": "previsao",
        "stalled": "parados",
        "help": "ajuda",
    },
    "en": {c: c for c in COMMANDS},
}
# Telegram matches a client's language by its two-letter code; pt-BR clients report "pt".
# Spanish clients get the English command words (ritmo reads pt and en) described in Spanish;
# clients in any other language get the English menu.
COMMAND_LANGUAGES = {"pt": "pt-BR", "en": "en", "es": "es", None: "en"}


class TelegramAdapter:
    """Long polling or webhook in, PTB out; decides nothing about the business."""

    platform = PLATFORM

    def __init__(
        self,
        store: Store,
        dispatcher: Dispatcher,
        *,
        token: str,
        base_url: str = "https://api.telegram.org/bot",
        now: Callable[[], datetime],
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        web_app: web.Application | None = None,
        poll_timeout: float = 30.0,
        chat_interval: float = 1.0,
        max_delivery_wait: float = 5.0,
        default_locale: str = i18n.DEFAULT_LOCALE,
    ) -> None:
        self.store = store
        self.default_locale = default_locale  # what start-up problems are said in
        self.dispatcher = dispatcher
        self.now = now
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.poll_timeout = poll_timeout
        self.max_delivery_wait = max_delivery_wait
        self.bot = ExtBot(
            token,
            base_url=base_url,
            base_file_url=file_url(base_url),
            rate_limiter=_rate_limiter(),
            request=HTTPXRequest(connection_pool_size=64),
            get_updates_request=HTTPXRequest(connection_pool_size=1),
        )
        self.out = Outbound(self.bot, ChatPacer(chat_interval))
        self.worker = InboxWorker.for_channel(self, store, dispatcher, now)
        self.me: BotIdentity | None = None
        self._poller: asyncio.Task[None] | None = None
        self._answered: set[str] = set()  # presses acknowledged, not yet handled
        self._acks: set[asyncio.Task[None]] = set()
        if webhook_url:
            if web_app is None:
                raise ValueError("webhook mode needs ritmo's web server")
            web_app.router.add_post(WEBHOOK_PATH, self.webhook)

    # -- life cycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Check the token, register commands, then take updates by webhook or long polling.

        Raises:
            UserError: Telegram refused the token or could not be reached.
        """
        # httpx logs every request URL at INFO, and a Bot API URL contains the token.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        async with _token_checked(self.default_locale):
            await self.bot.initialize()  # getMe
        self.me = BotIdentity(self.bot.id, self.bot.username)
        await self._set_commands()
        self.worker.start()
        if self.webhook_url:
            try:
                await self.bot.set_webhook(
                    self.webhook_url,
                    secret_token=self.webhook_secret,
                    allowed_updates=list(ALLOWED_UPDATES),
                )
            except BadRequest as exc:
                raise UserError(
                    i18n.t(self.default_locale, "telegram.refused_webhook", error=exc)
                ) from None
            log.info("Telegram webhook set for @%s", self.me.username)
        else:
            # A webhook left from an earlier deployment would make getUpdates fail (409).
            await self.bot.delete_webhook()
            self._poller = asyncio.create_task(self._poll(), name="telegram-poll")
            log.info("Telegram long polling as @%s", self.me.username)

    async def stop(self) -> None:
        """Stop fetching, let handling in flight finish, close the HTTP clients."""
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        await self.worker.stop()
        await asyncio.gather(*self._acks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self.bot.shutdown()

    async def _set_commands(self) -> None:
        for language, locale in COMMAND_LANGUAGES.items():
            names = COMMAND_NAMES.get(locale, COMMAND_NAMES["en"])
            commands = [
                BotCommand(names[c], i18n.t(locale, f"telegram.cmd.{c}")) for c in COMMANDS
            ]
            await self.bot.set_my_commands(commands, language_code=language)

    async def download(self, file_id: str) -> bytes:
        """A file a person sent (a voice note), by its id: getFile, then the file itself."""
        found = await self.bot.get_file(file_id)
        return bytes(await found.download_as_bytearray())

    # -- updates in ---------------------------------------------------------------------------

    async def _poll(self) -> None:
        stored = await self.store.read(lambda tx: tx.kv.get(OFFSET_KEY))
        poller = Poller(self.bot, self.journal, self.poll_timeout, ALLOWED_UPDATES)
        await poller.run(int(stored) if stored else None)

    async def journal(self, payloads: list[dict[str, Any]]) -> int:
        """Commit a fetched page to the inbox, then store the offset that confirms it.

        The offset is written only after the inbox commit: a crash in between re-fetches the
        page, and the inbox ignores the ids it already has. Returns the next offset.
        """
        async with self._acknowledging(payloads):
            await self.worker.take(payloads)
        offset = max(int(p["update_id"]) for p in payloads) + 1
        await self.store.write(lambda tx: tx.kv.put(OFFSET_KEY, str(offset)))
        return offset

    async def webhook(self, request: web.Request) -> web.Response:
        """Telegram's POST: refused without the right secret, 200 only once it is journaled."""
        secret = request.headers.get(SECRET_HEADER)
        if secret is None:
            return web.Response(status=401)
        if not hmac.compare_digest(secret.encode(), (self.webhook_secret or "").encode()):
            return web.Response(status=403)
        try:
            payload = await request.json()
        except ValueError:
            return web.Response(status=400)
        if not isinstance(payload, dict) or "update_id" not in payload:
            return web.Response(status=400)
        async with self._acknowledging([payload]):
            await self.worker.take([payload])
        return web.Response(status=200)

    @contextlib.asynccontextmanager
    async def _acknowledging(self, payloads: list[dict[str, Any]]) -> AsyncIterator[None]:
        """Answer the button presses among `payloads` once the block has journaled them.

        The client spins until a press is answered, so it is answered without waiting for
        the handling, but never before the commit: an answered press is never lost. The ids
        are claimed before the commit because the inbox worker may handle a row at once.
        """
        queries = [q for q in map(callback_id, payloads) if q and q not in self._answered]
        self._answered.update(queries)
        try:
            yield
        except BaseException:
            self._answered.difference_update(queries)
            raise
        for query in queries:
            task = asyncio.create_task(self._answer_press(query))
            self._acks.add(task)
            task.add_done_callback(self._acks.discard)

    def event_id(self, payload: dict[str, Any]) -> str:
        """The inbox key: Telegram's update_id."""
        return event_id(payload)

    def parse(self, payload: dict[str, Any]) -> Incoming | None:
        assert self.me is not None, "parse runs only after start()"
        return parse(payload, self.me)

    # -- replies out --------------------------------------------------------------------------

    def render(self, reply: Reply, locale: str) -> Rendered:
        """A reply as Telegram HTML messages and an inline keyboard (the same in any locale)."""
        return render(reply)

    async def respond(
        self, incoming: Incoming | None, payload: dict[str, Any], answer: Answer | None
    ) -> None:
        """Show an answer where the person asked, keeping personal data out of groups."""
        query = callback_id(payload)
        if query is not None:
            if query in self._answered:
                self._answered.discard(query)
            else:  # journaled before a restart: nobody has answered it yet
                await self._answer_press(query)
        if incoming is None:
            return
        replies = list(answer.replies) if answer is not None else []
        try:
            if incoming.is_group:
                pressed = pressed_message(payload)
                if pressed is not None:
                    replies = await self._after_press(incoming, pressed, replies)
                await self._respond_in_group(incoming, replies)
            else:
                await self._respond_in_private(incoming, payload, replies)
        except Forbidden:
            # Blocked by the person, or removed from the group: retrying can't help.
            log.info(
                "Telegram refused a reply to chat %s (bot blocked or removed)", incoming.chat_id
            )

    async def _respond_in_private(
        self, incoming: Incoming, payload: dict[str, Any], replies: list[Reply]
    ) -> None:
        """Send in the person's own chat. If Telegram fails (a 5xx burst, a dropped connection,
        a flood wait too long to block for), what is left is handed back as UndeliveredReplies
        for the outbox to retry; an edit that could not happen becomes a new message."""
        sent = 0
        try:
            pressed = pressed_message(payload)
            if pressed is not None:
                replies = await self._after_press(incoming, pressed, replies)
            for reply in replies:
                await self.out.send(incoming.chat_id, reply)
                sent += 1
        except (FloodWait, NetworkError) as exc:
            if isinstance(exc, BadRequest):  # a rendering bug: retrying sends the same
                raise
            raise UndeliveredReplies(replies[sent:], type(exc).__name__) from exc

    async def _answer_press(self, query_id: str) -> None:
        """Every press is answered, even an ignored one, or the client keeps spinning."""
        try:
            await self.bot.answer_callback_query(query_id)
        except RetryAfter as exc:
            await asyncio.sleep(retry_after_seconds(exc))
            with contextlib.suppress(TelegramError):
                await self.bot.answer_callback_query(query_id)
        except BadRequest:
            # Re-handled after a restart, the query may be too old to answer; the reply still
            # matters more than the spinner.
            log.info("a Telegram callback query could no longer be answered")
        except TelegramError as exc:  # a dropped connection: the spinner stops by itself
            log.info("answering a Telegram callback query failed: %s", type(exc).__name__)

    async def _after_press(
        self, incoming: Incoming, pressed: tuple[int, int], replies: list[Reply]
    ) -> list[Reply]:
        """Edit the pressed message (with the first reply if it asks to), else drop its keyboard.

        Either way the button is gone, so a done step can't be pressed twice.
        """
        chat_id, message_id = pressed
        first = replies[0] if replies else None
        try:
            if first and first.edit and not (incoming.is_group and first.private):
                if await self.out.edit(chat_id, message_id, first):
                    return replies[1:]
            if not incoming.is_group:
                # In a group anyone can press; only the owner's press may retire the buttons,
                # and the handler says so by asking for an edit.
                await self.out.clear_keyboard(chat_id, message_id)
        except BadRequest as exc:
            log.info("could not edit the pressed Telegram message: %s", exc)
        return replies

    async def _respond_in_group(self, incoming: Incoming, replies: list[Reply]) -> None:
        public = [r for r in replies if not r.private]
        private = [r for r in replies if r.private]
        for reply in public:
            await self.out.send(incoming.chat_id, reply)
        if not private:
            return
        ctx = await self.dispatcher.context_for(incoming)
        name = esc(incoming.sender.display_name or "")
        try:
            # A person's private chat with the bot has their user id as its chat id.
            for reply in private:
                await self.out.send(incoming.sender.external_id, reply)
        except Forbidden:
            # Telegram lets a bot write only to people who have opened a chat with it.
            bot = self.me.username if self.me else ""
            notice = ctx.t("telegram.open_private", name=name, bot=bot)
        else:
            notice = ctx.t("telegram.in_private", name=name)
        await self.out.send(incoming.chat_id, Reply(notice))

    async def deliver(self, identity: Identity, replies: Sequence[Reply]) -> str:
        """Send a proactive message (reminder, agenda, digest) to a person's private chat.

        Returns the platform id of the last message sent (chat:message).

        Raises:
            DeliveryError: with `retry_after` when Telegram asks for a longer wait than this
                call should block, `permanent` when the person blocked the bot or the chat is
                gone.
        """
        # A private chat's id is the user's id; identity.chat_id may be the group a person
        # linked from, and a reminder must never land there.
        chat_id = identity.external_id
        last: Message | None = None
        try:
            for reply in replies:
                sent = await self.out.send(chat_id, reply, max_wait=self.max_delivery_wait)
                last = sent[-1] if sent else last
        except FloodWait as exc:
            raise DeliveryError(str(exc), retry_after=exc.seconds) from exc
        except Forbidden as exc:
            raise DeliveryError(f"Telegram refused: {exc}", permanent=True) from exc
        except BadRequest as exc:
            permanent = "chat not found" in str(exc).lower()
            raise DeliveryError(f"Telegram refused: {exc}", permanent=permanent) from exc
        except NetworkError as exc:
            raise DeliveryError(f"Telegram unreachable: {exc}") from exc
        if last is None:
            raise DeliveryError("nothing to deliver", permanent=True)
        return message_key(last.chat_id, last.message_id)


def _rate_limiter() -> Any:
    """PTB's AIORateLimiter for the overall and group rates, when its extra is installed."""
    try:
        from telegram.ext import AIORateLimiter

        # max_retries=0: a RetryAfter reaches ritmo, which waits and paces per chat itself.
        return AIORateLimiter(max_retries=0)
    except RuntimeError:
        log.warning(
            "python-telegram-bot[rate-limiter] is not installed; only per-chat pacing applies"
        )
        return None


@contextlib.asynccontextmanager
async def _token_checked(locale: str) -> AsyncIterator[None]:
    """A refused token or an unreachable Bot API as one sentence (UserError), in `locale`."""
    try:
        yield
    except InvalidToken:
        raise UserError(i18n.t(locale, "telegram.refused_token")) from None
    except NetworkError as exc:
        error = type(exc).__name__
        raise UserError(i18n.t(locale, "telegram.unreachable", error=error)) from None


async def who_am_i(token: str, base_url: str, locale: str) -> str:
    """Ask Telegram once whose token this is (getMe), the way `start` does: `ritmo check`.

    Returns:
        The bot's @username.

    Raises:
        UserError: Telegram refused the token or could not be reached.
    """
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines hold the token
    requests = (HTTPXRequest(connect_timeout=5, read_timeout=10), HTTPXRequest())
    bot = ExtBot(token, base_url=base_url, request=requests[0], get_updates_request=requests[1])
    try:
        async with _token_checked(locale):
            await bot.initialize()  # getMe
        return f"@{bot.username}"
    finally:
        # A failed initialize leaves the bot "not initialised", so shutdown() would skip these.
        for request in requests:
            await request.shutdown()


def file_url(base_url: str) -> str:
    """Where the Bot API serves files, beside its methods: `…/bot` -> `…/file/bot`."""
    head, sep, tail = base_url.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}" if sep else base_url


def build(app: Host) -> TelegramAdapter | None:
    """The adapter factory `ritmo run` uses: None unless TELEGRAM_BOT_TOKEN is set."""
    settings = app.settings
    if not settings.telegram_token or app.store is None or app.dispatcher is None:
        return None
    return TelegramAdapter(
        app.store,
        app.dispatcher,
        token=settings.telegram_token or "",
        base_url=settings.telegram_api_base_url,
        now=app.now,
        webhook_url=settings.telegram_webhook_url,
        webhook_secret=settings.telegram_webhook_secret,
        web_app=app.web,
        default_locale=settings.locale,
    )

"""The Slack adapter: bolt's AsyncApp in Socket Mode or HTTP mode, every request journaled.

Slack wants an answer within 3 seconds and retries events it thinks were lost, so each event,
slash command and button press is committed to the inbox and only then acknowledged; the inbox
worker handles it afterwards (dispatcher → `respond`), and a retry with the same id is stored
once. Bolt runs with process_before_response so nothing acknowledges a request before the
listener has journaled it (bolt otherwise acks events before the listener even starts).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.channels.base import DeliveryError, Host, UndeliveredReplies
from bot.channels.slack.blocks import SlackMessage, render, used
from bot.channels.slack.client import (
    SlackPoster,
    SlackUnavailable,
    api_error,
    make_client,
    transient,
)
from bot.channels.slack.files import SlackFiles
from bot.channels.slack.home import HomeTab
from bot.channels.slack.http import SlackDoor
from bot.channels.slack.locale import SlackLocales
from bot.channels.slack.parse import COMMAND, PLATFORM, inbox_key, parse
from bot.errors import ConfigError, UserError
from bot.inbox import InboxWorker
from handlers.kernel import i18n
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import MAX_AUDIO_BYTES, Answer, Incoming, Reply
from storage.interface import Store
from storage.people import Identity

log = logging.getLogger(__name__)


class _NoEnvTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment even when handed a client, then warns
    that the token it found goes unused; ritmo's client carries that very token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


bolt_log = logging.getLogger("bot.channels.slack.adapter.bolt")
bolt_log.addFilter(_NoEnvTokenWarning())

EVENTS_PATH = "/slack/events"

# Errors after which posting to that person again can't succeed without someone acting.
PERMANENT_ERRORS = {
    "account_inactive",
    "channel_not_found",
    "invalid_auth",
    "is_archived",
    "not_authed",
    "not_in_channel",
    "user_not_found",
    "user_disabled",
    "cannot_dm_bot",
    "token_revoked",
}


class SlackAdapter:
    """Translates between Slack and the neutral model; decides nothing about the business."""

    platform = PLATFORM

    def __init__(
        self,
        *,
        store: Store,
        dispatcher: Dispatcher,
        now: Callable[[], datetime],
        bot_token: str,
        app_token: str | None = None,
        signing_secret: str | None = None,
        api_base_url: str | None = None,
        default_locale: str = "pt-BR",
    ) -> None:
        self.store = store
        self.dispatcher = dispatcher
        self.now = now
        self.app_token = app_token
        self.default_locale = default_locale
        self.client = make_client(bot_token, api_base_url)
        self.files = SlackFiles(self.client, bot_token, MAX_AUDIO_BYTES)
        self.download = self.files.download  # a shared audio clip, for the voice handler
        self.poster = SlackPoster(self.client)
        self.locales = SlackLocales(self.client)
        self.home = HomeTab(store, dispatcher, self.client, default_locale, self.locales)
        self.bot_user_id: str | None = None
        self.worker = InboxWorker.for_channel(
            self, store, dispatcher, now, prepare=self.with_language
        )
        self.bolt = AsyncApp(
            client=self.client,
            # Passed explicitly: bolt silently reads SLACK_SIGNING_SECRET otherwise.
            signing_secret=signing_secret or "",
            request_verification_enabled=app_token is None,
            process_before_response=True,
            logger=bolt_log,
            name="ritmo",
        )
        self.door = SlackDoor(signing_secret)
        self.bolt.error(self.door.bolt_error)
        self._socket: AsyncSocketModeHandler | None = None
        self._register_listeners()

    # -- lifecycle ----------------------------------------------------------------------------

    def mount(self, web_app: web.Application) -> None:
        """Serve HTTP mode's events, commands and interactivity at POST /slack/events."""
        web_app.router.add_post(EVENTS_PATH, self._http)

    async def start(self) -> None:
        """Check the token, start the inbox worker and, in Socket Mode, connect.

        Raises:
            ConfigError: Slack refused SLACK_BOT_TOKEN or SLACK_APP_TOKEN.
        """
        try:
            who = await self.client.auth_test()
        except SlackApiError as exc:
            error = api_error(exc) or exc
            raise ConfigError(
                i18n.t(self.default_locale, "slack.refused_bot_token", error=error)
            ) from None
        self.bot_user_id = who.get("user_id")
        if self.app_token:
            await self._check_app_token(self.app_token)
        self.worker.start()
        if self.app_token:
            self._socket = AsyncSocketModeHandler(
                self.bolt, self.app_token, web_client=self.client
            )
            await self._socket.connect_async()
        log.info("slack connected as %s (%s mode)", who.get("user"), self.mode)

    async def _check_app_token(self, app_token: str) -> None:
        """slack_sdk's Socket Mode client retries a refused app token forever, logging; asking
        once here turns that into one sentence at start."""
        try:
            await self.client.apps_connections_open(app_token=app_token)
        except SlackApiError as exc:
            error = api_error(exc) or exc
            raise ConfigError(
                i18n.t(self.default_locale, "slack.refused_app_token", error=error)
            ) from None

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()
        await self.worker.stop()

    @property
    def mode(self) -> str:
        return "socket" if self.app_token else "http"

    # -- incoming: journal, then acknowledge ---------------------------------------------------

    def _register_listeners(self) -> None:
        self.bolt.event("message")(self._journal)
        self.bolt.event("app_mention")(self._journal)
        self.bolt.event("app_home_opened")(self._journal)
        self.bolt.command(COMMAND)(self._journal)
        self.bolt.action(re.compile(r"^ritmo\."))(self._journal)

    async def _journal(self, body: dict[str, Any], ack: Any) -> None:
        await self.worker.take([body])
        await ack()

    def event_id(self, payload: dict[str, Any]) -> str | None:
        """Slack's own id of the request, or None for what is acknowledged and dropped."""
        key = inbox_key(payload)
        return key if key is not None and self._worth_keeping(payload) else None

    def _worth_keeping(self, body: dict[str, Any]) -> bool:
        """Only what reaches a person's handlers (or their Home tab) goes in the inbox: bot
        echoes, edits and other tabs are acknowledged and dropped."""
        return self._is_home(body) or self.parse(body) is not None

    @staticmethod
    def _is_home(body: dict[str, Any]) -> bool:
        event = body.get("event") or {}
        return event.get("type") == "app_home_opened" and event.get("tab", "home") == "home"

    async def _http(self, request: web.Request) -> web.Response:
        return await self.door.serve(request, self.bolt.async_dispatch)

    def parse(self, payload: dict[str, Any]) -> Incoming | None:
        return parse(payload, self.bot_user_id)

    async def with_language(self, incoming: Incoming) -> Incoming:
        """The message with its sender's Slack locale as language hint, when ritmo does not
        know the sender (a linked person already has a locale; a stranger would otherwise be
        refused in RITMO_LOCALE). Without an answer from Slack it is left as it came."""
        sender = incoming.sender
        known = await self.store.lookup(
            lambda tx: tx.people.person_for_identity(PLATFORM, sender.external_id)
        )
        if known is not None or sender.language_hint:
            return incoming
        hint = await self.locales.of(sender.external_id)
        if hint is None:
            return incoming
        return replace(incoming, sender=replace(sender, language_hint=hint))

    # -- answers ------------------------------------------------------------------------------

    async def respond(
        self, incoming: Incoming | None, payload: dict[str, Any], answer: Answer | None
    ) -> None:
        """Send a handled request's replies where Slack idiom and privacy want them.

        Raises:
            UndeliveredReplies: Slack failed for a passing reason (a 5xx, a rate limit too long
                to sleep through, a dropped connection) before every reply went out. The inbox
                queues those left in the outbox, which retries them as a DM to the person: a
                response_url may have expired (30 minutes, 5 uses) by then, and an ephemeral
                can't be posted later to someone who has left the channel's view.
        """
        if self._is_home(payload):
            await self.home.publish(payload["event"]["user"])
            return
        if incoming is None or answer is None:
            return
        left = list(answer.replies)  # each sender drops a reply once Slack has taken it
        try:
            locale = (await self.dispatcher.context_for(incoming)).locale
            if payload.get("type") == "block_actions":
                await self._after_action(incoming, payload, left, locale)
            elif payload.get("command"):
                await self._answer_command(payload, left, locale)
            else:
                await self._answer_event(payload["event"], left, locale)
        except (SlackApiError, SlackUnavailable, TimeoutError, aiohttp.ClientError) as exc:
            if transient(exc) and not left:
                # Every reply went out; what failed after them (the Home tab's refresh) is
                # redone the next time the person opens it.
                log.warning(
                    "Slack failed after the replies to %s went out (%s)",
                    incoming.sender.external_id,
                    _cause(exc),
                )
                return
            if transient(exc):
                raise UndeliveredReplies(left, _cause(exc)) from exc
            if isinstance(exc, SlackApiError) and api_error(exc) in PERMANENT_ERRORS:
                # Removed from the channel, account gone, token revoked: trying again can't help.
                log.warning(
                    "Slack refused a reply to %s in %s (%s); not retried",
                    incoming.sender.external_id,
                    incoming.chat_id,
                    api_error(exc),
                )
                return
            raise  # anything else is a bug in what ritmo sent: the inbox's attempts show it

    async def _answer_event(self, event: dict[str, Any], left: list[Reply], locale: str) -> None:
        channel, user = event["channel"], event["user"]
        if event.get("channel_type") == "im":
            await _send_each(left, lambda reply: self._post(channel, reply, locale))
            return
        thread = event.get("thread_ts") or event.get("ts")

        async def send(reply: Reply) -> None:
            if reply.private:
                await self._ephemeral(channel, user, reply, locale)
            else:
                await self._post(channel, reply, locale, thread_ts=thread)

        await _send_each(left, send)

    async def _answer_command(self, form: dict[str, Any], left: list[Reply], locale: str) -> None:
        """In the person's DM with ritmo a command is answered there; anywhere else (a channel,
        or a DM between two people) only the person who typed it sees the answer."""
        channel, user = form["channel_id"], form["user_id"]
        in_own_dm = await self.poster.is_own_dm(user, channel)

        async def send(reply: Reply) -> None:
            if in_own_dm:
                await self._post(channel, reply, locale)
            else:
                await self._ephemeral(channel, user, reply, locale, form.get("response_url"))

        await _send_each(left, send)

    async def _after_action(
        self,
        incoming: Incoming,
        payload: dict[str, Any],
        left: list[Reply],
        locale: str,
    ) -> None:
        container = payload.get("container") or {}
        if await self._pressed_by_owner(incoming):
            seen_by_others = incoming.is_group and not container.get("is_ephemeral")
            left[:] = await self._retire_buttons(payload, list(left), locale, seen_by_others)
        user = incoming.sender.external_id
        if container.get("type") == "view":
            channel = await self.poster.dm(user)
            await _send_each(left, lambda reply: self._post(channel, reply, locale))
            await self.home.publish(user)
            return

        async def send(reply: Reply) -> None:
            if await self.poster.is_own_dm(user, incoming.chat_id):
                await self._post(incoming.chat_id, reply, locale)
            else:
                await self._ephemeral(
                    incoming.chat_id, user, reply, locale, payload.get("response_url")
                )

        await _send_each(left, send)

    async def _pressed_by_owner(self, incoming: Incoming) -> bool:
        """Whether the press was honoured: the token is the presser's own and now used. Anyone
        else's press (a shared channel message) must leave the owner's buttons in place."""
        token = incoming.token
        assert token is not None
        found = await self.store.read(lambda tx: tx.callbacks.lookup(token, self.now()))
        person = await self.store.read(
            lambda tx: tx.people.person_for_identity(PLATFORM, incoming.sender.external_id)
        )
        return (
            found is not None
            and found.used
            and person is not None
            and found.person_id == person.id
        )

    async def _retire_buttons(
        self, payload: dict[str, Any], replies: list[Reply], locale: str, seen_by_others: bool
    ) -> list[Reply]:
        """Replace the pressed message so it can't be pressed again: by the first reply when it
        asks to edit (unless that would show private data where others can read it), else by
        the same message without its buttons. Returns the replies still to send."""
        container = payload.get("container") or {}
        if container.get("type") != "message":
            return replies
        if replies and replies[0].edit and not (replies[0].private and seen_by_others):
            message, rest = render(replies[0], locale), replies[1:]
        else:
            original = payload.get("message") or {}
            pressed = ((payload.get("actions") or [{}])[0].get("text") or {}).get("text", "")
            blocks = used(original.get("blocks") or [], pressed, locale)
            message, rest = SlackMessage(original.get("text") or pressed, tuple(blocks)), replies
        if container.get("is_ephemeral"):
            await self.poster.hook(payload.get("response_url"), message, replace_original=True)
        else:
            await self.poster.replace(container["channel_id"], container["message_ts"], message)
        return rest

    def render(self, reply: Reply, locale: str) -> SlackMessage:
        """A reply as Block Kit: text blocks, then its buttons as actions."""
        return render(reply, locale)

    async def _post(
        self, channel: str, reply: Reply, locale: str, thread_ts: str | None = None
    ) -> str:
        """Post the reply's text and buttons, then its image as a file right under it (in the
        same thread); returns the text's ts, the message later button presses refer to."""
        image = reply.image
        message = render(reply, locale, image_attached=image is not None)
        ts = await self.poster.post(channel, message, thread_ts)
        if image is not None:
            await self.poster.upload(channel, image, thread_ts)
        return ts

    async def _ephemeral(
        self, channel: str, user: str, reply: Reply, locale: str, response_url: str | None = None
    ) -> None:
        await self.poster.ephemeral(channel, user, render(reply, locale), response_url)

    # -- proactive messages --------------------------------------------------------------------

    async def deliver(self, identity: Identity, replies: Sequence[Reply]) -> str:
        """A proactive message (reminder, agenda, digest), or a reply queued during an outage,
        as a DM; returns the last Slack ts. A chat id is used only when it is ritmo's own DM
        with the person: a queued reply may come from a channel or a DM between two people,
        where its private answer must not land.

        Raises:
            DeliveryError: Slack refused; `retry_after` set when it rate-limited us past the
                client's own retries, `permanent` when the person can't be reached.
        """
        try:
            channel = identity.chat_id or ""
            if not await self.poster.is_own_dm(identity.external_id, channel):
                channel = await self.poster.dm(identity.external_id)
            person = await self.store.read(lambda tx: tx.people.get_person(identity.person_id))
            ts = ""
            for reply in replies:
                ts = await self._post(channel, reply, person.locale)
            return ts
        except SlackApiError as exc:
            raise _delivery_error(exc) from exc


async def _send_each(left: list[Reply], send: Callable[[Reply], Awaitable[object]]) -> None:
    """Send replies in order, dropping each from `left` once Slack has taken it, so that when
    a call fails `left` holds exactly the replies not sent (the failed one first)."""
    while left:
        await send(left[0])
        del left[0]


def _cause(exc: BaseException) -> str:
    """A short reason for the log: Slack's HTTP status, or the exception's name."""
    if isinstance(exc, SlackApiError) and exc.response is not None:
        return f"slack HTTP {exc.response.status_code}"
    return type(exc).__name__


def _delivery_error(exc: SlackApiError) -> DeliveryError:
    error = api_error(exc)
    if exc.response is not None and exc.response.status_code == 429:
        retry_after = float(exc.response.headers.get("Retry-After", 1))
        return DeliveryError("slack rate limit", retry_after=retry_after)
    return DeliveryError(f"slack: {error or exc}", permanent=error in PERMANENT_ERRORS)


async def who_am_i(token: str, base_url: str | None, locale: str) -> str:
    """Ask Slack once whose token this is (auth.test), the way `start` does: `ritmo check`.

    Returns:
        The bot user and workspace, as "ritmo @ Workspace".

    Raises:
        ConfigError: Slack refused the token.
        UserError: the Web API could not be reached.
    """
    client = make_client(token, base_url)
    client.timeout = 10
    try:
        who = await client.auth_test()
    except SlackApiError as exc:
        error = api_error(exc) or exc
        raise ConfigError(i18n.t(locale, "slack.refused_bot_token", error=error)) from None
    except (TimeoutError, aiohttp.ClientError, SlackClientError) as exc:
        raise UserError(i18n.t(locale, "slack.unreachable", error=type(exc).__name__)) from None
    return f"{who.get('user')} @ {who.get('team')}"


def slack_adapter(app: Host) -> SlackAdapter | None:
    """`ritmo run`'s Slack adapter when SLACK_BOT_TOKEN is set (Socket Mode with an app token,
    HTTP mode on ritmo's own web server otherwise)."""
    settings = app.settings
    if not settings.slack_bot_token:
        return None
    assert app.store is not None and app.dispatcher is not None
    adapter = SlackAdapter(
        store=app.store,
        dispatcher=app.dispatcher,
        now=app.now,
        bot_token=settings.slack_bot_token or "",
        app_token=settings.slack_app_token,
        signing_secret=settings.slack_signing_secret,
        api_base_url=settings.slack_api_base_url,
        default_locale=settings.locale,
    )
    if adapter.mode == "http":
        adapter.mount(app.web)
    return adapter

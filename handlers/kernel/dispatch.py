"""The dispatcher: one incoming message in, one Answer out, whatever the platform.

It resolves who is asking (an unknown chat identity reaches only the public routes and learns
nothing else), resolves a pressed button's token back to its action (refusing a token that
belongs to someone else), routes to the first matching handler, and seals the buttons of the
answer into tokens before any adapter sees them.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from handlers.kernel import i18n, lookup
from handlers.kernel.context import Context, Options
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import PLUGIN_INTENTS, ActionHandler, IntentHandler, Router
from handlers.kernel.typed_answers import OpenCards, Press
from handlers.understanding.plugins import IntentPlugin
from storage.errors import StoreUnavailable
from storage.interface import Store, Tx
from storage.people import Person

log = logging.getLogger(__name__)

Parser = Callable[[str, Context], Any]

# How a stranger links on each platform, by platform name. Each channel declares its own
# (bot/channels/*/spec.py) and bot.channels.install() fills this in; "link" otherwise.
LINK_COMMANDS: dict[str, str] = {}


def _declared(
    routers: Sequence[Router], handlers: dict[str, IntentHandler]
) -> tuple[IntentPlugin, ...]:
    """The intents the routers bring for the parser, in router order.

    Raises:
        ValueError: one has no handler, or two routers declare the same name (a message
            would be read as an intent nobody answers).
    """
    declared = tuple(plugin for router in routers for plugin in router.reads)
    names = [plugin.name for plugin in declared]
    for name in names:
        if name not in handlers or names.count(name) > 1:
            raise ValueError(f"intent {name!r} is declared twice or has no handler")
    return declared


def _sender(
    tx: Tx, platform: str, external_id: str, wants_book: bool
) -> tuple[Person | None, lookup.BookSeen | None]:
    if not wants_book:
        return tx.people.person_for_identity(platform, external_id), None
    # The book's version comes with the sender, in one statement (lookup.scope_and_version's
    # two reads, less one); the scope reads nothing more for a rep.
    found = tx.people.person_and_names_version(platform, external_id)
    if found is None:
        return None, None
    person, version = found
    return person, (lookup.scope(tx, person), version)


class Dispatcher:
    """Routes messages to handlers; routers are tried in the order given (first match wins)."""

    def __init__(
        self,
        routers: Sequence[Router],
        store: Store,
        options: Options,
        now: Callable[[], datetime],
        parser: Parser | None = None,
        services: dict[str, Any] | None = None,
    ) -> None:
        self.routers = list(routers)
        self.store = store
        self.options = options
        self.now = now
        self.parser = parser
        self.services = services or {}
        self._actions: dict[str, ActionHandler] = {}
        self._intents: dict[str, IntentHandler] = {}
        for router in self.routers:
            for name, fn in router.actions.items():
                self._actions.setdefault(name, fn)
            for name, fn in router.intents.items():
                self._intents.setdefault(name, fn)
        # A handler that answers for another (a reading by the model) finds its intent here.
        self.services.setdefault("intents", self._intents)
        self.services.setdefault(PLUGIN_INTENTS, _declared(self.routers, self._intents))
        self.cards = OpenCards()

    async def context_for(self, msg: Incoming) -> Context:
        # Point lookups on every message (SQLite: inline, no hop to the reader thread). A
        # typed message will be read against the sender's book, so its scope and version come
        # in the same lookup: on PostgreSQL one trip to the lookup thread instead of two.
        wants_book = bool(msg.text) and not msg.token
        person, seen = await self.store.lookup(
            _sender, msg.platform, msg.sender.external_id, wants_book
        )
        if person is not None:
            locale = person.locale
        else:
            locale = i18n.normalize_locale(msg.sender.language_hint, self.options.default_locale)
        ctx = Context(self.store, self.now, self.options, person, locale, self.services)
        if seen is not None:
            ctx.memo[lookup.BOOK_SEEN] = seen
        return ctx

    async def handle(self, msg: Incoming) -> Answer:
        """Answer one message. Never raises for a user's input: errors become a sentence.

        Raises:
            StoreUnavailable: the store can't write now (disk full); retry the message later.
        """
        ctx = await self.context_for(msg)
        try:
            answer = await self._route(msg, ctx)
        except StoreUnavailable:
            raise  # the disk, not the message: the inbox worker retries it later
        except Exception:
            log.exception("handler failed for %s message %s", msg.platform, msg.message_id)
            answer = Answer([Reply(ctx.t("dispatch.error"))], intent="unknown")
        if ctx.person is None:
            answer.replies = [replace(r, buttons=(), choices=()) for r in answer.replies]
            return answer
        answer.replies = await self._seal(answer.replies, ctx)
        self.cards.remember(ctx.person.id, msg, self.now(), answer.replies)
        return answer

    async def _route(self, msg: Incoming, ctx: Context) -> Answer:
        if ctx.person is None:  # first: strangers learn nothing, not even our limits
            return await self._route_public(msg, ctx)
        limit = self.options.max_message_chars
        if len(msg.text) > limit:
            text = ctx.t("dispatch.too_long", length=len(msg.text), limit=limit)
            return Answer([Reply(text)])
        if msg.token:
            return await self._route_action(msg, ctx)
        press = self.cards.press(ctx.person.id, msg, self.now()) if not msg.token else None
        if press is not None and await self._close_card(press):
            return await self._route_action(replace(msg, token=press.token), ctx)
        for router in self.routers:
            for check, fn in router.messages:
                if check(msg, ctx):
                    return await fn(msg, ctx)
        if not msg.text.strip() and msg.location is None and not msg.attachments:
            return Answer([Reply(ctx.t("dispatch.empty"))])
        if self.parser is not None:
            parsed = self.parser(msg.text, ctx)
            if inspect.isawaitable(parsed):
                parsed = await parsed
            handler = self._intents.get(getattr(parsed, "intent", "unknown"))
            if handler is not None:
                return await handler(msg, ctx, parsed)
        return await self._fallback(msg, ctx)

    async def _route_public(self, msg: Incoming, ctx: Context) -> Answer:
        if not msg.token and len(msg.text) <= 200:
            for router in self.routers:
                for check, fn in router.messages:
                    if fn.__name__ in router.public and check(msg, ctx):
                        return await fn(msg, ctx)
        command = LINK_COMMANDS.get(msg.platform, "link")
        return Answer([Reply(ctx.t("dispatch.unknown_user", command=command))], intent="unknown")

    async def _close_card(self, press: Press) -> bool:
        """Close the card's other buttons (it stays on screen with them), as a press would;
        False if a button of it was pressed meanwhile or the card expired: nothing to answer."""
        now = self.now()

        def close(tx: Tx) -> bool:
            card = [tx.callbacks.lookup(t, now) for t in (press.token, *press.others)]
            if any(c is None or c.used or c.expired for c in card):
                return False
            return all(tx.callbacks.mark_used(t, now) for t in press.others)

        return await self.store.write_light(close)

    async def _route_action(self, msg: Incoming, ctx: Context) -> Answer:
        token = msg.token
        assert ctx.person is not None and token is not None
        now = self.now()
        found = await self.store.lookup(
            lambda tx: tx.callbacks.lookup(token, now)
        )  # by primary key
        handler = self._actions.get(found.action) if found else None
        if found is None or found.expired or found.person_id != ctx.person.id or handler is None:
            return Answer([Reply(ctx.t("dispatch.stale_button"))], intent="unknown")
        if not await self.store.write_light(lambda tx: tx.callbacks.mark_used(token, now)):
            return Answer([Reply(ctx.t("dispatch.used_button"), edit=True)], intent="unknown")
        return await handler(msg, ctx, found.args)

    async def _fallback(self, msg: Incoming, ctx: Context) -> Answer:
        for router in self.routers:
            fn = router.intents.get("unknown")
            if fn is not None:
                return await fn(msg, ctx, None)
        return Answer([Reply(ctx.t("core.fallback"))], intent="unknown")

    async def _seal(self, replies: list[Reply], ctx: Context) -> list[Reply]:
        """Give every button an opaque token stored server-side, in one write."""
        pending = [b for r in replies for b in r.all_buttons() if b.token is None]
        if not pending:
            return replies
        person = ctx.person
        assert person is not None
        tokens = await self.store.write_light(
            lambda tx: tx.callbacks.issue_many(
                person.id, [(b.action, dict(b.args)) for b in pending], self.now()
            )
        )
        by_id = dict(zip((id(b) for b in pending), tokens, strict=True))

        def sealed(buttons: tuple[Button, ...]) -> tuple[Button, ...]:
            return tuple(b if b.token else replace(b, token=by_id[id(b)]) for b in buttons)

        return [replace(r, buttons=sealed(r.buttons), choices=sealed(r.choices)) for r in replies]

"""Turning a name into a record, or into a question: which one of these? create it?

Every capability that takes a name goes through `resolve`: it answers "not found" for what is
outside the asker's book, offers to create an account that doesn't exist (a confirmation,
never a silent create), and asks with buttons when two records are close. The buttons carry
the original text, so the chosen record re-runs the same request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from handlers.kernel import lookup
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import PLUGIN_INTENTS, Router
from handlers.understanding import intents, learned, vocab
from handlers.understanding.mentions import Mention
from handlers.understanding.parse import MAX_PARSE_CHARS, Parsed
from storage import audit
from storage.interface import Tx
from storage.search import NameRow
from storage.text import name_key, normalize

router = Router("understand")

Handler = Callable[[Incoming, Context, Parsed, "Found | None"], Awaitable[Answer]]
HANDLERS: dict[str, Handler] = {}

Found = lookup.Found


_H = TypeVar("_H", bound=Handler)


def reruns(intent: str) -> Callable[[_H], _H]:
    """Register a handler that a choice button can run again with the chosen account (the
    function is handed back as typed, extra optional arguments included)."""

    def register(fn: _H) -> _H:
        HANDLERS[intent] = fn
        return fn

    return register


def problem(ctx: Context, parsed: Parsed) -> Answer | None:
    """One clear sentence for what the parser found wrong, else None."""
    if parsed.problem == "impossible_date":
        text = ctx.t("ask.impossible_date", text=esc(parsed.problem_text or ""))
    elif parsed.problem == "impossible_time":
        text = ctx.t("ask.impossible_time")
    else:
        return None
    return Answer(
        [Reply(text)],
        intent=parsed.intent,
        entities=parsed.entities(),
        data={"problem": parsed.problem},
    )


def today(ctx: Context) -> date:
    """The asker's local date, fixed for the whole message: its parse, its plan and its reply
    agree even when it arrives at midnight."""
    day = ctx.memo.get("today")
    if day is None:
        day = ctx.memo["today"] = lookup.local_today(
            ctx.now(), lookup.zone(ctx.person, ctx.options.default_timezone)
        )
    return day


def stage_words(ctx: Context) -> tuple[tuple[str, str, str], ...]:
    return ctx.services.get("stage_words") or lookup.DEFAULT_STAGES


async def parser(text: str, ctx: Context) -> Parsed:
    """The dispatcher's text -> intent hook: the asker's own today, locale, stages and the
    names in their book (a name is found in the sentence, not guessed from leftover words)."""
    return await parse_in_book(text, today(ctx), ctx)


async def parse_in_book(text: str, day: date, ctx: Context) -> Parsed:
    mentions: tuple[Mention, ...] = ()
    if ctx.person is not None and text:
        seen = ctx.memo.pop(lookup.BOOK_SEEN, None)
        book = await lookup.book_for(ctx.store, ctx.person, ctx.services, seen)
        mentions = tuple(book.mentions(text[:MAX_PARSE_CHARS]))
        person_id = ctx.person.id
        keys = {learned.phrase_key(m.text) for m in mentions if not m.sure} - {""}
        if keys:
            # The rep's answers for every unsure phrase in one lookup, then the pure rule.
            picks = await ctx.store.lookup(
                lambda tx: {key: tx.aliases.account_for(person_id, key) for key in keys}
            )
            mentions = learned.apply(mentions, book, picks.get)
    return lookup.parse_for(
        text,
        day,
        ctx.locale,
        stage_words(ctx),
        mentions,
        ctx.services.get("cadence_words", ()),
        ctx.services.get(PLUGIN_INTENTS, ()),
    )


async def owner_ids(ctx: Context) -> list[int] | None:
    assert ctx.person is not None
    return await ctx.store.read(lookup.scope, ctx.person)


def find_in_book(tx: Tx, name: str, person, whole: bool = False) -> Found:
    """The account a typed name means in the asker's book; `whole`: a company named in full
    that the book didn't hold, found only by that whole name (the closest account, "Bom
    Preço" for "Supermercado Dia a Dia", is another company)."""
    # One read for both: every round trip to the reader thread costs more than the query.
    owners = lookup.scope(tx, person)
    picked = tx.aliases.account_for(person.id, learned.phrase_key(name))
    if picked is not None:  # the rep answered "which one?" for this phrase before
        kept = pinned_account(tx, picked, owners)
        if kept.account is not None:
            return kept
    if whole:
        exact = tx.search.exact_accounts(name_key(name), owners)
        found = Found(account=exact[0]) if len(exact) == 1 else Found()
    else:
        found = lookup.find(tx, name, owners)
    if found.account is None and not found.choices and _taken(tx, name, owners, whole):
        return replace(found, taken=True)
    return found


def _taken(tx: Tx, name: str, owners: list[int] | None, whole: bool) -> bool:
    """Whether the name is an account someone else holds: the whole name, or (for a name
    not typed in full as a new company) one the matcher finds surely in everyone's book
    ("farma vida" for another rep's Rede Farma Vida). Never offered for creation, never shown."""
    if tx.search.name_taken(name_key(name)):
        return True
    if owners is None:
        return False
    other = lookup.find(tx, name, None).account
    if other is None:
        return False
    # a company named in full is that one only when every word typed is a word of its name
    # ("Agro Norte" for Norte Agro ME, not "Supermercado Dia a Dia" for Supermercado Bom Preço)
    return not whole or set(name_key(name).split()) <= set(name_key(other.name).split())


def pinned_account(tx: Tx, account_id: int, scope: list[int] | None) -> Found:
    account = tx.accounts.visible_account(account_id, scope)
    return Found(account=NameRow(account.id, account.name)) if account else Found()


async def resolve(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    pinned: Found | None,
    *,
    offer_create: bool = False,
) -> Found | Answer:
    """The account the message names, or the Answer that asks about it."""
    if pinned is not None:
        return pinned
    mention = parsed.mention
    if mention is not None:
        return from_mention(msg, ctx, parsed, mention)
    if not parsed.name:
        return Answer(
            [Reply(ctx.t("ask.need_name", example=_example(parsed.intent, ctx)))],
            intent=parsed.intent,
            entities=parsed.entities(),
        )
    found = await ctx.store.read(find_in_book, parsed.name, ctx.person, parsed.fresh)
    return (
        found
        if found.account is not None
        else question(msg, ctx, parsed, found, offer_create=offer_create)
    )


def from_mention(msg: Incoming, ctx: Context, parsed: Parsed, mention: Mention) -> Found | Answer:
    """A name found in the book: the account when it is sure, else the question."""
    rows = tuple(NameRow(h.account_id, h.account_name) for h in mention.hits)
    if mention.sure:
        hit = mention.hits[0]
        contact = (
            NameRow(hit.contact_id, hit.contact_name or "", hit.account_id, hit.account_name)
            if hit.contact_id is not None
            else None
        )
        return Found(account=rows[0], contact=contact)
    if mention.weak:
        return _did_you_mean(msg, ctx, parsed, rows[0])
    return question(msg, ctx, parsed, Found(choices=rows[: lookup.names.MAX_CHOICES]))


def _did_you_mean(msg: Incoming, ctx: Context, parsed: Parsed, row: NameRow) -> Answer:
    args = {
        "text": parsed.text,
        "today": today(ctx).isoformat(),
        "intent": parsed.intent,
        "message_id": msg.message_id,
    }
    buttons = (
        Button(
            ctx.t("ask.yes_it_is", name=row.name)[:75],
            "pick.account",
            {**args, "account_id": row.id},
            style="primary",
        ),
        Button(ctx.t("ask.cancel"), "ask.cancel"),
    )
    entities = {**parsed.entities(), "account": [row.name]}
    entities.pop("name", None)
    return Answer(
        [Reply(ctx.t("ask.did_you_mean", name=esc(row.name)), buttons=buttons, private=True)],
        intent=parsed.intent,
        entities=entities,
    )


def question(
    msg: Incoming, ctx: Context, parsed: Parsed, found: Found, *, offer_create: bool = False
) -> Answer:
    """The Answer for a name that matched several records (choices) or none (not found).

    A name taken by an account outside the asker's book reads exactly like one that matches
    nothing, only without the offer to create it.
    """
    entities = {**parsed.entities(), "account": found.entity()}
    entities.pop("name", None)
    args = {
        "text": parsed.text,
        "today": today(ctx).isoformat(),
        "intent": parsed.intent,
        "message_id": msg.message_id,
    }
    if found.choices:
        choices = tuple(
            Button(c.name[:75], "pick.account", {**args, "account_id": c.id})
            for c in found.choices
        )
        return Answer(
            [Reply(ctx.t("ask.which"), choices=choices, private=True)],
            intent=parsed.intent,
            entities=entities,
        )
    reply = Reply(ctx.t("ask.not_found", name=esc(parsed.name)))
    if offer_create and not found.taken and parsed.name and looks_like_company(parsed.name):
        name = parsed.name.strip()
        reply = Reply(
            reply.text,
            buttons=(
                Button(
                    ctx.t("ask.offer_create", name=name)[:75],
                    "account.create",
                    {**args, "name": name},
                    style="primary",
                ),
                Button(ctx.t("ask.cancel"), "ask.cancel"),
            ),
        )
    return Answer(
        [reply],
        intent=parsed.intent,
        entities={**entities, "account": None},
        data={"found": False},
    )


def looks_like_company(phrase: str) -> bool:
    """Whether a phrase that names nothing in the book could be a new company, worth offering
    to create: not a person's first name, not a word of the language, and written like a name
    (a capital letter, or more than one word). "ai", "renata" and "o cliente" are not."""
    words = [w for w in normalize(phrase).split() if w not in vocab.STOPWORDS]
    if not words or words[0] in vocab.FIRST_NAMES or all(w in vocab.FIRST_NAMES for w in words):
        return False
    if all(w in intents.VOCABULARY or len(w) < 3 for w in words):
        return False
    return len(words) > 1 or any(c.isupper() for c in phrase)


def _example(intent: str, ctx: Context) -> str:
    pt = ctx.locale != "en"
    examples = {
        "log": "registrar ligação Acme: falei com o CFO"
        if pt
        else "log call Acme: spoke to the CFO",
        "won": "ganho Acme" if pt else "won Acme",
        "lost": "perdido Acme preço" if pt else "lost Acme price",
        "stage_change": "etapa Acme proposta" if pt else "stage Acme proposal",
    }
    return examples.get(intent, "status Acme")


async def rerun(
    msg: Incoming, ctx: Context, args: dict[str, Any], found: Found, parsed: Parsed | None = None
) -> Answer:
    """Run the original request again, now about the chosen or created account."""
    if parsed is None:
        parsed = await parse_in_book(
            str(args.get("text", "")), date.fromisoformat(args["today"]), ctx
        )
    handler = HANDLERS.get(str(args.get("intent")))
    if handler is None:
        return Answer([Reply(ctx.t("dispatch.stale_button"))])
    msg = Incoming(
        msg.sender, msg.chat_id, str(args.get("message_id") or msg.message_id), text=parsed.text
    )
    return await handler(msg, ctx, parsed, found)


@router.action("pick.account")
async def pick_account(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    scope = await owner_ids(ctx)
    found = await ctx.store.read(pinned_account, int(args["account_id"]), scope)
    if found.account is None:
        return Answer([Reply(ctx.t("ask.not_found", name="?"))])
    parsed = await parse_in_book(str(args.get("text", "")), date.fromisoformat(args["today"]), ctx)
    phrase = _asked_phrase(parsed)
    if phrase and ctx.person is not None:
        person_id, account_id = ctx.person.id, found.account.id
        await ctx.store.write_light(
            lambda tx: tx.aliases.remember(person_id, phrase, account_id, ctx.now())
        )
    return await rerun(msg, ctx, args, found, parsed)


def _asked_phrase(parsed: Parsed) -> str:
    """The phrase a "which one?" was about, as it is remembered: the book name the sentence
    matched loosely or several times, else the words it named that matched nothing surely."""
    if parsed.mention is not None:
        return "" if parsed.mention.sure else learned.phrase_key(parsed.mention.text)
    return learned.phrase_key(parsed.name)


@router.action("account.create")
async def create_account(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    assert ctx.person is not None
    person = ctx.person
    name = str(args["name"])[:200]
    account, created = await ctx.store.write(_create_unless_taken, name, person, ctx.now())
    if account is None:
        return Answer([Reply(ctx.t("ask.not_found", name=esc(name)), edit=True)])
    answer = await rerun(msg, ctx, args, Found(account=account))
    if created:
        answer.replies = [
            Reply(ctx.t("ask.created", name=esc(account.name)), edit=True),
            *answer.replies,
        ]
    return answer


def _create_unless_taken(tx: Tx, name: str, person, now) -> tuple[NameRow | None, bool]:
    """Create the offered account, unless the name was taken since the offer (a second tap,
    another rep): the asker's own account is used, anyone else's is "not found" as before,
    and no duplicate is ever made. Returns the account (None: not found) and whether it is
    new."""
    key = name_key(name)
    mine = tx.search.exact_accounts(key, lookup.scope(tx, person), limit=1)
    if mine:
        return mine[0], False
    if tx.search.name_taken(key):
        return None, False
    account = tx.accounts.create_account(
        name=name, owner_id=person.id, actor=audit.Actor.person(person.id), now=now
    )
    return NameRow(account.id, account.name), True


@router.action("ask.cancel")
async def cancel(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return Answer([Reply(ctx.t("ask.cancelled"), edit=True)])

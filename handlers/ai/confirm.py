"""A reading by the model, put to the person: questions answered, writes as confirm cards.

The model only ever *suggests*. A question it read is answered by the same handler as a rules
reading, marked "read by AI". A write becomes a card that shows exactly what will be stored,
with Confirm / Edit / Cancel; nothing is written before the press, and the press runs the same
handler with the account pinned after checking again that it is in the asker's book. Deal
changes (stage, won, lost, amount) get the same card from deal_cards. The audit row names the
model and the person who confirmed. A question on the way (which account?) carries the reading
in its buttons: the choice completes the model's reading, it is not read again by the rules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date
from typing import Any

from handlers.ai import schema
from handlers.ai.deal_cards import DEAL_WRITES, PICK, carry, deal_card, stage_choices
from handlers.ai.reading import Consulted, consult
from handlers.ai.schema import Reading
from handlers.conversation import deal_changes
from handlers.conversation.tasks import task_text
from handlers.kernel import asking
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import channel
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from storage.audit import Actor

router = Router("ai")

# Intents whose handler writes at once: from a model (or a voice note) they need our card.
DIRECT_WRITES = ("log", "task", "enroll")
INTENT = "ai_reading"
_MEMO = "ai"

IntentHandler = Callable[[Incoming, Context, Any], Awaitable[Answer]]


async def parser(text: str, ctx: Context) -> Parsed:
    """The dispatcher's parser: the rules first; the model only when they are unsure."""
    rules = await asking.parser(text, ctx)
    consulted = await consult(text, ctx, rules)
    if consulted is None or (consulted.reading is None and consulted.refused is None):
        return rules
    ctx.memo[_MEMO] = (rules, consulted)
    return Parsed(text=text, intent=INTENT)


@router.intent(INTENT)
async def read_by_model(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    rules, consulted = ctx.memo[_MEMO]
    if consulted.reading is None:  # a limit or the budget: the rules' answer, and why
        answer = await run(msg, ctx, rules)
        note = ctx.t(f"ai.limit.{consulted.refused}")
        answer.replies = [*answer.replies, Reply(note)]
        return answer
    return await answer_reading(msg, ctx, consulted, consulted.reading.parsed(msg.text))


async def answer_reading(
    msg: Incoming, ctx: Context, consulted: Consulted, parsed: Parsed, voice: bool = False
) -> Answer:
    """Answer what was read: a card for a direct write, else the intent's own handler."""
    reading = consulted.reading
    if parsed.intent in DIRECT_WRITES:
        return await card(msg, ctx, parsed, reading, consulted.model, voice)
    if reading is not None and parsed.intent in DEAL_WRITES:
        return await deal_card(msg, ctx, parsed, keep(msg, ctx, parsed, reading, consulted.model))
    answer = await run(msg, ctx, parsed)
    if reading is not None:
        mark(answer, ctx, consulted.model, reading)
    return answer


def keep(
    msg: Incoming, ctx: Context, parsed: Parsed, reading: Reading | None, model: str
) -> dict[str, Any]:
    """What a question's buttons carry so that the answer completes this reading."""
    return {
        "text": parsed.text,
        "today": asking.today(ctx).isoformat(),
        "intent": parsed.intent,
        "message_id": msg.message_id,
        "reading": reading.as_json() if reading is not None else None,
        "model": model,
    }


async def run(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    """What the intent's own handler answers (the help card when there is none)."""
    intents: dict[str, IntentHandler] = ctx.services.get("intents", {})
    handler = intents.get(parsed.intent)
    if handler is None:
        return Answer([Reply(ctx.t("core.fallback"))], intent="unknown")
    return await handler(msg, ctx, parsed)


def mark(answer: Answer, ctx: Context, model: str, reading: Reading) -> None:
    """Say on the answer that the model read the message (and in `ritmo ask --json`)."""
    note = ctx.t("ai.read_by", model=esc(model))
    if answer.replies:
        first = answer.replies[0]
        answer.replies[0] = replace(first, text=f"{note}\n{first.text}")
    answer.data = {**answer.data, "read_by": "ai", "model": model}


async def card(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    reading: Reading | None,
    model: str,
    voice: bool,
    pinned: Found | None = None,
) -> Answer:
    """The confirm card for a write; a name that isn't the asker's gets the usual question,
    whose choice comes back here (`ai.pick`) with the same reading."""
    account = pinned.account if pinned is not None else None
    if pinned is None and (parsed.name or parsed.mention is not None):
        found = await asking.resolve(msg, ctx, parsed, None)
        if isinstance(found, Answer):
            return carry(found, keep(msg, ctx, parsed, reading, model))
        account = found.account
    if account is None and parsed.intent != "task":
        return await run(msg, ctx, parsed)  # it asks which account, as it always does
    title = "ai.card.title" if reading is not None else "ai.card.title_voice"
    lines = [ctx.t(title, model=esc(model)), _what(ctx, parsed, account.name if account else None)]
    args = {
        "text": parsed.text,
        "today": asking.today(ctx).isoformat(),
        "message_id": msg.message_id,
        "account_id": account.id if account else None,
        "reading": reading.as_json() if reading is not None else None,
        "model": model,
    }
    reply = Reply(
        "\n".join(lines),
        private=True,
        buttons=(
            Button(ctx.t("ai.confirm"), "ai.confirm", args, style="primary"),
            Button(ctx.t("ai.edit"), "ai.edit"),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )
    entities = {**parsed.entities(), **({"account": account.name} if account else {})}
    entities.pop("name", None)
    data = {
        "card": True,
        "written": False,
        **({"read_by": "ai", "model": model} if reading is not None else {}),
    }
    return Answer([reply], intent=parsed.intent, entities=entities, data=data)


def _what(ctx: Context, parsed: Parsed, account: str | None) -> str:
    day = fmt.day(parsed.date or asking.today(ctx), ctx.locale, weekday=True)
    name = esc(account or "")
    if parsed.intent == "log":
        return ctx.t(
            "ai.card.log",
            kind=channel(parsed.kind or "note", ctx.locale),
            account=name,
            day=day,
            body=esc(parsed.body or parsed.text),
        )
    if parsed.intent == "task":
        where = ctx.t("ai.card.task_account", account=name) if account else ""
        return ctx.t("ai.card.task", day=day, account=where, body=esc(task_text(parsed)))
    words = {key: (pt, en) for key, pt, en in ctx.services.get("cadence_words", ())}
    pt, en = words.get(parsed.cadence or "", (parsed.cadence, parsed.cadence))
    return ctx.t(
        "ai.card.enroll", account=name, cadence=esc(str(pt if ctx.locale == "pt-BR" else en))
    )


@router.action("ai.confirm")
async def confirm(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """The press: check the account again, then run the same handler with it pinned."""
    pinned = None
    if args.get("account_id") is not None:
        scope = await asking.owner_ids(ctx)
        pinned = await ctx.store.read(asking.pinned_account, int(args["account_id"]), scope)
        if pinned.account is None:
            return Answer([Reply(ctx.t("ai.gone"), edit=True)], intent="unknown")
    text = str(args["text"])
    reading = schema.load(args["reading"]) if args.get("reading") else None
    if reading is not None:
        parsed = reading.parsed(text)
    else:  # a voice note the rules read: the same transcript, read again the same way
        parsed = await asking.parse_in_book(text, date.fromisoformat(args["today"]), ctx)
    incoming = Incoming(msg.sender, msg.chat_id, str(args["message_id"]), text=text)
    handler = asking.HANDLERS[parsed.intent]
    answer = await handler(incoming, ctx, parsed, pinned)
    if reading is not None:
        await _audit(ctx, "confirmed", str(args.get("model")), reading)
    answer.replies = [replace(r, edit=True) if i == 0 else r for i, r in enumerate(answer.replies)]
    return answer


@router.action(PICK)
async def pick(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """A choice on a question about the model's reading (or a voice note's): the account, the
    deal or the reason it asked for, checked again, completes the same card."""
    found = await _still_mine(ctx, args)
    if found is None:
        return Answer([Reply(ctx.t("ai.gone"), edit=True)], intent="unknown")
    reading = schema.load(args["reading"]) if args.get("reading") else None
    if reading is not None and args.get("reason"):
        reading = replace(reading, reason=str(args["reason"]))
    text = str(args["text"])
    if reading is not None:
        parsed = reading.parsed(text)
    else:  # a voice note the rules read: the same transcript, read again the same way
        parsed = await asking.parse_in_book(text, date.fromisoformat(args["today"]), ctx)
    incoming = Incoming(msg.sender, msg.chat_id, str(args["message_id"]), text=text)
    model = str(args.get("model") or "")
    if reading is not None and parsed.intent in DEAL_WRITES:
        deal_id = int(args["deal_id"]) if args.get("deal_id") is not None else None
        kept = keep(incoming, ctx, parsed, reading, model)
        answer = await deal_card(incoming, ctx, parsed, kept, found, deal_id)
    else:
        answer = await card(incoming, ctx, parsed, reading, model, reading is None, found)
    answer.replies = [replace(r, edit=True) if i == 0 else r for i, r in enumerate(answer.replies)]
    return answer


async def _still_mine(ctx: Context, args: dict[str, Any]) -> Found | None:
    scope = await asking.owner_ids(ctx)
    found = await ctx.store.read(asking.pinned_account, int(args["account_id"]), scope)
    return found if found.account is not None else None


@router.action("ai.edit")
async def edit(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """Edit: nothing is stored; a deal change opens its manual flow with the deal chosen (the
    stages, or the lost reasons), anything else asks to write it again."""
    intent = args.get("intent")
    if intent == "stage_change":
        return await stage_choices(ctx, args, schema.load(args["reading"]))
    if intent == "lost":
        found = await _still_mine(ctx, args)
        if found is None:
            return Answer([Reply(ctx.t("ai.gone"), edit=True)], intent="unknown")
        parsed = replace(schema.load(args["reading"]).parsed(str(args["text"])), reason=None)
        incoming = Incoming(msg.sender, msg.chat_id, str(args["message_id"]), text=parsed.text)
        answer = await deal_changes.propose_lost(
            incoming, ctx, parsed, found, int(args["deal_id"])
        )
        answer.replies = [replace(r, edit=True) for r in answer.replies]
        return answer
    return Answer([Reply(ctx.t("ai.edit_hint"), edit=True)], intent="unknown")


@router.action("ai.restage")
async def restage(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """A stage picked after Edit: the deal's own manual Confirm / Cancel card for it."""
    found = await _still_mine(ctx, args)
    if found is None:
        return Answer([Reply(ctx.t("ai.gone"), edit=True)], intent="unknown")
    parsed = Parsed(text=str(args["text"]), intent="stage_change", stage=str(args["stage"]))
    incoming = Incoming(msg.sender, msg.chat_id, str(args["message_id"]), text=parsed.text)
    answer = await deal_changes.propose_stage(incoming, ctx, parsed, found, int(args["deal_id"]))
    answer.replies = [replace(r, edit=True) for r in answer.replies]
    return answer


async def _audit(ctx: Context, action: str, model: str, reading: Reading) -> None:
    """One audit row: the reading came from this model, and this person confirmed it."""
    assert ctx.person is not None
    person_id = ctx.person.id
    after = {"model": model, "reading": reading.as_json(), "by": f"person:{person_id}"}
    await ctx.store.write_light(
        lambda tx: tx.audit.record(
            Actor.person(person_id),
            "ai_reading",
            None,
            action,
            after=after,
            reason=f"read by AI ({model})",
            at=ctx.now(),
        )
    )

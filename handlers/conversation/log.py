"""Logging what happened: one interaction per message, or a confirm card for several facts.

A plain log is written at once (it is safe and reversible); a sentence with more in it (an
amount, a follow-up, a stage) becomes a card showing exactly what will be written, and
nothing is written until the rep confirms. The platform message id goes with every write, so
a redelivered message is stored once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from handlers.kernel import asking, i18n, lookup
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import channel
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from storage import deals, interactions
from storage.audit import Actor
from storage.interface import Tx
from storage.search import NameRow
from storage.timefmt import from_db, to_db

router = Router("log")

NOON = time(12, 0)


@dataclass(frozen=True)
class Plan:
    """Everything one log message will write, decided before the transaction starts."""

    person_id: int
    account_id: int
    account_name: str
    contact_id: int | None
    kind: str
    body: str
    occurred_at: datetime
    amount: float | None
    currency: str | None
    follow_up_kind: str | None
    follow_up_date: date | None
    follow_up_time: str | None
    stage: str | None
    platform: str
    message_id: str
    attachment: str | None = None  # the platform's file id of a photo or voice note sent along


def _occurred(ctx: Context, parsed: Parsed, today: date, now: datetime) -> datetime:
    """When it happened: the date and time said, else now (a past day without time: noon)."""
    if parsed.date is None and parsed.time is None:
        return now
    tz = lookup.zone(ctx.person, ctx.options.default_timezone)
    day = parsed.date or today
    at = parsed.time or (now.astimezone(tz).time() if day == today else NOON)
    moment = datetime.combine(day, at, tzinfo=tz)
    return min(moment, now) if parsed.date is None else moment


def _plan(
    ctx: Context, msg: Incoming, parsed: Parsed, found: Found, now: datetime | None = None
) -> Plan:
    """`now`: the moment the write will be stamped with, so a log said "now" is stored with one
    clock read and one formatted time for its occurred_at and created_at (log_interaction)."""
    assert ctx.person is not None and found.account is not None
    today = asking.today(ctx)
    follow = parsed.follow_up
    return Plan(
        person_id=ctx.person.id,
        account_id=found.account.id,
        account_name=found.account.name,
        contact_id=found.contact.id if found.contact else None,
        kind=parsed.kind or "note",
        body=(parsed.body or parsed.text)[:4000],
        occurred_at=_occurred(ctx, parsed, today, ctx.now() if now is None else now),
        amount=parsed.amount.value if parsed.amount else None,
        currency=parsed.amount.currency if parsed.amount else None,
        follow_up_kind=follow.kind if follow else None,
        follow_up_date=follow.due if follow else None,
        follow_up_time=follow.at.strftime("%H:%M") if follow and follow.at else None,
        stage=parsed.stage if parsed.stage_phrase else None,
        platform=msg.platform,
        message_id=msg.message_id,
        attachment=msg.attachments[0].ref if msg.attachments else None,
    )


def _target_deal(tx: Tx, plan: Plan) -> deals.Deal | None:
    """The rep's open deal at the account that an amount or stage applies to (latest)."""
    return tx.deals.latest_open_deal(plan.account_id, plan.person_id)


def write(tx: Tx, plan: Plan, now: datetime) -> dict[str, Any]:
    """Write a plan in one transaction (the caller's savepoint): all of it or none of it.

    Also reads, in the same unit of work, the account's cadence steps and follow-ups that are
    next for the rep, so the reply can offer them without another round trip.
    """
    actor = Actor.person(plan.person_id)
    # A plain log writes nothing after the interaction, so what is next at the account comes
    # back with it: one round trip on PostgreSQL (issue 16). Anything more reads it at the end.
    plain = plan.amount is None and not plan.stage and plan.follow_up_date is None
    logged, ahead = tx.interactions.log_at_account(
        person_id=plan.person_id,
        account_id=plan.account_id,
        kind=plan.kind,
        occurred_at=plan.occurred_at,
        actor=actor,
        now=now,
        body=plan.body,
        contact_id=plan.contact_id,
        attachment=plan.attachment,
        source_platform=plan.platform,
        source_message_id=plan.message_id,
        with_next=plain,
    )
    out: dict[str, Any] = {"interaction_id": logged.interaction.id, "created": logged.created}
    if not logged.created:
        return out
    # As stored (timefmt's text of plan.occurred_at): the reply's data says it without
    # formatting the moment again on the event loop's thread (~2 us of every log's reply).
    out["occurred_at"] = logged.interaction.occurred_at
    deal = _target_deal(tx, plan) if plan.amount is not None or plan.stage else None
    if plan.amount is not None:
        if deal is None:
            first = tx.stages.list_stages()[0].key
            deal = tx.deals.create_deal(
                account_id=plan.account_id,
                owner_id=plan.person_id,
                title=plan.account_name,
                stage_key=first,
                amount=plan.amount,
                currency=plan.currency or "BRL",
                actor=actor,
                now=now,
            )
            out["deal_created"] = True
        else:
            deal = tx.deals.update_deal(
                deal.id,
                actor=actor,
                now=now,
                amount=plan.amount,
                reason="chat: amount said in a log",
            )
        out["deal_id"], out["amount"] = deal.id, deal.amount
    if plan.stage and deal is not None and deal.stage_key != plan.stage:
        deal = tx.deals.update_deal(
            deal.id,
            actor=actor,
            now=now,
            stage_key=plan.stage,
            reason="chat: stage said in a log (confirmed)",
        )
        out["deal_id"], out["stage"] = deal.id, deal.stage_key
    if plan.follow_up_date is not None:
        follow = tx.interactions.add_follow_up(
            person_id=plan.person_id,
            kind=plan.follow_up_kind or "call",
            due=plan.follow_up_date,
            actor=actor,
            now=now,
            account_id=plan.account_id,
            deal_id=deal.id if deal else None,
            due_time=plan.follow_up_time,
            note=plan.body[:500],
            source_platform=plan.platform,
            source_message_id=plan.message_id,
        )
        out["follow_up_id"] = follow.id
    out["deal_title"] = deal.title if deal else None
    out["next"] = (
        ahead if plain else tx.interactions.next_for_account(plan.person_id, plan.account_id)
    )
    return out


def _when(ctx: Context, moment: datetime) -> str:
    if abs((ctx.now() - moment).total_seconds()) < 120:
        return ctx.t("log.now")
    local = moment.astimezone(lookup.zone(ctx.person, ctx.options.default_timezone))
    return f"{fmt.day(local.date(), ctx.locale)} {local.strftime('%H:%M')}"


def _follow_when(ctx: Context, plan: Plan) -> str:
    assert plan.follow_up_date is not None
    text = fmt.day(plan.follow_up_date, ctx.locale, weekday=True)
    return f"{text} {plan.follow_up_time}" if plan.follow_up_time else text


def _entities(parsed: Parsed, plan: Plan, found: Found) -> dict:
    out = {**parsed.entities(), "account": plan.account_name, "kind": plan.kind}
    if found.contact is not None:
        out["contact"] = found.contact.name
    out.pop("name", None)
    return out


@asking.reruns("log")
@router.intent("log")
async def log_interaction(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    if (bad := asking.problem(ctx, parsed)) is not None:
        return bad
    if pinned is None and parsed.mention is None and parsed.name and parsed.facts == 1:
        # The common case in one round trip: find the account and log against it in the same
        # write (group commit amortises it); a name that needs a question writes nothing.
        now = ctx.now()
        template = _plan(ctx, msg, parsed, Found(account=NameRow(0, "")), now)
        found, plan, result = await ctx.store.write_light(
            _find_and_write, parsed.name, ctx.person, template, now, parsed.fresh
        )
        if result is None:
            return asking.question(msg, ctx, parsed, found, offer_create=True)
        return _reply(ctx, parsed, plan, found, result)
    resolved = await asking.resolve(msg, ctx, parsed, pinned, offer_create=True)
    if isinstance(resolved, Answer):
        return resolved
    found = resolved
    now = ctx.now()
    plan = _plan(ctx, msg, parsed, found, now)
    if parsed.facts > 1:
        return await _card(msg, ctx, parsed, plan, found)
    if pinned is None:  # a point write, batched on the loop like the rest of a chat's writes
        return _reply(ctx, parsed, plan, found, await ctx.store.write_light(write, plan, now))
    return await _store(ctx, parsed, plan, found)


def _find_and_write(
    tx: Tx, name: str, person, template: Plan, now: datetime, whole: bool = False
) -> tuple[Found, Plan, dict[str, Any] | None]:
    found = asking.find_in_book(tx, name, person, whole)
    if found.account is None:
        return found, template, None
    plan = replace(
        template,
        account_id=found.account.id,
        account_name=found.account.name,
        contact_id=found.contact.id if found.contact else None,
    )
    return found, plan, write(tx, plan, now)


async def _card(msg: Incoming, ctx: Context, parsed: Parsed, plan: Plan, found: Found) -> Answer:
    contact = ctx.t("log.contact", name=esc(found.contact.name)) if found.contact else ""
    deal = await ctx.store.read(_target_deal, plan)
    deal_title = esc(deal.title if deal else plan.account_name)
    lines = [
        ctx.t("log.card.title"),
        ctx.t(
            "log.card.interaction",
            kind=channel(plan.kind, ctx.locale),
            account=esc(plan.account_name),
            contact=contact,
            when=_when(ctx, plan.occurred_at),
        ),
    ]
    if plan.amount is not None:
        currency = plan.currency or (deal.currency if deal else "BRL")
        key = "log.card.amount" if deal else "log.card.new_deal"
        lines.append(
            ctx.t(key, deal=deal_title, amount=fmt.money(plan.amount, currency, ctx.locale))
        )
    if plan.stage:
        stage = next(
            (
                s
                for s in await ctx.store.read(lambda tx: tx.stages.list_stages())
                if s.key == plan.stage
            ),
            None,
        )
        lines.append(
            ctx.t(
                "log.card.stage",
                deal=deal_title,
                stage=stage.label(ctx.locale) if stage else plan.stage,
            )
        )
    if plan.follow_up_date is not None:
        lines.append(
            ctx.t(
                "log.card.follow_up",
                kind=channel(plan.follow_up_kind, ctx.locale),
                when=_follow_when(ctx, plan),
            )
        )
    args = {
        "text": parsed.text,
        "today": asking.today(ctx).isoformat(),
        "account_id": plan.account_id,
        "contact_id": plan.contact_id,
        "message_id": msg.message_id,
        "intent": "log",
    }
    reply = Reply(
        "\n".join(lines),
        private=True,
        buttons=(
            Button(ctx.t("log.confirm"), "log.confirm", args, style="primary"),
            Button(ctx.t("log.edit"), "log.edit"),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )
    data = {"card": True, "written": False, "facts": parsed.facts}
    return Answer([reply], intent="log", entities=_entities(parsed, plan, found), data=data)


async def _store(
    ctx: Context, parsed: Parsed, plan: Plan, found: Found, edit: bool = False
) -> Answer:
    result = await ctx.store.write(write, plan, ctx.now())
    return _reply(ctx, parsed, plan, found, result, edit)


def _reply(
    ctx: Context,
    parsed: Parsed,
    plan: Plan,
    found: Found,
    result: dict[str, Any],
    edit: bool = False,
) -> Answer:
    entities = _entities(parsed, plan, found)
    upcoming = result.pop("next", [])
    occurred = result.pop("occurred_at", None)
    if not result["created"]:
        return Answer(
            [Reply(ctx.t("log.duplicate"), edit=edit)],
            intent="log",
            entities=entities,
            data={**result, "written": False},
        )
    contact = ctx.t("log.contact", name=esc(found.contact.name)) if found.contact else ""
    lines = [
        ctx.t(
            "log.done",
            kind=channel(plan.kind, ctx.locale),
            account=esc(plan.account_name),
            contact=contact,
            when=_when(ctx, plan.occurred_at),
        )
    ]
    if "amount" in result:
        currency = plan.currency or "BRL"
        lines.append(
            ctx.t(
                "log.amount_set",
                deal=esc(result["deal_title"] or ""),
                amount=fmt.money(result["amount"], currency, ctx.locale),
            )
        )
    if "stage" in result:
        lines.append(
            ctx.t("log.stage_set", deal=esc(result["deal_title"] or ""), stage=result["stage"])
        )
    if "follow_up_id" in result:
        lines.append(
            ctx.t(
                "log.follow_up_set",
                kind=channel(plan.follow_up_kind, ctx.locale),
                when=_follow_when(ctx, plan),
            )
        )
    buttons: list[Button] = []
    # The rep's midnight only when a step on this channel could be the one just done.
    same = [s for s in upcoming if s.source == "step" and s.channel == plan.kind]
    tonight = _end_of_today(ctx) if same else ""
    step = next((s for s in same if s.due < tonight), None)
    if step is not None:
        lines.append(
            ctx.t(
                "log.due_step",
                channel=channel(step.channel, ctx.locale),
                cadence=esc(step.cadence(ctx.locale) or "?"),
                account=esc(plan.account_name),
            )
        )
        buttons.append(
            Button(
                ctx.t("log.mark_step"),
                "step.done",
                {"enrolment": step.id, "step": step.step_index},
                style="primary",
            )
        )
    lines.append(_next_line(ctx, plan, [i for i in upcoming if i is not step]))
    data = {
        **result,
        "written": True,
        "occurred_at": occurred if occurred is not None else to_db(plan.occurred_at),
        "due_step": step.id if step else None,
    }
    return Answer(
        [Reply("\n".join(lines), buttons=tuple(buttons), edit=edit)],
        intent="log",
        entities=entities,
        data=data,
    )


def _end_of_today(ctx: Context) -> str:
    """The asker's midnight tonight as stored (only needed when a step could be due)."""
    return _midnight_after(
        asking.today(ctx), lookup.zone(ctx.person, ctx.options.default_timezone)
    )


@lru_cache(maxsize=64)
def _midnight_after(day: date, tz: ZoneInfo) -> str:
    return to_db(lookup.next_day_start_utc(day, tz))


def _next_line(ctx: Context, plan: Plan, items: list[interactions.NextItem]) -> str:
    """The offer of a next step: what is already planned for the account, or a nudge."""
    if not items:
        return ctx.t("log.no_next", account=esc(plan.account_name))
    return _planned(items[0], ctx.locale, lookup.zone(ctx.person, ctx.options.default_timezone))


@lru_cache(maxsize=1024)
def _planned(item: interactions.NextItem, locale: str, tz: ZoneInfo) -> str:
    """The line for one planned item, kept: a rep logs at the same few accounts, whose next
    items stay put between logs, and the line (two catalogue texts, the cadence's name, the
    due day in the rep's zone) cost ~10 us of every log's reply."""
    due = (
        from_db(item.due).astimezone(tz).date()
        if item.source == "step"
        else date.fromisoformat(item.due)
    )
    what = (
        i18n.t(
            locale,
            "ask.item.step",
            step=(item.step_index or 0) + 1,
            cadence=esc(item.cadence(locale) or "?"),
        )
        if item.source == "step"
        else i18n.t(locale, "ask.item.follow_up")
    )
    return i18n.t(
        locale,
        "log.next_line",
        channel=channel(item.channel, locale),
        what=what,
        when=fmt.day(due, locale, weekday=True),
    )


@router.action("log.confirm")
async def confirm(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    scope = await asking.owner_ids(ctx)
    found = await ctx.store.read(asking.pinned_account, int(args["account_id"]), scope)
    if found.account is None:
        return Answer([Reply(ctx.t("ask.not_found", name="?"), edit=True)], intent="log")
    if args.get("contact_id"):
        found = Found(account=found.account, contact=NameRow(int(args["contact_id"]), ""))
    parsed = await asking.parse_in_book(str(args["text"]), date.fromisoformat(args["today"]), ctx)
    incoming = Incoming(msg.sender, msg.chat_id, str(args["message_id"]), text=parsed.text)
    plan = _plan(ctx, incoming, parsed, found)
    return await _store(ctx, parsed, plan, Found(account=found.account), edit=True)


@router.action("log.edit")
async def edit(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return Answer([Reply(ctx.t("log.edit_hint"), edit=True)], intent="log")

"""Stage changes, won and lost: proposed from a sentence, written only after a button press.

These change the forecast, so the bot suggests and a human confirms. The confirmation checks
the deal again (still open, still in the asker's book) before writing; the change and its
audit row are one transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from handlers.conversation import lost_reasons
from handlers.kernel import asking
from handlers.kernel import formatting as fmt
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from storage import deals, stages
from storage.audit import Actor
from storage.interface import Tx

router = Router("deal_changes")

REASONS = ("price", "competitor", "no_budget", "no_decision", "timing", "lost_contact", "other")


def _stage(tx: Tx, key: str) -> stages.Stage | None:
    return next((s for s in tx.stages.list_stages() if s.key == key), None)


async def open_deal(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None, deal_id: int | None = None
) -> deals.DealRow | Answer:
    """The one open deal the message is about, in the asker's book, or the Answer asking."""
    found = await asking.resolve(msg, ctx, parsed, pinned)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    scope = await asking.owner_ids(ctx)
    rows = await ctx.store.read(lambda tx: tx.deals.deal_rows(scope, account_id=account.id))
    if deal_id is not None:
        rows = [d for d in rows if d.id == deal_id]
    entities = {**parsed.entities(), "account": account.name}
    entities.pop("name", None)
    if not rows:
        return Answer(
            [Reply(ctx.t("deal.no_open", account=esc(account.name)))],
            intent=parsed.intent,
            entities=entities,
        )
    if len(rows) > 1:
        args = {
            "text": parsed.text,
            "today": asking.today(ctx).isoformat(),
            "intent": parsed.intent,
            "account_id": account.id,
        }
        choices = tuple(
            Button(
                f"{d.title} · {fmt.money(d.amount, d.currency, ctx.locale)}"[:75],
                "deal.pick",
                {**args, "deal_id": d.id},
            )
            for d in rows[:10]
        )
        return Answer(
            [Reply(ctx.t("deal.which", account=esc(account.name)), choices=choices, private=True)],
            intent=parsed.intent,
            entities=entities,
        )
    return rows[0]


def _entities(parsed: Parsed, deal: deals.DealRow) -> dict:
    out = {**parsed.entities(), "account": deal.account_name, "deal": deal.title}
    out.pop("name", None)
    return out


def _card(ctx: Context, text: str, action: str, args: dict) -> Reply:
    return Reply(
        text,
        private=True,
        buttons=(
            Button(ctx.t("deal.confirm"), action, args, style="primary"),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )


@asking.reruns("stage_change")
@router.intent("stage_change")
async def propose_stage(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    pinned: Found | None = None,
    deal_id: int | None = None,
) -> Answer:
    deal = await open_deal(msg, ctx, parsed, pinned, deal_id)
    if isinstance(deal, Answer):
        return deal
    target = await ctx.store.read(_stage, parsed.stage) if parsed.stage else None
    if target is None:
        labels = ", ".join(
            s.label(ctx.locale) for s in await ctx.store.read(lambda tx: tx.stages.list_stages())
        )
        return Answer(
            [Reply(ctx.t("deal.need_stage", stages=labels))],
            intent=parsed.intent,
            entities=_entities(parsed, deal),
        )
    if target.key == deal.stage_key:
        text = ctx.t("deal.same_stage", deal=esc(deal.title), stage=target.label(ctx.locale))
        return Answer([Reply(text)], intent=parsed.intent, entities=_entities(parsed, deal))
    text = ctx.t(
        "deal.propose_stage",
        deal=esc(deal.title),
        account=esc(deal.account_name),
        old=deal.stage_label(ctx.locale),
        new=target.label(ctx.locale),
    )
    reply = _card(ctx, text, "deal.stage", {"deal_id": deal.id, "stage": target.key})
    return Answer(
        [reply],
        intent=parsed.intent,
        entities=_entities(parsed, deal),
        data={"deal_id": deal.id, "from": deal.stage_key, "to": target.key, "confirmed": False},
    )


@asking.reruns("won")
@router.intent("won")
async def propose_won(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    pinned: Found | None = None,
    deal_id: int | None = None,
) -> Answer:
    deal = await open_deal(msg, ctx, parsed, pinned, deal_id)
    if isinstance(deal, Answer):
        return deal
    text = ctx.t(
        "deal.propose_won",
        deal=esc(deal.title),
        account=esc(deal.account_name),
        amount=fmt.money(deal.amount, deal.currency, ctx.locale),
    )
    return Answer(
        [_card(ctx, text, "deal.won", {"deal_id": deal.id})],
        intent=parsed.intent,
        entities=_entities(parsed, deal),
        data={"deal_id": deal.id, "amount": deal.amount, "confirmed": False},
    )


@asking.reruns("lost")
@router.intent("lost")
async def propose_lost(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    pinned: Found | None = None,
    deal_id: int | None = None,
) -> Answer:
    deal = await open_deal(msg, ctx, parsed, pinned, deal_id)
    if isinstance(deal, Answer):
        return deal
    data = {"deal_id": deal.id, "reason": parsed.reason, "confirmed": False}
    if parsed.reason:
        text = ctx.t(
            "deal.propose_lost",
            deal=esc(deal.title),
            account=esc(deal.account_name),
            reason=lost_reasons.label(ctx.locale, parsed.reason),
        )
        reply = _card(ctx, text, "deal.lost", {"deal_id": deal.id, "reason": parsed.reason})
    else:
        # Picking a reason only fills the card in: a deal marked lost changes the forecast,
        # so it is written after Confirm, and the question itself can be cancelled.
        names = {"deal_id": deal.id, "deal": deal.title, "account": deal.account_name}
        choices = tuple(
            Button(lost_reasons.label(ctx.locale, r), "deal.lost_reason", {**names, "reason": r})
            for r in REASONS
        )
        reply = Reply(
            ctx.t("deal.ask_reason", deal=esc(deal.title), account=esc(deal.account_name)),
            choices=choices,
            buttons=(Button(ctx.t("ask.cancel"), "ask.cancel"),),
            private=True,
        )
    return Answer([reply], intent=parsed.intent, entities=_entities(parsed, deal), data=data)


@router.action("deal.lost_reason")
async def lost_reason_picked(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """A reason was picked: the same Confirm/Cancel card as "perdido X, preço"."""
    reason = str(args.get("reason"))
    if reason not in REASONS:
        reason = "other"
    text = ctx.t(
        "deal.propose_lost",
        deal=esc(str(args["deal"])),
        account=esc(str(args["account"])),
        reason=lost_reasons.label(ctx.locale, reason),
    )
    card = _card(ctx, text, "deal.lost", {"deal_id": int(args["deal_id"]), "reason": reason})
    return Answer(
        [replace(card, edit=True)],
        intent="lost",
        data={"deal_id": int(args["deal_id"]), "reason": reason, "confirmed": False},
    )


def close_label(ctx: Context, value: str | date | None) -> str:
    if value is None:
        return ctx.t("ask.no_date")
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return fmt.day(day, ctx.locale, year=day.year != asking.today(ctx).year)


@asking.reruns("deal_update")
@router.intent("deal_update")
async def propose_update(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    pinned: Found | None = None,
    deal_id: int | None = None,
) -> Answer:
    """ "o negócio da Alicerce agora é 130 mil", "push BlueRiver's close date to 20/01"."""
    deal = await open_deal(msg, ctx, parsed, pinned, deal_id)
    if isinstance(deal, Answer):
        return deal
    args: dict[str, Any] = {"deal_id": deal.id}
    lines = []
    if parsed.amount is not None:
        currency = parsed.amount.currency or deal.currency
        args.update(amount=parsed.amount.value, currency=currency)
        lines.append(
            ctx.t(
                "deal.change_amount",
                old=fmt.money(deal.amount, deal.currency, ctx.locale),
                new=fmt.money(parsed.amount.value, currency, ctx.locale),
            )
        )
    close = parsed.date or _moved_close(ctx, parsed, deal)
    if close is not None:
        args["close_date"] = close.isoformat()
        lines.append(
            ctx.t(
                "deal.change_close",
                old=close_label(ctx, deal.close_date),
                new=close_label(ctx, close),
            )
        )
    if not lines:
        text = ctx.t("deal.need_change", deal=esc(deal.title), account=esc(deal.account_name))
        return Answer([Reply(text)], intent=parsed.intent, entities=_entities(parsed, deal))
    entities = _entities(parsed, deal)
    if close is not None:
        entities["date"] = close.isoformat()
    text = ctx.t(
        "deal.propose_update",
        deal=esc(deal.title),
        account=esc(deal.account_name),
        changes="\n".join(lines),
    )
    return Answer(
        [_card(ctx, text, "deal.update", args)],
        intent=parsed.intent,
        entities=entities,
        data={**args, "confirmed": False},
    )


def _moved_close(ctx: Context, parsed: Parsed, deal: deals.DealRow) -> date | None:
    """A close date moved by a length ("empurra o fechamento uma semana"): counted from the
    deal's own close date, or from today when it has none."""
    if not parsed.shift:
        return None
    base = date.fromisoformat(deal.close_date) if deal.close_date else asking.today(ctx)
    return base + timedelta(days=parsed.shift)


@router.action("deal.pick")
async def pick_deal(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    scope = await asking.owner_ids(ctx)
    found = await ctx.store.read(asking.pinned_account, int(args["account_id"]), scope)
    if found.account is None:
        return Answer([Reply(ctx.t("deal.gone"))])
    parsed = await asking.parse_in_book(str(args["text"]), date.fromisoformat(args["today"]), ctx)
    handler = {
        "stage_change": propose_stage,
        "won": propose_won,
        "lost": propose_lost,
        "deal_update": propose_update,
    }.get(str(args.get("intent")))
    if handler is None:
        return Answer([Reply(ctx.t("deal.gone"))])
    return await handler(msg, ctx, parsed, found, int(args["deal_id"]))


def _apply(
    tx: Tx,
    deal_id: int,
    scope: list[int] | None,
    actor: Actor,
    now,
    changes: dict,
    reason: str,
) -> deals.Deal | None:
    """Write a confirmed change if the deal is still open and in the asker's book."""
    if not tx.deals.is_open_in_book(deal_id, scope):
        return None
    return tx.deals.update_deal(deal_id, actor=actor, now=now, reason=reason, **changes)


async def _confirm(
    ctx: Context, args: dict, changes: dict, reason: str, intent: str, done
) -> Answer:
    assert ctx.person is not None
    model = args.get("read_by_ai")
    if model:  # the change's one audit row names the model as well as the confirmer
        reason = f"{reason}; read by AI ({model}), confirmed by person:{ctx.person.id}"
    scope = await asking.owner_ids(ctx)
    deal = await ctx.store.write(
        _apply,
        int(args["deal_id"]),
        scope,
        Actor.person(ctx.person.id),
        ctx.now(),
        changes,
        reason,
    )
    if deal is None:
        return Answer([Reply(ctx.t("deal.gone"), edit=True)], intent=intent)
    return Answer(
        [Reply(done(deal), edit=True)],
        intent=intent,
        data={
            "deal_id": deal.id,
            "stage": deal.stage_key,
            "status": deal.status,
            "lost_reason": deal.lost_reason,
            "confirmed": True,
            **({"read_by": "ai", "model": model} if model else {}),
        },
    )


@router.action("deal.stage")
async def confirm_stage(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    target = await ctx.store.read(_stage, str(args["stage"]))
    if target is None:
        return Answer([Reply(ctx.t("deal.gone"), edit=True)])
    return await _confirm(
        ctx,
        args,
        {"stage_key": target.key},
        "chat: stage change",
        "stage_change",
        lambda d: ctx.t("deal.done_stage", deal=esc(d.title), stage=target.label(ctx.locale)),
    )


@router.action("deal.won")
async def confirm_won(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return await _confirm(
        ctx,
        args,
        {"status": "won"},
        "chat: won",
        "won",
        lambda d: ctx.t("deal.done_won", deal=esc(d.title)),
    )


@router.action("deal.lost")
async def confirm_lost(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    reason = str(args.get("reason"))
    if reason not in REASONS:
        reason = "other"
    return await _confirm(
        ctx,
        args,
        {"status": "lost", "lost_reason": reason},
        f"chat: lost ({reason})",
        "lost",
        lambda d: ctx.t(
            "deal.done_lost", deal=esc(d.title), reason=lost_reasons.label(ctx.locale, reason)
        ),
    )


@router.action("deal.update")
async def confirm_update(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    changes: dict[str, Any] = {k: args[k] for k in ("amount", "currency") if k in args}
    if "close_date" in args:
        changes["close_date"] = date.fromisoformat(str(args["close_date"]))
    answer = await _confirm(
        ctx,
        args,
        changes,
        "chat: deal update",
        "deal_update",
        lambda d: ctx.t(
            "deal.done_update",
            deal=esc(d.title),
            amount=fmt.money(d.amount, d.currency, ctx.locale),
            close=close_label(ctx, d.close_date),
        ),
    )
    if answer.data:
        answer.data.update({k: args[k] for k in ("amount", "close_date") if k in args})
    return answer

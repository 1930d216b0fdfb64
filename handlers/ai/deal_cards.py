"""A deal change the model read (stage, won, lost, amount) as a Confirm / Edit / Cancel card.

The card says exactly what the press will store: the deal, its stage from → to, the amount in
the reader's format, the lost reason. Nothing is written before the press. Confirm runs the
deal's own confirm action (deal_changes), told which model read it, so the change and its one
audit row stay one transaction and that row names the confirmer (its actor) and the model (its
reason). A question on the way (which account? which deal? which reason?) keeps the model's
reading in its buttons, so the answer completes the same card.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handlers.ai.schema import REASONS, Reading
from handlers.conversation import deal_changes, lost_reasons
from handlers.kernel import asking
from handlers.kernel import formatting as fmt
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.understanding.parse import Parsed
from storage.deals import DealRow
from storage.search import NameRow

DEAL_WRITES = ("stage_change", "won", "lost", "deal_update")
# The deal's own confirm action for each intent (handlers/conversation/deal_changes.py).
CONFIRMS = {
    "stage_change": "deal.stage",
    "won": "deal.won",
    "lost": "deal.lost",
    "deal_update": "deal.update",
}
# Actions of a question whose press would read the text again with the rules.
_ASKS = ("pick.account", "deal.pick")
PICK = "ai.pick"


def carry(answer: Answer, keep: dict[str, Any]) -> Answer:
    """The same question, its choice buttons turned into `ai.pick` with `keep` (the model's
    reading and name) added, so the choice completes this reading instead of the rules'."""
    replies = []
    for reply in answer.replies:
        choices = tuple(_kept(b, keep) for b in reply.choices)
        buttons = tuple(_kept(b, keep) for b in reply.buttons)
        replies.append(replace(reply, choices=choices, buttons=buttons))
    answer.replies = replies
    return answer


def _kept(button: Button, keep: dict[str, Any]) -> Button:
    if button.action not in _ASKS:
        return button
    return replace(button, action=PICK, args={**button.args, **keep})


async def deal_card(
    msg: Incoming,
    ctx: Context,
    parsed: Parsed,
    keep: dict[str, Any],
    pinned: Found | None = None,
    deal_id: int | None = None,
) -> Answer:
    """The card for a deal change read by the model, or the question that comes first."""
    deal = await deal_changes.open_deal(msg, ctx, parsed, pinned, deal_id)
    if isinstance(deal, Answer):
        return carry(deal, keep)
    if parsed.intent == "lost" and parsed.reason not in REASONS:
        return _ask_reason(ctx, parsed, deal, keep)
    lines, args = await _change(ctx, parsed, deal)
    if not lines:  # no stage, the same stage, nothing to update: the handler says which
        handler = asking.HANDLERS[parsed.intent]
        account = Found(account=NameRow(deal.account_id, deal.account_name))
        return await handler(msg, ctx, parsed, account, deal.id)  # type: ignore[call-arg]
    model = str(keep["model"])
    title = ctx.t("ai.card.title", model=esc(model))
    confirm = {**args, "deal_id": deal.id, "read_by_ai": model}
    edit = {**keep, "intent": parsed.intent, "deal_id": deal.id, "account_id": deal.account_id}
    reply = Reply(
        "\n".join([title, *lines]),
        private=True,
        buttons=(
            Button(ctx.t("ai.confirm"), CONFIRMS[parsed.intent], confirm, style="primary"),
            Button(ctx.t("ai.edit"), "ai.edit", edit),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )
    entities = {**parsed.entities(), "account": deal.account_name, "deal": deal.title}
    entities.pop("name", None)
    data = {"card": True, "written": False, "read_by": "ai", "model": model, **confirm}
    data.pop("read_by_ai")
    return Answer([reply], intent=parsed.intent, entities=entities, data=data)


async def _change(ctx: Context, parsed: Parsed, deal: DealRow) -> tuple[list[str], dict]:
    """The card's lines and the confirm action's arguments (no lines: nothing to change)."""
    names = {"deal": esc(deal.title), "account": esc(deal.account_name)}
    if parsed.intent == "won":
        amount = fmt.money(deal.amount, deal.currency, ctx.locale)
        return [ctx.t("ai.card.won", amount=amount, **names)], {}
    if parsed.intent == "lost":
        reason = lost_reasons.label(ctx.locale, parsed.reason)
        return [ctx.t("ai.card.lost", reason=reason, **names)], {"reason": parsed.reason}
    if parsed.intent == "stage_change":
        stages = await ctx.store.read(lambda tx: tx.stages.list_stages())
        target = next((s for s in stages if s.key == parsed.stage), None)
        if target is None or target.key == deal.stage_key:
            return [], {}
        old, new = deal.stage_label(ctx.locale), target.label(ctx.locale)
        return [ctx.t("ai.card.stage", old=old, new=new, **names)], {"stage": target.key}
    return _update(ctx, parsed, deal, names)


def _update(ctx: Context, parsed: Parsed, deal: DealRow, names: dict) -> tuple[list[str], dict]:
    args: dict[str, Any] = {}
    lines = []
    if parsed.amount is not None:
        currency = parsed.amount.currency or deal.currency
        args.update(amount=parsed.amount.value, currency=currency)
        old = fmt.money(deal.amount, deal.currency, ctx.locale)
        new = fmt.money(parsed.amount.value, currency, ctx.locale)
        lines.append(ctx.t("deal.change_amount", old=old, new=new))
    if parsed.date is not None:
        args["close_date"] = parsed.date.isoformat()
        old = deal_changes.close_label(ctx, deal.close_date)
        lines.append(
            ctx.t("deal.change_close", old=old, new=deal_changes.close_label(ctx, parsed.date))
        )
    if not lines:
        return [], {}
    return [ctx.t("ai.card.update", **names), *lines], args


def _ask_reason(ctx: Context, parsed: Parsed, deal: DealRow, keep: dict[str, Any]) -> Answer:
    """Lost without a reason: the reasons to pick from, each completing the model's card."""
    args = {**keep, "account_id": deal.account_id, "deal_id": deal.id}
    choices = tuple(
        Button(lost_reasons.label(ctx.locale, r), PICK, {**args, "reason": r}) for r in REASONS
    )
    text = ctx.t("deal.ask_reason", deal=esc(deal.title), account=esc(deal.account_name))
    reply = Reply(
        text, choices=choices, buttons=(Button(ctx.t("ask.cancel"), "ask.cancel"),), private=True
    )
    return Answer([reply], intent=parsed.intent, data={"deal_id": deal.id, "card": False})


async def stage_choices(ctx: Context, args: dict[str, Any], reading: Reading) -> Answer:
    """Edit on a stage card: every other stage, each opening the deal's own manual card."""
    stages = await ctx.store.read(lambda tx: tx.stages.list_stages())
    keep = {k: args[k] for k in ("account_id", "deal_id", "text", "today", "message_id")}
    choices = tuple(
        Button(s.label(ctx.locale)[:75], "ai.restage", {**keep, "stage": s.key})
        for s in stages
        if s.key != reading.stage
    )
    reply = Reply(
        ctx.t("ai.edit_stage"),
        choices=choices,
        buttons=(Button(ctx.t("ask.cancel"), "ask.cancel"),),
        private=True,
        edit=True,
    )
    return Answer([reply], intent="stage_change")

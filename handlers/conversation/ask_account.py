"""Questions about one account: its next step (or what its state suggests) and its status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from handlers.conversation import ask_team
from handlers.kernel import asking, lookup
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import answer, asker_zone, channel, days_since, item_label, money
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from storage.interface import Tx
from storage.timefmt import from_db, to_db

router = Router("ask_account")


@asking.reruns("next_step")
@router.intent("next_step")
async def next_step(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    found = await asking.resolve(msg, ctx, parsed, pinned, offer_create=True)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None and ctx.person is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    items, shared = await ctx.store.read(_planned, account.id, scope, day, asker_zone(ctx))
    name = esc(account.name)
    if items:
        item = items[0]
        due = (
            from_db(item.due).astimezone(asker_zone(ctx)).date()
            if item.source == "step"
            else date.fromisoformat(item.due)
        )
        text = ctx.t(
            "ask.next.step",
            account=name,
            channel=channel(item.channel, ctx.locale),
            what=item_label(ctx, item),
            when=_when(ctx, due, day),
        )
        data = {
            "source": item.source,
            "id": item.id,
            "due": due.isoformat(),
            "channel": item.channel,
        }
    else:
        text, data = await _suggest(ctx, account, scope, day, shared)
    if shared:
        text += "\n" + ctx.t("ask.shared")
    return answer(parsed, text, {**data, "shared": shared}, account=account.name)


def _rep_named(tx: Tx, name: str, person) -> int | None:
    """Someone else of the asker's team named in a status question, when the asker sees more
    than their own book (a manager, an admin); None otherwise."""
    scope = lookup.scope(tx, person)
    if scope is not None and len(scope) <= 1:
        return None
    rep = lookup.find_person(tx, name, scope)
    return rep.id if rep is not None and rep.id != person.id else None


def _planned(tx: Tx, account_id: int, scope, day: date, tz) -> tuple[list, bool]:
    """The book's planned steps and follow-ups at the account, earliest first, and whether
    anyone else works it: one read."""
    far = to_db(lookup.next_day_start_utc(day + timedelta(days=3650), tz))
    steps = tx.interactions.due_steps(scope, far, account_id=account_id, limit=1)
    follow_ups = tx.interactions.due_follow_ups(
        scope, day + timedelta(days=3650), account_id=account_id, limit=1
    )
    items = sorted([*steps, *follow_ups], key=lambda i: i.due[:10])
    return items, tx.books.others_at(account_id, scope)


async def _suggest(ctx: Context, account, scope, day: date, shared: bool) -> tuple[str, dict]:
    """No step is due: say what the account's state (as the asker's book has it) suggests."""
    touched = await ctx.store.read(lambda tx: tx.interactions.last_touch(account.id, scope))
    rows = await ctx.store.read(lambda tx: tx.deals.deal_rows(scope, account_id=account.id))
    late = [d for d in rows if d.close_date and date.fromisoformat(d.close_date) < day]
    idle = days_since(ctx, touched)
    name = esc(account.name)
    if touched is None:
        never = (
            "ask.next.never"
            if not shared or scope is None
            else "ask.next.never_me"
            if len(scope) == 1
            else "ask.next.never_team"
        )
        return ctx.t(never, account=name), {"suggestion": "first_touch"}
    if late:
        deal = late[0]
        assert deal.close_date is not None  # late: it has a close date, and it passed
        return (
            ctx.t(
                "ask.next.close_passed",
                deal=esc(deal.title),
                date=fmt.day(date.fromisoformat(deal.close_date), ctx.locale),
            ),
            {"suggestion": "update_close_date", "deal_id": deal.id},
        )
    if idle is not None and idle >= 7:
        return ctx.tn("ask.next.idle", idle, account=name, days=idle), {
            "suggestion": "call",
            "idle_days": idle,
        }
    return ctx.t("ask.next.meeting", account=name), {"suggestion": "book_meeting"}


def _when(ctx: Context, due: date, today: date) -> str:
    if due < today:
        return ctx.t("ask.why.overdue", days=fmt.day_count((today - due).days, ctx.locale))
    if due == today:
        return ctx.t("ask.why.due_today")
    return fmt.day(due, ctx.locale, weekday=True)


@asking.reruns("status")
@router.intent("status")
async def status(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    if pinned is None and parsed.mention is None and parsed.name:
        rep = await ctx.store.read(_rep_named, parsed.name, ctx.person)
        if rep is not None:  # "como tá a Carla?" from her manager: how she is doing
            return await ask_team.team_view(ctx, replace(parsed, intent="team"), only=rep)
    found = await asking.resolve(msg, ctx, parsed, pinned)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    view = await ctx.store.read(_status_view, account.id, scope, day, asker_zone(ctx))
    lines = [
        ctx.t("ask.status.title", account=esc(account.name), owner=esc(view["owner"]))
        if view["owner"]
        else ctx.t("ask.status.title_only", account=esc(account.name))
    ]
    for d in view["deals"]:
        amount = money(ctx, d.amount, d.currency)
        if d.status == "open":
            close = (
                fmt.day(date.fromisoformat(d.close_date), ctx.locale, year=True)
                if d.close_date
                else ctx.t("ask.no_date")
            )
            lines.append(
                ctx.t(
                    "ask.status.deal",
                    title=esc(d.title),
                    stage=d.stage_label(ctx.locale),
                    amount=amount,
                    close=close,
                )
            )
        else:
            lines.append(
                ctx.t(
                    "ask.status.deal_closed",
                    title=esc(d.title),
                    amount=amount,
                    status=ctx.t(f"ask.status.{d.status}"),
                )
            )
    if not view["deals"]:
        lines.append(ctx.t("ask.status.no_deals"))
    for step in view["steps"][:1]:
        due = from_db(step.due).astimezone(asker_zone(ctx)).date()
        lines.append(
            ctx.t(
                "ask.status.cadence",
                cadence=esc(step.cadence(ctx.locale) or "?"),
                step=(step.step_index or 0) + 1,
                when=_when(ctx, due, day),
            )
        )
    lines.append(
        ctx.t("ask.status.history") if view["history"] else ctx.t("ask.status.no_history")
    )
    for i in view["history"]:
        when = fmt.day(from_db(i.occurred_at).astimezone(asker_zone(ctx)).date(), ctx.locale)
        body = esc(i.body[:80] + ("…" if len(i.body) > 80 else ""))
        lines.append(f"- {when} · {channel(i.kind, ctx.locale)}" + (f": {body}" if body else ""))
    if view["shared"]:
        lines.append(ctx.t("ask.shared"))
    data = {
        "account": account.name,
        "owner": view["owner"],
        "deals": [
            {
                "id": d.id,
                "title": d.title,
                "stage": d.stage_key,
                "amount": d.amount,
                "currency": d.currency,
                "close_date": d.close_date,
                "status": d.status,
            }
            for d in view["deals"]
        ],
        "interactions": [
            {"id": i.id, "kind": i.kind, "occurred_at": i.occurred_at} for i in view["history"]
        ],
        "cadences": [
            {"enrolment_id": s.id, "step": s.step_index, "due": s.due} for s in view["steps"]
        ],
        "shared": view["shared"],
    }
    return answer(parsed, "\n".join(lines), data, account=account.name)


def _status_view(tx: Tx, account_id: int, scope, day: date, tz) -> dict:
    """Everything status shows, each part read from the asker's book only (storage.books)."""
    far = to_db(lookup.next_day_start_utc(day + timedelta(days=3650), tz))
    return {
        "owner": tx.accounts.owner_name(account_id, scope),
        "deals": tx.deals.deal_rows(scope, account_id=account_id, status=None, limit=10),
        "history": tx.interactions.recent_for_account(account_id, scope, 5),
        "steps": tx.interactions.due_steps(scope, far, account_id=account_id, limit=3),
        "shared": tx.books.others_at(account_id, scope),
    }

"""Questions about the asker's own book that read, never write: a contact's phone or e-mail,
won and lost deals, how much was sold against the target, the list of accounts and of cadences.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.conversation import lost_reasons
from handlers.kernel import asking, paging
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import LIST_LIMIT, answer, money, scope_label
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.dates import Period, month_period
from handlers.understanding.parse import Parsed
from storage import people
from storage.interface import Tx

router = Router("ask_book")

PAGE = 20


@paging.pages("contact_lookup")
@asking.reruns("contact_lookup")
@router.intent("contact_lookup")
async def contact_lookup(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    """ "qual o tel do Joaquim?", "Sarah's email?": only contacts of accounts in the book."""
    found = await asking.resolve(msg, ctx, parsed, pinned)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    contacts = await ctx.store.read(lambda tx: tx.accounts.contacts_of(account.id))
    if found.contact is not None:
        contacts = [c for c in contacts if c.id == found.contact.id] or contacts
    if not contacts:
        return answer(
            parsed,
            ctx.t("book.contacts.none", account=esc(account.name)),
            {"contacts": []},
            account=account.name,
        )
    lines = [ctx.t("book.contacts.title", account=esc(account.name))]
    shown = paging.page(ctx, LIST_LIMIT)
    for c in shown.of(contacts):
        parts = [esc(v) for v in (c.phone, c.email) if v] or [ctx.t("book.contacts.no_data")]
        role = f" ({esc(c.role)})" if c.role else ""
        lines.append(f"- *{esc(c.name)}*{role}: " + " · ".join(parts))
    data = {
        "contacts": [
            {"id": c.id, "name": c.name, "phone": c.phone, "email": c.email, "role": c.role}
            for c in shown.of(contacts)
        ]
    }
    rest, buttons = paging.more(ctx, parsed, shown, len(contacts))
    return answer(parsed, "\n".join(lines + rest), data, buttons, account=account.name)


def _period(parsed: Parsed, today: date) -> Period:
    return parsed.period or month_period(today.year, today.month)


async def _closed(ctx: Context, parsed: Parsed, status: str) -> Answer:
    scope = await asking.owner_ids(ctx)
    period = _period(parsed, asking.today(ctx))
    rows = await ctx.store.read(
        lambda tx: tx.results.closed_deals(scope, status, period.start, period.end)
    )
    start, end = fmt.day(period.start, ctx.locale), fmt.day(period.end, ctx.locale)
    said = period.as_json()
    if not rows:
        return answer(
            parsed,
            ctx.t(f"book.{status}.none", start=start, end=end),
            {"deals": [], "total": 0},
            period=said,
        )
    currency = await ctx.store.read(lambda tx: tx.deals.main_currency(scope))
    total = sum(r.amount for r in rows)
    lines = [
        ctx.t(
            f"book.{status}.title",
            start=start,
            end=end,
            who=scope_label(ctx, scope),
            count=len(rows),
            total=money(ctx, total, currency),
        )
    ]
    many_owners = len({r.owner_name for r in rows}) > 1
    shown = paging.page(ctx, LIST_LIMIT * 2)
    for r in shown.of(rows):
        extra = f" · {lost_reasons.label(ctx.locale, r.lost_reason)}" if status == "lost" else ""
        owner = f" · {esc(r.owner_name)}" if many_owners else ""
        lines.append(
            f"- *{esc(r.title)}* ({esc(r.account_name)}): "
            f"{money(ctx, r.amount, r.currency)}{extra}{owner}"
        )
    rest, buttons = paging.more(ctx, parsed, shown, len(rows))
    data = {
        "deals": [
            {
                "id": r.id,
                "title": r.title,
                "account": r.account_name,
                "amount": r.amount,
                "closed_on": r.closed_on,
                "lost_reason": r.lost_reason,
            }
            for r in rows
        ],
        "total": total,
    }
    return answer(parsed, "\n".join(lines + rest), data, buttons, period=said)


@paging.pages("won_list")
@router.intent("won_list")
async def won_list(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    return await _closed(ctx, parsed, "won")


@paging.pages("lost_list")
@router.intent("lost_list")
async def lost_list(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    return await _closed(ctx, parsed, "lost")


def _sales_view(tx: Tx, person: people.Person, scope: list[int] | None, period: Period) -> dict:
    own = tx.results.won_total(scope, period.start, period.end)
    team = tx.people.get_team(person.team_id) if person.team_id else None
    team_won = None
    if team is not None and team.target_amount:
        members = tx.results.team_member_ids(team.id)
        team_won = tx.results.won_total(members, period.start, period.end)[0]
    return {
        "own": own,
        "team": team,
        "team_won": team_won,
        "currency": tx.deals.main_currency(scope),
    }


@router.intent("my_sales")
async def my_sales(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    """ "quanto vendi esse mês?", "how far am I from target?"."""
    assert ctx.person is not None
    scope = await asking.owner_ids(ctx)
    period = _period(parsed, asking.today(ctx))
    view = await ctx.store.read(_sales_view, ctx.person, scope, period)
    total, count = view["own"]
    who = "all" if scope is None else ("team" if len(scope) > 1 else "me")
    lines = [
        ctx.tn(
            "book.sales",
            count,
            start=fmt.day(period.start, ctx.locale),
            end=fmt.day(period.end, ctx.locale),
            who_verb=ctx.t(f"book.sales.{who}"),
            total=money(ctx, total, view["currency"]),
        )
    ]
    data: dict[str, Any] = {"won": total, "count": count, "target": None}
    team = view["team"]
    if team is not None and team.target_amount:
        done, target = view["team_won"], team.target_amount
        gap = target - done
        lines.append(
            ctx.t(
                "book.target",
                team=esc(team.name),
                target=money(ctx, target, team.target_currency),
                done=money(ctx, done, team.target_currency),
                share=fmt.percent(done / target, ctx.locale),
                gap=ctx.t("book.target.gap", amount=money(ctx, gap, team.target_currency))
                if gap > 0
                else ctx.t("book.target.hit"),
            )
        )
        data.update(target=target, team_won=done, gap=max(0.0, gap))
    else:
        lines.append(ctx.t("book.target.none"))
    return answer(parsed, "\n".join(lines), data, period=period.as_json())


async def _accounts_page(ctx: Context, page: int, parsed: Parsed | None) -> Answer:
    scope = await asking.owner_ids(ctx)
    rows = await ctx.store.read(lambda tx: tx.accounts.list_accounts(scope))
    if not rows:
        return Answer(
            [Reply(ctx.t("book.accounts.none"), private=True)],
            intent="list_accounts",
            data={"accounts": [], "total": 0},
        )
    shown = rows[page * PAGE : (page + 1) * PAGE]
    lines = [ctx.t("book.accounts.title", count=len(rows))] if page == 0 else []
    lines += [f"{page * PAGE + n}. {esc(a.name)}" for n, a in enumerate(shown, start=1)]
    more: tuple[Button, ...] = ()
    if (page + 1) * PAGE < len(rows):
        more = (Button(ctx.t("book.accounts.more"), "accounts.page", {"page": page + 1}),)
    return Answer(
        [Reply("\n".join(lines), buttons=more, private=True)],
        intent="list_accounts",
        data={
            "accounts": [{"id": a.id, "name": a.name} for a in shown],
            "total": len(rows),
            "page": page,
        },
    )


@router.intent("list_accounts")
async def list_accounts(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    return await _accounts_page(ctx, 0, parsed)


@router.action("accounts.page")
async def accounts_page(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return await _accounts_page(ctx, max(0, int(args.get("page", 0))), None)


@router.intent("list_cadences")
async def list_cadences(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    found = await ctx.store.read(lambda tx: tx.cadences.list_all())
    if not found:
        return answer(parsed, ctx.t("book.cadences.none"), {"cadences": []})
    lines = [ctx.t("book.cadences.title")]
    for c in found:
        name = c.name(ctx.locale)
        lines.append(
            ctx.tn(
                "book.cadences.line",
                len(c.definition.get("steps", [])),
                name=esc(name),
                cadence=esc(c.key),
                steps=len(c.definition.get("steps", [])),
            )
        )
    data = {
        "cadences": [
            {
                "key": c.key,
                "name": c.name(ctx.locale),
                "kind": c.kind,
                "steps": len(c.definition.get("steps", [])),
            }
            for c in found
        ]
    }
    return answer(parsed, "\n".join(lines), data)

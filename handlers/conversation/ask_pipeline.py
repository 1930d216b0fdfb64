"""Questions about deals in the book: pipeline by stage, forecast, what is closing and what
has stalled; a manager may narrow any of them to one rep by name.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from handlers.kernel import asking, paging
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import LIST_LIMIT, answer, days_since, money, scope_for, scope_label
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming
from handlers.kernel.router import Router
from handlers.understanding.dates import Period, month_period
from handlers.understanding.parse import Parsed
from handlers.understanding.text import normalize
from storage import deals
from storage.timefmt import to_db

router = Router("ask_pipeline")

_BY_REP = re.compile(r"\b(?:por (?:vendedor|rep|pessoa)|by rep|per rep|breakdown|detalhado)\b")


@router.intent("pipeline")
async def pipeline(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    scope, refusal, parsed = await scope_for(ctx, parsed)
    if refusal:
        return refusal
    stages = await ctx.store.read(lambda tx: tx.deals.pipeline_by_stage(scope, parsed.stage))
    currency = await ctx.store.read(lambda tx: tx.deals.main_currency(scope))
    who = (
        scope_label(ctx, scope)
        if not parsed.name or scope is None or len(scope) != 1
        else esc(parsed.name)
    )
    lines = [ctx.t("ask.pipeline.title", who=who)]
    for s in stages:
        lines.append(
            ctx.t(
                "ask.pipeline.line",
                stage=s.label(ctx.locale),
                count=s.count,
                amount=money(ctx, s.amount, currency),
                weighted=money(ctx, s.weighted, currency),
            )
        )
    count, amount, weighted = (
        sum(s.count for s in stages),
        sum(s.amount for s in stages),
        sum(s.weighted for s in stages),
    )
    lines.append(
        ctx.t(
            "ask.pipeline.total",
            count=count,
            amount=money(ctx, amount, currency),
            weighted=money(ctx, weighted, currency),
        )
    )
    data: dict = {
        "stages": [
            {
                "stage": s.key,
                "label": s.label(ctx.locale),
                "count": s.count,
                "amount": round(s.amount, 2),
                "weighted": round(s.weighted, 2),
            }
            for s in stages
        ],
        "total": {"count": count, "amount": round(amount, 2), "weighted": round(weighted, 2)},
        "currency": currency,
    }
    if (scope is None or len(scope) > 1) and _BY_REP.search(normalize(parsed.text)):
        reps = await ctx.store.read(lambda tx: tx.deals.pipeline_by_owner(scope))
        lines.append(ctx.t("ask.pipeline.by_rep"))
        lines += [
            ctx.t(
                "ask.rep_line",
                name=esc(r.name),
                count=r.count,
                amount=money(ctx, r.amount, currency),
                weighted=money(ctx, r.weighted, currency),
            )
            for r in reps
        ]
        data["by_rep"] = [
            {
                "person": r.name,
                "count": r.count,
                "amount": round(r.amount, 2),
                "weighted": round(r.weighted, 2),
            }
            for r in reps
        ]
    return answer(parsed, "\n".join(lines), data)


def _period(parsed: Parsed, today: date) -> Period:
    if parsed.period is not None:
        return parsed.period
    if parsed.date is not None:
        return Period(parsed.date, parsed.date)
    return month_period(today.year, today.month)


@router.intent("forecast")
async def forecast(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    if (bad := asking.problem(ctx, parsed)) is not None:
        return bad
    scope, refusal, parsed = await scope_for(ctx, parsed)
    if refusal:
        return refusal
    period = _period(parsed, asking.today(ctx))
    reps = await ctx.store.read(
        lambda tx: tx.deals.forecast_by_owner(scope, period.start, period.end)
    )
    currency = await ctx.store.read(lambda tx: tx.deals.main_currency(scope))
    total = deals.total_forecast(reps)
    m = lambda v: money(ctx, v, currency)  # noqa: E731
    lines = [
        ctx.t(
            "ask.forecast.title",
            start=fmt.day(period.start, ctx.locale),
            end=fmt.day(period.end, ctx.locale),
            who=scope_label(ctx, scope),
        ),
        ctx.tn(
            "ask.forecast.body",
            total.open_count,
            weighted=m(total.weighted),
            committed=m(total.committed),
            best=m(total.best_case),
            won=m(total.won),
        ),
    ]
    data: dict = {
        "period": period.as_json(),
        "currency": currency,
        **{k: round(getattr(total, k), 2) for k in ("weighted", "committed", "best_case", "won")},
        "open_count": total.open_count,
    }
    if scope is None or len(scope) > 1:
        lines += [
            ctx.t(
                "ask.forecast.rep",
                name=esc(r.name),
                weighted=m(r.forecast.weighted),
                committed=m(r.forecast.committed),
            )
            for r in reps
        ]
        data["by_rep"] = [
            {
                "person": r.name,
                "weighted": round(r.forecast.weighted, 2),
                "committed": round(r.forecast.committed, 2),
                "best_case": round(r.forecast.best_case, 2),
            }
            for r in reps
        ]
    return answer(parsed, "\n".join(lines), data, period=period.as_json())


def _deal_lines(ctx: Context, rows: list[deals.DealRow], when) -> list[str]:
    return [
        ctx.t(
            "ask.deal_line",
            account=esc(d.account_name),
            title=esc(d.title),
            amount=money(ctx, d.amount, d.currency),
            stage=d.stage_label(ctx.locale),
            when=when(d),
        )
        for d in rows
    ]


def _deal_data(rows: list[deals.DealRow]) -> list[dict]:
    return [
        {
            "id": d.id,
            "account": d.account_name,
            "title": d.title,
            "owner": d.owner_name,
            "stage": d.stage_key,
            "amount": d.amount,
            "currency": d.currency,
            "close_date": d.close_date,
            "last_touch": d.last_touch,
        }
        for d in rows
    ]


@paging.pages("closing")
@router.intent("closing")
async def closing(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    if (bad := asking.problem(ctx, parsed)) is not None:
        return bad
    scope, refusal, parsed = await scope_for(ctx, parsed)
    if refusal:
        return refusal
    period = _period(parsed, asking.today(ctx))
    shown = paging.page(ctx, LIST_LIMIT)
    rows = await ctx.store.read(
        lambda tx: tx.deals.deal_rows(
            scope,
            close_from=period.start,
            close_to=period.end,
            limit=shown.size,
            offset=shown.start,
        )
    )
    count, amount = await ctx.store.read(
        lambda tx: tx.deals.count_deals(scope, close_from=period.start, close_to=period.end)
    )
    start, end = fmt.day(period.start, ctx.locale), fmt.day(period.end, ctx.locale)
    currency = rows[0].currency if rows else "BRL"
    buttons: tuple = ()
    if not rows:
        text = ctx.t("ask.closing.none", start=start, end=end)
    else:
        lines = [
            ctx.t(
                "ask.closing.title",
                start=start,
                end=end,
                count=count,
                amount=money(ctx, amount, currency),
            )
        ]
        lines += _deal_lines(
            ctx, rows, lambda d: fmt.day(date.fromisoformat(d.close_date), ctx.locale)
        )
        rest, buttons = paging.more(ctx, parsed, shown, count)
        text = "\n".join(lines + rest)
    data = {
        "period": period.as_json(),
        "count": count,
        "amount": round(amount, 2),
        "deals": _deal_data(rows),
    }
    return answer(parsed, text, data, buttons, period=period.as_json())


@paging.pages("stalled")
@router.intent("stalled")
async def stalled(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    scope, refusal, parsed = await scope_for(ctx, parsed)
    if refusal:
        return refusal
    day = asking.today(ctx)
    days = ctx.options.stalled_days
    if parsed.date is not None and parsed.date < day:
        days = (day - parsed.date).days  # "parados há 30 dias"
    since = to_db(ctx.now() - timedelta(days=days))
    shown = paging.page(ctx, LIST_LIMIT)
    rows = await ctx.store.read(
        lambda tx: tx.deals.deal_rows(
            scope, idle_since=since, limit=shown.size, offset=shown.start
        )
    )
    buttons: tuple = ()
    count, amount = await ctx.store.read(lambda tx: tx.deals.count_deals(scope, idle_since=since))
    if not rows:
        text = ctx.tn("ask.stalled.none", days, days=days)
    else:

        def touched(d: deals.DealRow) -> str:
            idle = days_since(ctx, d.last_touch)
            return (
                ctx.t("ask.why.never")
                if idle is None
                else ctx.t("ask.last_touch", ago=fmt.days_ago(idle, ctx.locale))
            )

        lines = [
            ctx.t(
                "ask.stalled.title",
                days=days,
                count=count,
                amount=money(ctx, amount, rows[0].currency),
            )
        ]
        lines += _deal_lines(ctx, rows, touched)
        rest, buttons = paging.more(ctx, parsed, shown, count)
        text = "\n".join(lines + rest)
    data = {"days": days, "count": count, "amount": round(amount, 2), "deals": _deal_data(rows)}
    return answer(parsed, text, data, buttons)

"""The digest as words and numbers: phone-sized text in pt-BR or English, and data for scripts.

Split from handlers/reports/digest.py, which computes a digest and delivers it; this module only
presents one: headline numbers first, a few items per section (or up to FULL_ITEMS in the full
version), money and dates formatted per locale with Babel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_percent

from handlers.conversation import lost_reasons
from handlers.kernel.formatting import babel_locale
from handlers.kernel.i18n import t, tn
from handlers.kernel.markup import esc
from handlers.reports import (
    conversion_metrics,
    deal_metrics,
    rep_metrics,
)
from storage import metrics as sm

if TYPE_CHECKING:
    from handlers.reports.digest_model import Digest

SHORT_ITEMS = 3
# Even the full version must fit one chat message (Telegram: 4,096 characters).
FULL_ITEMS = 10
SHORT_KINDS = 3  # interaction kinds per rep in the short digest; the rest are summed
T = TypeVar("T")


# --- formatting ------------------------------------------------------------------------------


def _babel(locale: str) -> str:
    return babel_locale(locale)


def money(amount: float, currency: str, locale: str) -> str:
    """Compact money for a phone screen: R$ 118 mil, R$1.5M."""
    return format_compact_currency(amount, currency, locale=_babel(locale), fraction_digits=1)


def percent(value: float | None, locale: str) -> str:
    return "—" if value is None else format_percent(value, locale=_babel(locale))


def day(value: date | datetime, locale: str, weekday: bool = False) -> str:
    return format_skeleton("MMMEd" if weekday else "MMMd", value, locale=_babel(locale))


def month(value: date, locale: str) -> str:
    return format_skeleton("MMMy", value, locale=_babel(locale))


# --- the text --------------------------------------------------------------------------------


def render(d: Digest, locale: str, full: bool = False, page: int = 0) -> str:
    """The digest in `locale`: headline numbers, then sections of a few items each (or, if
    `full`, up to FULL_ITEMS each plus the pipeline by stage and conversion by segment).

    A later `page` of the full digest is its title and the next FULL_ITEMS of each list that
    goes on that far (the Next page button of a team with hundreds of stalled deals)."""
    limit = FULL_ITEMS if full else SHORT_ITEMS
    if page > 0:
        start = page * FULL_ITEMS
        title = t(locale, "digest.title", team=esc(d.team_name), day=day(d.today, locale, True))
        sections = [
            title,
            _needs_you(d, locale, FULL_ITEMS, start),
            _since(d, locale, FULL_ITEMS, start),
            _activity(d, locale, FULL_ITEMS, True, start),
        ]
        return "\n\n".join(s for s in sections if s)
    sections = [
        _headline(d, locale),
        _needs_you(d, locale, limit),
        _since(d, locale, limit),
        _activity(d, locale, limit, full),
    ]
    if full:
        sections.append(_stages(d, locale))
    sections += [_conversion(d, locale, full), _cadences(d, locale, limit), _accuracy(d, locale)]
    if not full:
        sections.append(t(locale, "digest.ask_more"))
    return "\n\n".join(s for s in sections if s)


def _headline(d: Digest, locale: str) -> str:
    p, cur = d.pipeline, d.pipeline.currency
    lines = [t(locale, "digest.title", team=esc(d.team_name), day=day(d.today, locale, True))]
    amounts = dict(forecast=money(p.weighted, cur, locale), won=money(p.won, cur, locale))
    if p.target:
        pct = percent(p.attainment, locale)
        target = money(p.target, cur, locale)
        lines.append(t(locale, "digest.forecast", target=target, pct=pct, **amounts))
    else:
        lines.append(t(locale, "digest.forecast_no_target", **amounts))
    open_line = tn(locale, "digest.open", p.open_count, amount=money(p.open_amount, cur, locale))
    if p.other_currency:
        open_line += " " + t(locale, "digest.other_currency", count=p.other_currency)
    lines.append(open_line)
    if d.own_due is not None:
        lines.append(t(locale, "digest.own_day", count=d.own_due))
    if not d.reps:
        lines.append(t(locale, "digest.empty_team"))
        return "\n".join(lines)
    lines.append(
        t(
            locale,
            "digest.yesterday",
            interactions=tn(
                locale, "digest.yesterday.logged", sum(a.interactions for a in d.activity)
            ),
            done=tn(locale, "digest.yesterday.done", sum(a.done for a in d.activity)),
            overdue=sum(o.count for o in d.overdue),
        )
    )
    return "\n".join(lines)


def _lists(d: Digest) -> tuple[Sequence[object], ...]:
    mv = d.movements
    return (d.overdue, d.silent, d.stalled, mv.won, mv.lost, mv.advanced, d.activity)


def has_page(d: Digest, page: int) -> bool:
    """Whether page `page` (0 = the full digest itself) of the full digest has any item."""
    return page == 0 or any(len(items) > page * FULL_ITEMS for items in _lists(d))


def _needs_you(d: Digest, locale: str, limit: int, start: int = 0) -> str:
    def overdue(o: rep_metrics.RepOverdue) -> str:
        return t(
            locale,
            "digest.overdue_rep",
            name=esc(o.name),
            count=o.count,
            label=esc(o.oldest_label),
            day=day(o.oldest_due_at, locale),
        )

    def stalled(s: deal_metrics.StalledDeal) -> str:
        amount = money(s.deal.amount, s.deal.currency, locale)
        days = s.idle_days
        return tn(
            locale, "digest.stalled", days, title=esc(s.deal.title), amount=amount, days=days
        )

    items = _cut(d.overdue, limit, locale, overdue, start)
    if len(d.silent) > start:
        never = t(locale, "digest.never")
        names = ", ".join(
            f"{esc(s.name)} ({day(s.last_logged_at, locale) if s.last_logged_at else never})"
            for s in d.silent[start : start + limit]
        )
        extra = max(0, len(d.silent) - start - limit)
        names += f" +{extra}" if extra else ""
        items.append(t(locale, "digest.silent", days=d.silent_days, names=names))
    items += _cut(d.stalled, limit, locale, stalled, start)
    return _section(t(locale, "digest.needs_you"), items)


def _since(d: Digest, locale: str, limit: int, start: int = 0) -> str:
    labels = {s.stage.key: s.stage.label(locale) for s in d.pipeline.stages}

    def won(x: sm.Deal) -> str:
        amount = money(x.amount, x.currency, locale)
        return t(locale, "digest.won", title=esc(x.title), amount=amount)

    def lost(x: sm.Deal) -> str:
        reason = lost_reasons.label(locale, x.lost_reason)
        amount = money(x.amount, x.currency, locale)
        return t(locale, "digest.lost", title=esc(x.title), amount=amount, reason=reason)

    def moved(x: deal_metrics.DealMove) -> str:
        return t(
            locale,
            "digest.moved",
            title=esc(x.deal.title),
            from_stage=esc(labels.get(x.from_stage or "", x.from_stage or "—")),
            to_stage=esc(labels.get(x.to_stage or "", x.to_stage or "—")),
        )

    mv = d.movements
    created = len(mv.created) if start == 0 else 0  # one line, on the first page only
    items = (
        _cut(mv.won, limit, locale, won, start)
        + _cut(mv.lost, limit, locale, lost, start)
        + ([tn(locale, "digest.created", created)] if created else [])
        + _cut(mv.advanced, limit, locale, moved, start)
    )
    return _section(t(locale, "digest.since"), items)


def _activity(d: Digest, locale: str, limit: int, full: bool, start: int = 0) -> str:
    def row(a: rep_metrics.RepActivity) -> str:
        kinds = sorted(a.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = kinds if full else kinds[:SHORT_KINDS]
        parts = []
        if kinds:
            listed = ", ".join(f"{t(locale, f'digest.kind.{kind}')} {n}" for kind, n in shown)
            listed += "…" if len(shown) < len(kinds) else ""
            parts.append(tn(locale, "digest.logged", a.interactions, kinds=listed))
        counts = {"done": a.done, "skipped": a.skipped, "snoozed": a.snoozed}
        parts += [f"{t(locale, f'digest.step.{k}')} {n}" for k, n in counts.items() if n]
        text = ", ".join(parts) or t(locale, "digest.nothing")
        return t(locale, "digest.activity_rep", name=esc(a.name), parts=text)

    return _section(t(locale, "digest.activity"), _cut(d.activity, limit, locale, row, start))


def _stages(d: Digest, locale: str) -> str:
    cur = d.pipeline.currency
    rows = [
        t(
            locale,
            "digest.stage_row",
            stage=esc(s.stage.label(locale)),
            count=s.count,
            amount=money(s.amount, cur, locale),
            weighted=money(s.weighted, cur, locale),
        )
        for s in d.pipeline.stages
    ]
    return _section(t(locale, "digest.pipeline"), rows)


def _conversion(d: Digest, locale: str, full: bool) -> str:
    overall = d.conversion.overall
    steps = [s for s in overall.steps if s.entered]
    if not steps and not overall.won:
        return ""
    labels = {s.stage.key: s.stage.label(locale) for s in d.pipeline.stages}
    labels[conversion_metrics.WON] = t(locale, "digest.won_stage")

    def arrow(s: conversion_metrics.StageConversion) -> str:
        return f"{esc(labels.get(s.from_key, s.from_key))}→{esc(labels.get(s.to_key, s.to_key))}"

    cycle = overall.avg_cycle_days
    days = "—" if cycle is None else tn(locale, "digest.days", round(cycle), days=round(cycle))
    if not full:
        last = overall.steps[-1]
        weakest = min(steps, key=lambda s: s.rate or 0.0) if steps else None
        return t(
            locale,
            "digest.conversion_short",
            last=esc(labels.get(last.from_key, last.from_key)),
            win=percent(last.rate, locale),
            weakest=f"{arrow(weakest)} {percent(weakest.rate, locale)}" if weakest else "—",
            days=days,
        )
    rates = " · ".join(f"{arrow(s)} {percent(s.rate, locale)}" for s in steps)
    lines = [t(locale, "digest.conversion", rates=rates or t(locale, "digest.none"))]
    if cycle is not None:
        lines.append(tn(locale, "digest.cycle", overall.won, days=days, won=overall.won))
    segments = sorted(d.conversion.by_segment.items(), key=lambda kv: (-kv[1].won, kv[0]))
    lines += [
        t(
            locale,
            "digest.segment",
            segment=esc(name),
            rate=percent(c.steps[-1].rate if c.steps else None, locale),
            days="—"
            if c.avg_cycle_days is None
            else tn(locale, "digest.days", round(c.avg_cycle_days), days=round(c.avg_cycle_days)),
        )
        for name, c in segments
    ]
    return "\n".join(lines)


def _cadences(d: Digest, locale: str, limit: int) -> str:
    if not d.cadences:
        return ""
    shown = d.cadences[:limit]
    rows = " · ".join(
        f"{esc(c.name(locale))} {percent(c.rate, locale)} ({c.replies}/{c.enrolments})"
        for c in shown
    )
    if len(shown) < len(d.cadences):
        rows += f" +{len(d.cadences) - len(shown)}"
    return t(locale, "digest.cadences", rows=rows)


def _accuracy(d: Digest, locale: str) -> str:
    a, cur = d.accuracy, d.pipeline.currency
    name = month(a.period_start, locale)
    if a.accuracy is None or a.mean_forecast is None:
        return t(locale, "digest.accuracy_none", month=name)
    return t(
        locale,
        "digest.accuracy",
        month=name,
        pct=percent(a.accuracy, locale),
        forecast=money(a.mean_forecast, cur, locale),
        actual=money(a.actual, cur, locale),
    )


def _cut(
    items: Sequence[T], limit: int, locale: str, fmt: Callable[[T], str], start: int = 0
) -> list[str]:
    """`limit` items from `start` formatted (only those: a team can have thousands of stalled
    deals), then a line counting the rest."""
    shown = [fmt(x) for x in items[start : start + limit]]
    rest = len(items) - start - limit
    return shown + [t(locale, "digest.more", count=rest)] if rest > 0 else shown


def _section(title: str, items: list[str]) -> str:
    return "\n".join([title, *items]) if items else ""


# --- data for scripts ------------------------------------------------------------------------


def to_data(d: Digest) -> dict[str, Any]:
    """The numbers behind the text, for `--json` and `ritmo ask --json`."""
    p = d.pipeline
    return {
        "team": d.team_name,
        "date": d.today.isoformat(),
        "currency": p.currency,
        "own_due": d.own_due,
        "forecast": {
            "won": p.won,
            "weighted": p.weighted,
            "committed": p.committed,
            "best_case": p.best_case,
            "target": p.target,
            "attainment": p.attainment,
        },
        "pipeline": [
            {"stage": s.stage.key, "count": s.count, "amount": s.amount, "weighted": s.weighted}
            for s in p.stages
        ],
        "activity": [
            {
                "rep": a.name,
                "interactions": dict(a.by_kind),
                "done": a.done,
                "skipped": a.skipped,
                "snoozed": a.snoozed,
            }
            for a in d.activity
        ],
        "overdue": [
            {
                "rep": o.name,
                "count": o.count,
                "oldest": o.oldest_label,
                "oldest_due_at": o.oldest_due_at.isoformat(),
            }
            for o in d.overdue
        ],
        "silent": [
            {
                "rep": s.name,
                "last_logged_at": s.last_logged_at.isoformat() if s.last_logged_at else None,
            }
            for s in d.silent
        ],
        "won": [_deal(x) for x in d.movements.won],
        "lost": [dict(_deal(x), reason=x.lost_reason) for x in d.movements.lost],
        "created": [_deal(x) for x in d.movements.created],
        "moved": [
            dict(_deal(x.deal), from_stage=x.from_stage, to_stage=x.to_stage)
            for x in d.movements.advanced
        ],
        "stalled": [dict(_deal(s.deal), idle_days=s.idle_days) for s in d.stalled],
        "conversion": _conversion_data(d.conversion.overall),
        "conversion_by_segment": {
            k: _conversion_data(v) for k, v in d.conversion.by_segment.items()
        },
        "cadences": [
            {
                "cadence": c.cadence_key,
                "enrolments": c.enrolments,
                "replies": c.replies,
                "rate": c.rate,
            }
            for c in d.cadences
        ],
        "forecast_accuracy": {
            "period_start": d.accuracy.period_start.isoformat(),
            "period_end": d.accuracy.period_end.isoformat(),
            "snapshots": d.accuracy.snapshots,
            "actual": d.accuracy.actual,
            "mean_forecast": d.accuracy.mean_forecast,
            "accuracy": d.accuracy.accuracy,
            "bias": d.accuracy.bias,
        },
    }


def _deal(x: sm.Deal) -> dict[str, Any]:
    return {"id": x.id, "title": x.title, "amount": x.amount, "currency": x.currency}


def _conversion_data(c: conversion_metrics.Conversion) -> dict[str, Any]:
    return {
        "steps": [
            {
                "from": s.from_key,
                "to": s.to_key,
                "entered": s.entered,
                "advanced": s.advanced,
                "rate": s.rate,
            }
            for s in c.steps
        ],
        "won": c.won,
        "avg_cycle_days": c.avg_cycle_days,
    }

"""The manager digest: its content from a team's metrics, and the `digest`/`team` chat handlers.

One function builds the numbers (`compute`), one turns them into phone-sized text
(`render`): headline numbers first, at most a few items per section, and a button (or
`team`) for the whole list. The scheduled job, the chat and `ritmo digest` all go through
`manager_digests`, so the three can never disagree.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import holidays
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_percent

from handlers import metrics as m
from handlers.context import Context, Options
from handlers.i18n import register, t
from handlers.markup import esc
from handlers.messages import Answer, Button, Image, Incoming, Reply
from handlers.router import Router
from storage import metrics as sm
from storage import people
from storage.db import Store
from storage.forecasts import Forecast
from storage.metrics import Span, TeamData
from storage.people import Person
from storage.text import fold

SHORT_ITEMS = 3
# Even the full version must fit one chat message (Telegram: 4,096 characters).
FULL_ITEMS = 10
SHORT_KINDS = 3  # interaction kinds per rep in the short digest; the rest are summed
T = TypeVar("T")

register(
    {
        "digest.title": {"pt-BR": "*Resumo · {team}* — {day}", "en": "*Digest · {team}* — {day}"},
        "digest.forecast": {
            "pt-BR": "*Previsão do mês:* {forecast} de {target} ({pct}) · ganho {won}",
            "en": "*Month forecast:* {forecast} of {target} ({pct}) · won {won}",
        },
        "digest.forecast_no_target": {
            "pt-BR": "*Previsão do mês:* {forecast} (sem meta) · ganho {won}",
            "en": "*Month forecast:* {forecast} (no target) · won {won}",
        },
        "digest.open": {
            "pt-BR": "*Pipeline aberto:* {amount} em {count} negócios",
            "en": "*Open pipeline:* {amount} in {count} deals",
        },
        "digest.other_currency": {
            "pt-BR": "({count} em outra moeda fora da conta)",
            "en": "({count} in another currency not included)",
        },
        "digest.yesterday": {
            "pt-BR": "*Último dia útil:* {interactions} registros, {done} passos feitos · "
            "*atrasados:* {overdue}",
            "en": "*Last business day:* {interactions} logged, {done} steps done · "
            "*overdue:* {overdue}",
        },
        "digest.own_day": {
            "pt-BR": "*Seus passos para hoje:* {count} — pergunte «o que tenho hoje?» para a lista",
            "en": "*Your own steps today:* {count} — ask “what's due today?” for the list",
        },
        "digest.needs_you": {"pt-BR": "*Precisa de você*", "en": "*Needs you*"},
        "digest.overdue_rep": {
            "pt-BR": "- {name}: {count} em atraso (mais antigo: {label}, {day})",
            "en": "- {name}: {count} overdue (oldest: {label}, {day})",
        },
        "digest.silent": {
            "pt-BR": "- Sem registrar nada há {days}+ dias: {names}",
            "en": "- Nothing logged in {days}+ days: {names}",
        },
        "digest.never": {"pt-BR": "nunca", "en": "never"},
        "digest.stalled": {
            "pt-BR": "- Parado: {title} · {amount} · {days} dias sem contato",
            "en": "- Stalled: {title} · {amount} · {days} days untouched",
        },
        "digest.since": {"pt-BR": "*Desde o último resumo*", "en": "*Since the last digest*"},
        "digest.won": {"pt-BR": "- Ganho: {title} · {amount}", "en": "- Won: {title} · {amount}"},
        "digest.lost": {
            "pt-BR": "- Perdido: {title} · {amount} ({reason})",
            "en": "- Lost: {title} · {amount} ({reason})",
        },
        "digest.moved": {
            "pt-BR": "- {title}: {from_stage} → {to_stage}",
            "en": "- {title}: {from_stage} → {to_stage}",
        },
        "digest.activity": {"pt-BR": "*Atividade por vendedor*", "en": "*Activity per rep*"},
        "digest.activity_rep": {"pt-BR": "- {name}: {parts}", "en": "- {name}: {parts}"},
        "digest.logged.one": {"pt-BR": "1 registro ({kinds})", "en": "1 logged ({kinds})"},
        "digest.logged.other": {
            "pt-BR": "{count} registros ({kinds})",
            "en": "{count} logged ({kinds})",
        },
        "digest.nothing": {"pt-BR": "nada registrado", "en": "nothing logged"},
        "digest.step.done": {"pt-BR": "passos feitos", "en": "steps done"},
        "digest.step.skipped": {"pt-BR": "pulados", "en": "skipped"},
        "digest.step.snoozed": {"pt-BR": "adiados", "en": "snoozed"},
        "digest.pipeline": {"pt-BR": "*Pipeline por etapa*", "en": "*Pipeline by stage*"},
        "digest.stage_row": {
            "pt-BR": "- {stage}: {count} · {amount} (ponderado {weighted})",
            "en": "- {stage}: {count} · {amount} (weighted {weighted})",
        },
        "digest.conversion": {
            "pt-BR": "*Conversão (90 dias)*: {rates}",
            "en": "*Conversion (90 days)*: {rates}",
        },
        "digest.conversion_short": {
            "pt-BR": "*Conversão (90 dias)*: {last}→ganho {win} · etapa mais fraca {weakest} · "
            "ciclo {days}",
            "en": "*Conversion (90 days)*: {last}→won {win} · weakest step {weakest} · "
            "cycle {days}",
        },
        "digest.days": {"pt-BR": "{days} dias", "en": "{days} days"},
        "digest.cycle": {
            "pt-BR": "- Ciclo médio até o ganho: {days} dias ({won} ganhos)",
            "en": "- Average cycle to a win: {days} days ({won} won)",
        },
        "digest.segment": {
            "pt-BR": "- {segment}: {rate} da última etapa ao ganho, ciclo {days}",
            "en": "- {segment}: {rate} from the last stage to won, cycle {days}",
        },
        "digest.cadences": {
            "pt-BR": "*Respostas por cadência*: {rows}",
            "en": "*Replies per cadence*: {rows}",
        },
        "digest.accuracy": {
            "pt-BR": "*Precisão da previsão ({month})*: {pct} — previsto em média {forecast}, "
            "fechado {actual}",
            "en": "*Forecast accuracy ({month})*: {pct} — forecast {forecast} on average, "
            "closed {actual}",
        },
        "digest.accuracy_none": {
            "pt-BR": "*Precisão da previsão ({month})*: sem dados suficientes",
            "en": "*Forecast accuracy ({month})*: not enough data yet",
        },
        "digest.more": {"pt-BR": "- … e mais {count}", "en": "- … and {count} more"},
        "digest.ask_more": {
            "pt-BR": "_Toque em Ver tudo, ou escreva «equipe», para a lista completa._",
            "en": "_Tap See all, or type “team”, for the full list._",
        },
        "digest.see_all": {"pt-BR": "Ver tudo", "en": "See all"},
        "digest.no_team": {
            "pt-BR": "Você não gerencia nenhuma equipe, então não há resumo para mostrar.",
            "en": "You don't manage a team, so there is no digest to show.",
        },
        "digest.not_manager": {
            "pt-BR": "O resumo da equipe é para gestores. Para o seu dia, pergunte «o que "
            "tenho hoje?».",
            "en": "The team digest is for managers. For your own day, ask “what's due today?”.",
        },
        "digest.empty_team": {
            "pt-BR": "A equipe ainda não tem vendedores.",
            "en": "The team has no reps yet.",
        },
        "digest.none": {"pt-BR": "nenhum", "en": "none"},
        "digest.won_stage": {"pt-BR": "Ganho", "en": "Won"},
        "digest.chart_alt": {
            "pt-BR": "Pipeline por etapa e previsão do mês contra a meta",
            "en": "Pipeline by stage and the month's forecast against target",
        },
    }
)

KIND_LABELS = {
    "call": {"pt-BR": "ligações", "en": "calls"},
    "email": {"pt-BR": "e-mails", "en": "emails"},
    "meeting": {"pt-BR": "reuniões", "en": "meetings"},
    "visit": {"pt-BR": "visitas", "en": "visits"},
    "whatsapp": {"pt-BR": "WhatsApp", "en": "WhatsApp"},
    "linkedin": {"pt-BR": "LinkedIn", "en": "LinkedIn"},
    "note": {"pt-BR": "notas", "en": "notes"},
}
LOST_REASONS = {
    "price": {"pt-BR": "preço", "en": "price"},
    "competitor": {"pt-BR": "concorrente", "en": "competitor"},
    "no_budget": {"pt-BR": "sem orçamento", "en": "no budget"},
    "no_decision": {"pt-BR": "sem decisão", "en": "no decision"},
    "timing": {"pt-BR": "momento", "en": "timing"},
    "lost_contact": {"pt-BR": "perdeu o contato", "en": "lost contact"},
    "other": {"pt-BR": "outro", "en": "other"},
}
register({f"digest.kind.{k}": v for k, v in KIND_LABELS.items()})
register({f"digest.reason.{k}": v for k, v in LOST_REASONS.items()})


# --- the numbers -----------------------------------------------------------------------------


def windows(now: datetime, tz: ZoneInfo, holidays, last_digest_at: datetime | None) -> Span:
    """The ranges a digest read at `now` covers, in the manager's time zone."""
    start, end = m.activity_window(now, tz, holidays)
    today = m.local_today(now, tz)
    return Span(
        now,
        today,
        start,
        end,
        last_digest_at or start,
        now - timedelta(days=m.CONVERSION_DAYS),
        m.previous_month(today),
    )


@dataclass(frozen=True)
class Digest:
    team_name: str
    today: date
    reps: int
    activity: tuple[m.RepActivity, ...]
    overdue: tuple[m.RepOverdue, ...]
    silent: tuple[m.SilentRep, ...]
    silent_days: int
    movements: m.Movements
    stalled: tuple[m.StalledDeal, ...]
    pipeline: m.Pipeline
    conversion: m.ConversionReport
    cadences: tuple[m.CadenceResponse, ...]
    accuracy: m.ForecastAccuracy
    own_due: int | None = None  # the manager's own steps due today, when they also sell


def compute(
    data: TeamData, w: Span, stalled_days: int = 14, silent_days: int = m.SILENT_DAYS
) -> Digest:
    """Every digest number for one team, from its records and the windows."""
    first, last = w.last_month
    return Digest(
        data.team_name,
        w.today,
        len(data.reps),
        m.activity_by_rep(
            data.reps, data.interactions, data.steps, w.activity_start, w.activity_end
        ),
        m.overdue_by_rep(data.reps, data.due, w.now),
        m.silent_reps(data.reps, data.last_logged, w.now, silent_days),
        silent_days,
        m.movements_since(data.deals, data.changes, w.since),
        m.stalled_deals(data.deals, w.now, stalled_days),
        m.pipeline(data.deals, data.stages, w.today, data.currency, data.target),
        m.conversion(data.deals, data.changes, data.stages, w.history_start, w.now),
        m.cadence_responses(data.cadences),
        m.forecast_accuracy(
            data.snapshots, m.won_between(data.deals, first, last, data.currency), first, last
        ),
    )


# --- formatting ------------------------------------------------------------------------------


def _babel(locale: str) -> str:
    return "en" if locale == "en" else "pt_BR"


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


def render(d: Digest, locale: str, full: bool = False) -> str:
    """The digest in `locale`: headline numbers, then sections of a few items each (or, if
    `full`, up to FULL_ITEMS each plus the pipeline by stage and conversion by segment)."""
    limit = FULL_ITEMS if full else SHORT_ITEMS
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
    open_line = t(
        locale, "digest.open", amount=money(p.open_amount, cur, locale), count=p.open_count
    )
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
            interactions=sum(a.interactions for a in d.activity),
            done=sum(a.done for a in d.activity),
            overdue=sum(o.count for o in d.overdue),
        )
    )
    return "\n".join(lines)


def _needs_you(d: Digest, locale: str, limit: int) -> str:
    def overdue(o: m.RepOverdue) -> str:
        return t(
            locale,
            "digest.overdue_rep",
            name=esc(o.name),
            count=o.count,
            label=esc(o.oldest_label),
            day=day(o.oldest_due_at, locale),
        )

    def stalled(s: m.StalledDeal) -> str:
        amount = money(s.deal.amount, s.deal.currency, locale)
        return t(
            locale, "digest.stalled", title=esc(s.deal.title), amount=amount, days=s.idle_days
        )

    items = _cut(d.overdue, limit, locale, overdue)
    if d.silent:
        never = t(locale, "digest.never")
        names = ", ".join(
            f"{esc(s.name)} ({day(s.last_logged_at, locale) if s.last_logged_at else never})"
            for s in d.silent[:limit]
        )
        extra = max(0, len(d.silent) - limit)
        names += f" +{extra}" if extra else ""
        items.append(t(locale, "digest.silent", days=d.silent_days, names=names))
    items += _cut(d.stalled, limit, locale, stalled)
    return _section(t(locale, "digest.needs_you"), items)


def _since(d: Digest, locale: str, limit: int) -> str:
    labels = {s.stage.key: s.stage.label(locale) for s in d.pipeline.stages}

    def won(x: m.Deal) -> str:
        amount = money(x.amount, x.currency, locale)
        return t(locale, "digest.won", title=esc(x.title), amount=amount)

    def lost(x: m.Deal) -> str:
        reason = t(locale, f"digest.reason.{x.lost_reason or 'other'}")
        amount = money(x.amount, x.currency, locale)
        return t(locale, "digest.lost", title=esc(x.title), amount=amount, reason=reason)

    def moved(x: m.DealMove) -> str:
        return t(
            locale,
            "digest.moved",
            title=esc(x.deal.title),
            from_stage=esc(labels.get(x.from_stage or "", x.from_stage or "—")),
            to_stage=esc(labels.get(x.to_stage or "", x.to_stage or "—")),
        )

    mv = d.movements
    items = (
        _cut(mv.won, limit, locale, won)
        + _cut(mv.lost, limit, locale, lost)
        + _cut(mv.advanced, limit, locale, moved)
    )
    return _section(t(locale, "digest.since"), items)


def _activity(d: Digest, locale: str, limit: int, full: bool) -> str:
    def row(a: m.RepActivity) -> str:
        kinds = sorted(a.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = kinds if full else kinds[:SHORT_KINDS]
        parts = []
        if kinds:
            listed = ", ".join(f"{t(locale, f'digest.kind.{kind}')} {n}" for kind, n in shown)
            listed += "…" if len(shown) < len(kinds) else ""
            key = "digest.logged.one" if a.interactions == 1 else "digest.logged.other"
            parts.append(t(locale, key, count=a.interactions, kinds=listed))
        counts = {"done": a.done, "skipped": a.skipped, "snoozed": a.snoozed}
        parts += [f"{t(locale, f'digest.step.{k}')} {n}" for k, n in counts.items() if n]
        text = ", ".join(parts) or t(locale, "digest.nothing")
        return t(locale, "digest.activity_rep", name=esc(a.name), parts=text)

    return _section(t(locale, "digest.activity"), _cut(d.activity, limit, locale, row))


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
    labels[m.WON] = t(locale, "digest.won_stage")

    def arrow(s: m.StageConversion) -> str:
        return f"{esc(labels.get(s.from_key, s.from_key))}→{esc(labels.get(s.to_key, s.to_key))}"

    cycle = overall.avg_cycle_days
    days = "—" if cycle is None else t(locale, "digest.days", days=round(cycle))
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
        lines.append(t(locale, "digest.cycle", days=round(cycle), won=overall.won))
    segments = sorted(d.conversion.by_segment.items(), key=lambda kv: (-kv[1].won, kv[0]))
    lines += [
        t(
            locale,
            "digest.segment",
            segment=esc(name),
            rate=percent(c.steps[-1].rate if c.steps else None, locale),
            days="—"
            if c.avg_cycle_days is None
            else t(locale, "digest.days", days=round(c.avg_cycle_days)),
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


def _cut(items: Sequence[T], limit: int, locale: str, fmt: Callable[[T], str]) -> list[str]:
    """The first `limit` items formatted (only those: a team can have thousands of stalled
    deals), then a line counting the rest."""
    if len(items) <= limit:
        return [fmt(x) for x in items]
    return [fmt(x) for x in items[:limit]] + [t(locale, "digest.more", count=len(items) - limit)]


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


def _deal(x: m.Deal) -> dict[str, Any]:
    return {"id": x.id, "title": x.title, "amount": x.amount, "currency": x.currency}


def _conversion_data(c: m.Conversion) -> dict[str, Any]:
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


def chart_png(d: Digest, locale: str) -> bytes:
    """The digest's chart, with money formatted like the text."""
    # Pillow is imported when a chart is first drawn, not every time `ritmo` starts.
    from handlers.chart import pipeline_chart

    cur = d.pipeline.currency
    return pipeline_chart(d.pipeline, locale, lambda v: money(v, cur, locale))


# --- who gets which digest, and the chat handlers --------------------------------------------


def team_forecast(conn, team_id: int, day: date) -> Forecast | None:
    """The team's forecast for `day`'s month, as the daily snapshot stores it."""
    data = sm.forecast_inputs(conn, team_id, day)
    if data is None:
        return None
    p = m.pipeline(data.deals, data.stages, day, data.currency, data.target)
    first, last = m.month_bounds(day)
    return Forecast(first, last, p.weighted, p.committed, p.best_case, p.currency)


def holiday_calendar(options: Options) -> Container[date]:
    """Public holidays of the configured country (and subdivision), any year."""
    return _holidays(options.holidays_country, options.holidays_subdivision)


@functools.cache
def _holidays(country: str, subdivision: str | None) -> Container[date]:
    # Built once per process; the calendar fills in each year on first use.
    return holidays.country_holidays(country, subdiv=subdivision)


async def manager_digests(
    store: Store, person: Person, now: datetime, options: Options
) -> list[Digest]:
    """The digest of every team `person` manages (every team, for an admin who manages none),
    as it stands at `now` in their time zone. The job, the chat and the CLI all call this."""
    tz = ZoneInfo(person.timezone or options.default_timezone)
    calendar = holiday_calendar(options)

    def read(conn) -> tuple[list[TeamData], Span, int | None]:
        team_ids = people.managed_team_ids(conn, person.id)
        if not team_ids and person.is_admin:
            team_ids = [t.id for t in people.list_teams(conn)]
        span = windows(now, tz, calendar, sm.last_digest_at(conn, person.id, now))
        teams = [d for d in (sm.load_team(conn, tid, span) for tid in team_ids) if d]
        end_of_day = datetime.combine(span.today + timedelta(days=1), time(0), tzinfo=tz)
        return teams, span, sm.own_due(conn, person.id, end_of_day)

    teams, span, own = await store.read(read)
    digests = [compute(data, span, options.stalled_days) for data in teams]
    if digests and own is not None:
        # A manager who also sells gets their own day here, not as a second morning message.
        digests[0] = replace(digests[0], own_due=own)
    return digests


def digest_replies(
    digests: list[Digest], locale: str, full: bool = False, chart: bool = True
) -> list[Reply]:
    """One private message per team, the short one with its chart and a See all button."""
    more = () if full else (Button(t(locale, "digest.see_all"), "digest.full"),)
    return [
        Reply(
            render(d, locale, full),
            buttons=more,
            image=Image(chart_png(d, locale), "digest.png", t(locale, "digest.chart_alt"))
            if chart and not full
            else None,
            private=True,
        )
        for d in digests
    ]


router = Router("digest")

_SHORT = {"digest", "/digest", "resumo", "/resumo", "resumo da equipe", "team digest"}
_FULL = {"team", "/team", "equipe", "/equipe", "digest completo", "resumo completo", "full digest"}


def _words(msg: Incoming) -> str:
    return " ".join(fold(msg.text).split())


@router.message(lambda msg, ctx: _words(msg) in _SHORT)
async def show_digest(msg: Incoming, ctx: Context) -> Answer:
    return await _answer(ctx, full=False)


@router.message(lambda msg, ctx: _words(msg) in _FULL)
async def show_team(msg: Incoming, ctx: Context) -> Answer:
    return await _answer(ctx, full=True)


@router.intent("digest")
async def digest_intent(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    return await _answer(ctx, full=False)


@router.action("digest.full")
async def see_all(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return await _answer(ctx, full=True)


async def _answer(ctx: Context, full: bool) -> Answer:
    person = ctx.person
    intent = "team" if full else "digest"
    if person is None or person.role == "rep":
        return Answer([Reply(ctx.t("digest.not_manager"))], intent=intent)
    digests = await manager_digests(ctx.store, person, ctx.now(), ctx.options)
    if not digests:
        return Answer([Reply(ctx.t("digest.no_team"))], intent=intent)
    data = {"teams": [to_data(d) for d in digests]}
    return Answer(digest_replies(digests, ctx.locale, full), intent=intent, data=data)


# --- the outbox payload ----------------------------------------------------------------------


def outbox_builder(store: Store, options: Options):
    """The `build(person_id, now)` the digest job calls: that manager's digest as an outbox
    payload, or None when they manage no team."""

    async def build(person_id: int, now: datetime) -> dict[str, Any] | None:
        person = await store.read(people.get_person, person_id)
        digests = await manager_digests(store, person, now, options)
        if not digests:
            return None
        payload = to_payload(digest_replies(digests, person.locale))
        # The job folds this manager's own agenda into the digest when they also sell.
        payload["own_due"] = digests[0].own_due
        return payload

    return build


def to_payload(replies: list[Reply]) -> dict[str, Any]:
    """Replies as JSON for the outbox; the chart travels base64-encoded inside it."""
    return {
        "replies": [
            {
                "text": r.text,
                "buttons": [
                    {"label": b.label, "action": b.action, "args": dict(b.args)} for b in r.buttons
                ],
                "image": None
                if r.image is None
                else {
                    "png_base64": base64.b64encode(r.image.data).decode("ascii"),
                    "filename": r.image.filename,
                    "alt": r.image.alt,
                },
                "private": r.private,
            }
            for r in replies
        ]
    }


def payload_text(payload: dict[str, Any]) -> str:
    return "\n\n".join(r["text"] for r in payload["replies"])


def payload_image(payload: dict[str, Any]) -> bytes | None:
    for r in payload["replies"]:
        if r.get("image"):
            return base64.b64decode(r["image"]["png_base64"])
    return None

"""The manager digest: its numbers from a team's metrics, delivery, and the chat handlers.

One function builds the numbers (`compute`), one turns them into phone-sized text
(`render`): headline numbers first, at most a few items per section, and a button (or
`team`) for the whole list. The scheduled job, the chat and `ritmo digest` all go through
`manager_digests`, so the three can never disagree.
"""

from __future__ import annotations

import base64
from collections.abc import Container
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cadence_jobs.calendar import holiday_set
from handlers.kernel import outbox_codec, paging
from handlers.kernel.context import Context, Options
from handlers.kernel.i18n import t
from handlers.kernel.messages import Answer, Button, Image, Incoming, Reply
from handlers.kernel.router import Router
from handlers.reports import conversion_metrics, deal_metrics, metric_windows, rep_metrics
from handlers.reports.digest_model import Digest
from handlers.reports.digest_render import (
    FULL_ITEMS,
    SHORT_ITEMS,
    has_page,
    money,
    render,
    to_data,
)
from storage.forecasts import Forecast
from storage.interface import Store, Tx
from storage.metrics import Span, TeamData
from storage.people import Person
from storage.text import fold

# Presenting a digest lives in digest_render; these names stay importable from here.
__all__ = [
    "FULL_ITEMS",
    "SHORT_ITEMS",
    "Digest",
    "compute",
    "money",
    "render",
    "router",
    "to_data",
    "windows",
]

# --- the numbers -----------------------------------------------------------------------------


def windows(now: datetime, tz: ZoneInfo, holidays, last_digest_at: datetime | None) -> Span:
    """The ranges a digest read at `now` covers, in the manager's time zone."""
    start, end = metric_windows.activity_window(now, tz, holidays)
    today = metric_windows.local_today(now, tz)
    return Span(
        now,
        today,
        start,
        end,
        last_digest_at or start,
        now - timedelta(days=conversion_metrics.CONVERSION_DAYS),
        metric_windows.previous_month(today),
        metric_windows.overdue_before(now, tz),
    )


def compute(
    data: TeamData, w: Span, stalled_days: int = 14, silent_days: int = rep_metrics.SILENT_DAYS
) -> Digest:
    """Every digest number for one team, from its records and the windows."""
    first, last = w.last_month
    return Digest(
        data.team_name,
        w.today,
        len(data.reps),
        rep_metrics.activity_by_rep(
            data.reps, data.interactions, data.steps, w.activity_start, w.activity_end
        ),
        rep_metrics.overdue_by_rep(data.reps, data.due, w.overdue_before or w.now),
        rep_metrics.silent_reps(data.reps, data.last_logged, w.now, silent_days),
        silent_days,
        deal_metrics.movements_since(data.deals, data.changes, w.since),
        deal_metrics.stalled_deals(data.deals, w.now, stalled_days),
        deal_metrics.pipeline(data.deals, data.stages, w.today, data.currency, data.target),
        conversion_metrics.conversion(
            data.deals, data.changes, data.stages, w.history_start, w.now
        ),
        conversion_metrics.cadence_responses(data.cadences),
        deal_metrics.forecast_accuracy(
            data.snapshots,
            deal_metrics.won_between(data.deals, first, last, data.currency),
            first,
            last,
        ),
    )


def chart_png(d: Digest, locale: str) -> bytes:
    """The digest's chart, with money formatted like the text."""
    # Pillow is imported when a chart is first drawn, not every time `ritmo` starts.
    from handlers.reports.chart import pipeline_chart

    cur = d.pipeline.currency
    return pipeline_chart(d.pipeline, locale, lambda v: money(v, cur, locale))


# --- who gets which digest, and the chat handlers --------------------------------------------


def team_forecast(tx: Tx, team_id: int, day: date) -> Forecast | None:
    """The team's forecast for `day`'s month, as the daily snapshot stores it."""
    data = tx.metrics.forecast_inputs(team_id, day)
    if data is None:
        return None
    p = deal_metrics.pipeline(data.deals, data.stages, day, data.currency, data.target)
    first, last = metric_windows.month_bounds(day)
    return Forecast(first, last, p.weighted, p.committed, p.best_case, p.currency)


def holiday_calendar(options: Options) -> Container[date]:
    """The configured days off (country, subdivision, categories, extra dates), any year."""
    found = holiday_set(
        options.holidays_country,
        options.holidays_subdivision,
        options.holidays_categories,
        tuple(options.holidays_extra),
    )
    return found if found is not None else frozenset()


async def manager_digests(
    store: Store, person: Person, now: datetime, options: Options
) -> list[Digest]:
    """The digest of every team `person` manages (every team, for an admin who manages none),
    as it stands at `now` in their time zone. The job, the chat and the CLI all call this."""
    tz = ZoneInfo(person.timezone or options.default_timezone)
    calendar = holiday_calendar(options)

    def read(tx: Tx) -> tuple[list[TeamData], Span, int | None]:
        team_ids = tx.people.managed_team_ids(person.id)
        if not team_ids and person.is_admin:
            team_ids = [t.id for t in tx.people.list_teams()]
        span = windows(now, tz, calendar, tx.metrics.last_digest_at(person.id, now))
        teams = [d for d in (tx.metrics.load_team(tid, span) for tid in team_ids) if d]
        end_of_day = datetime.combine(span.today + timedelta(days=1), time(0), tzinfo=tz)
        return teams, span, tx.metrics.own_due(person.id, end_of_day)

    teams, span, own = await store.read(read)
    digests = [compute(data, span, options.stalled_days, options.silent_days) for data in teams]
    if digests and own is not None:
        # A manager who also sells gets their own day here, not as a second morning message.
        digests[0] = replace(digests[0], own_due=own)
    return digests


def digest_replies(
    digests: list[Digest], locale: str, full: bool = False, chart: bool = True, page: int = 0
) -> list[Reply]:
    """One private message per team, the short one with its chart and a See all button; the
    full one with a Next page button while a list goes on past it."""

    def more(d: Digest) -> tuple[Button, ...]:
        if not full:
            return (Button(t(locale, "digest.see_all"), "digest.full"),)
        if has_page(d, page + 1):
            return (Button(t(locale, paging.NEXT), "digest.page", {"page": page + 1}),)
        return ()

    return [
        Reply(
            render(d, locale, full, page),
            buttons=more(d),
            image=Image(chart_png(d, locale), "digest.png", t(locale, "digest.chart_alt"))
            if chart and not full
            else None,
            private=True,
        )
        for d in digests
        if has_page(d, page)
    ]


router = Router("digest")

_SHORT = {"digest", "/digest", "resumo", "/resumo", "resumo da equipe", "team digest"}
_FULL = {"team", "/team", "equipe", "/equipe", "digest completo", "resumo completo", "full digest"}


def _words(msg: Incoming) -> str:
    if len(msg.text) > 40:  # asked of every message: a long one is never just this command
        return ""
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


@router.action("digest.page")
async def next_page(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """The next FULL_ITEMS of every list of the full digest, read again now."""
    return await _answer(ctx, full=True, page=max(1, int(args.get("page", 1))))


async def _answer(ctx: Context, full: bool, page: int = 0) -> Answer:
    person = ctx.person
    intent = "team" if full else "digest"
    if person is None or person.role == "rep":
        return Answer([Reply(ctx.t("digest.not_manager"))], intent=intent)
    digests = await manager_digests(ctx.store, person, ctx.now(), ctx.options)
    if not digests:
        return Answer([Reply(ctx.t("digest.no_team"))], intent=intent)
    data = {"teams": [to_data(d) for d in digests]}
    replies = digest_replies(digests, ctx.locale, full, page=page)
    if not replies:  # pressed after the lists got shorter
        return Answer([Reply(ctx.t("digest.no_more"))], intent=intent, data=data)
    return Answer(replies, intent=intent, data=data)


# --- the outbox payload ----------------------------------------------------------------------


def outbox_builder(store: Store, options: Options):
    """The `build(person_id, now)` the digest job calls: that manager's digest as an outbox
    payload, or None when they manage no team."""

    async def build(person_id: int, now: datetime) -> dict[str, Any] | None:
        person = await store.read(lambda tx: tx.people.get_person(person_id))
        digests = await manager_digests(store, person, now, options)
        if not digests:
            return None
        payload = outbox_codec.payload(digest_replies(digests, person.locale))
        # The job folds this manager's own agenda into the digest when they also sell.
        payload["own_due"] = digests[0].own_due
        return payload

    return build


def payload_text(payload: dict[str, Any]) -> str:
    return "\n\n".join(r["text"] for r in payload["replies"])


def payload_image(payload: dict[str, Any]) -> bytes | None:
    for r in payload["replies"]:
        if r.get("image"):
            return base64.b64decode(r["image"]["png_base64"])
    return None

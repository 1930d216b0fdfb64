"""Questions about what is due: today's agenda, ranked with a short why, and what is overdue
(a rep's own list, or who is behind for a manager).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.kernel import asking, i18n, lookup, paging
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import (
    LIST_LIMIT,
    answer,
    asker_zone,
    channel,
    days_since,
    item_label,
    money,
)
from handlers.kernel.context import Context, Wording
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming
from handlers.kernel.router import Router
from handlers.reports import metric_windows
from handlers.reports.priority import Factors, Priority, score
from handlers.understanding.parse import Parsed
from storage import interactions
from storage.interface import Tx
from storage.timefmt import from_db, to_db

router = Router("ask_agenda")
# The agenda's first page: what a rep sees when asking, and what the morning push carries.
FIRST_PAGE = paging.Page(0, LIST_LIMIT * 2)


@dataclass(frozen=True)
class Reader:
    """Whom an agenda is written for when no message asked (the morning push): the little
    of a Context that the wording helpers read, so both agendas are one rendering."""

    locale: str
    at: datetime

    def t(self, key: str, **params: object) -> str:
        return i18n.t(self.locale, key, **params)

    def now(self) -> datetime:
        return self.at


def _due_day(item: interactions.DueItem, tz: ZoneInfo) -> date:
    """The day an item is due in the reader's zone (a step's moment, a follow-up's date)."""
    return (
        from_db(item.due).astimezone(tz).date()
        if item.source == "step"
        else date.fromisoformat(item.due)
    )


def _factors(
    ctx: Context | Reader, item: interactions.DueItem, today: date, tz: ZoneInfo
) -> Factors:
    due = _due_day(item, tz)
    return Factors(
        item.amount, item.probability, (today - due).days, days_since(ctx, item.last_touch)
    )


def why(ctx: Wording, priority: Priority, factors: Factors, currency: str) -> str:
    """The short reason beside an agenda item, from the heaviest parts of its score."""
    words = []
    for part in priority.why():
        if part.key == "value":
            words.append(
                ctx.t(
                    "ask.why.value",
                    amount=money(ctx, factors.amount, currency),
                    probability=fmt.percent(factors.probability, ctx.locale),
                )
            )
        elif part.key == "stage":
            words.append(
                ctx.t("ask.why.stage", probability=fmt.percent(factors.probability, ctx.locale))
            )
        elif part.key == "overdue":
            late = fmt.day_count(factors.days_overdue, ctx.locale)
            words.append(
                ctx.t("ask.why.due_today")
                if factors.days_overdue == 0
                else ctx.t("ask.why.overdue", days=late)
            )
        elif factors.days_since_touch is None:
            words.append(ctx.t("ask.why.never"))
        else:
            words.append(
                ctx.t("ask.why.idle", days=fmt.day_count(factors.days_since_touch, ctx.locale))
            )
    return " · ".join(words)


def todays_agenda(
    tx: Tx,
    person_id: int,
    reader: Context | Reader,
    day: date,
    tz: ZoneInfo,
    shown: paging.Page,
    *,
    ahead: str | None = None,
    since: date | None = None,
    today: date | None = None,
) -> tuple[list[str], list[dict[str, Any]], int]:
    """The one rendering of a person's agenda for `day` — asked for ("o que tenho hoje?") or
    pushed in the morning: what is due and overdue, ranked, each with its short why. Returns
    the lines of the page `shown` (none when nothing is due), its items as data, and how many
    items there are in all (so a Next page button can offer the rest). `ahead`: the day asked
    about as shown, when it is not today ("o que tenho segunda?": everything due until then).
    `since`: a span that starts after today ("semana que vem") holds only what falls in it;
    `today` is when lateness is counted from (a day ahead must not make today's items late)."""
    until = to_db(lookup.next_day_start_utc(day, tz))
    steps = tx.interactions.due_steps([person_id], until)
    follow_ups = tx.interactions.due_follow_ups([person_id], day)
    ranked = []
    for item in [*steps, *follow_ups]:
        if since is not None and _due_day(item, tz) < since:
            continue
        factors = _factors(reader, item, today or day, tz)
        ranked.append((score(factors), factors, item))
    ranked.sort(key=lambda r: -r[0].score)
    if not ranked:
        return [], [], 0
    if since is not None and ahead:
        title = reader.t("ask.agenda.title_span", span=ahead, count=len(ranked))
    elif ahead:
        title = reader.t("ask.agenda.title_until", day=ahead, count=len(ranked))
    else:
        title = reader.t("ask.agenda.title", count=len(ranked))
    lines = [title]
    data = []
    for n, (priority, factors, item) in enumerate(shown.of(ranked), start=shown.start + 1):
        who = f" ({esc(item.contact_name)})" if item.contact_name else ""
        where = f" — *{esc(item.account_name)}*" if item.account_name else ""
        label = item_label(reader, item)
        lines.append(
            f"{n}. {channel(item.channel, reader.locale)}{where}{who} · {label}"
        )  # the order is the score; the number isn't shown
        lines.append(
            f"   _{reader.t('ask.why')}: {why(reader, priority, factors, item.currency)}_"
        )
        data.append(
            {
                "source": item.source,
                "id": item.id,
                "account": item.account_name,
                "channel": item.channel,
                "due": item.due,
                "score": priority.score,
                "parts": {p.key: round(p.points, 1) for p in priority.parts},
            }
        )
    return lines, data, len(ranked)


@paging.pages("agenda")
@router.intent("agenda")
async def agenda(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    assert ctx.person is not None
    person_id, today, tz = ctx.person.id, asking.today(ctx), asker_zone(ctx)
    start, day = _span(parsed, today)
    ahead = _span_words(ctx, start, day, today)
    since = start if start > today else None
    shown = paging.page(ctx, FIRST_PAGE.size)
    lines, data, total = await ctx.store.read(
        lambda tx: todays_agenda(
            tx, person_id, ctx, day, tz, shown, ahead=ahead, since=since, today=today
        )
    )
    # a week asked about is its period (already among the entities), not one day
    said: dict[str, object] = (
        {"date": day.isoformat()} if day == today or parsed.date == day else {}
    )
    if not lines:
        if since is not None:
            empty = ctx.t("ask.agenda.empty_span", span=ahead)
        elif ahead:
            empty = ctx.t("ask.agenda.empty_until", day=ahead)
        else:
            empty = ctx.t("ask.agenda.empty")
        return answer(parsed, empty, {"items": []}, (), **said)
    rest, buttons = paging.more(ctx, parsed, shown, total)
    return answer(parsed, "\n".join(lines + rest), {"items": data}, buttons, **said)


def _span(parsed: Parsed, today: date) -> tuple[date, date]:
    """The days asked about: a day ahead ("o que tenho segunda?") is everything due until
    then; a week or month ("semana que vem", "my week") is its days from today on; a span
    already behind, or none said, is today."""
    if parsed.date is not None and parsed.date > today:
        return today, parsed.date
    period = parsed.period
    if period is not None and period.end > today:
        return max(period.start, today), period.end
    return today, today


def _span_words(ctx: Context, start: date, end: date, today: date) -> str | None:
    """How the span reads in a title: None for today, the last day when it runs from today
    ("até dom., 13 de dez."), both ends when it starts later ("14 – 20 de dez.")."""
    if end <= today:
        return None

    def shown(d: date) -> str:
        return fmt.day(d, ctx.locale, weekday=True, year=d.year != today.year)

    if start <= today:
        return shown(end)
    return ctx.t("ask.agenda.span", start=shown(start), end=shown(end))


@paging.pages("overdue")
@router.intent("overdue")
async def overdue(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    assert ctx.person is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    start = to_db(metric_windows.overdue_before(ctx.now(), asker_zone(ctx)))
    if scope is not None and len(scope) == 1:
        steps = await ctx.store.read(lambda tx: tx.interactions.due_steps(scope, start))
        follow_ups = await ctx.store.read(
            lambda tx: tx.interactions.due_follow_ups(scope, day - timedelta(days=1))
        )
        items = [*steps, *follow_ups]
        if not items:
            return answer(parsed, ctx.t("ask.overdue.none"), {"items": []})
        lines = [ctx.t("ask.overdue.title", count=len(items))]
        shown = paging.page(ctx, LIST_LIMIT * 2)
        for item in shown.of(items):
            lines.append(
                f"- {channel(item.channel, ctx.locale)} — *{esc(item.account_name)}*"
                f" · {item_label(ctx, item)} · {item.due[:10]}"
            )
        data = {
            "items": [
                {"source": i.source, "id": i.id, "account": i.account_name, "due": i.due}
                for i in items
            ]
        }
        rest, buttons = paging.more(ctx, parsed, shown, len(items))
        return answer(parsed, "\n".join(lines + rest), data, buttons)
    behind = await ctx.store.read(lambda tx: tx.interactions.behind_by_owner(scope, start, day))
    if not behind:
        return answer(parsed, ctx.t("ask.overdue.none"), {"people": []})
    lines = [ctx.t("ask.behind.title")]
    lines += [
        ctx.t(
            "ask.behind.line",
            name=esc(b.name),
            steps=ctx.tn("ask.behind.steps", b.steps),
            follow_ups=ctx.tn("ask.behind.follow_ups", b.follow_ups),
            oldest=fmt.day(date.fromisoformat(b.oldest[:10]), ctx.locale),
        )
        for b in behind
    ]
    data = {
        "people": [
            {"person": b.name, "steps": b.steps, "follow_ups": b.follow_ups, "oldest": b.oldest}
            for b in behind
        ]
    }
    return answer(parsed, "\n".join(lines), data)

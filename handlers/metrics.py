"""The manager-digest metrics: pure functions over plain records, no store and no clock.

storage/metrics.py narrows the store down to one team and a few time windows and hands back
these records; everything that decides a number (what counts as stalled, how conversion and
forecast accuracy are measured) lives here so it can be checked by hand on a small dataset.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# The input records are defined beside the SQL that fills them (storage may not import handlers).
from storage.metrics import (
    CadenceCount,
    Deal,
    DealChange,
    DueStep,
    InteractionRow,
    Rep,
    Snapshot,
    Stage,
    StepEvent,
)

INTERACTION_KINDS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")
STEP_ACTIONS = ("done", "skipped", "snoozed")
CONVERSION_DAYS = 90
SILENT_DAYS = 3
WON = "won"  # the pseudo-stage after the last one, for conversion into a win


# --- windows ---------------------------------------------------------------------------------


def is_business_day(day: date, holidays: Container[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def previous_business_day(day: date, holidays: Container[date]) -> date:
    day -= timedelta(days=1)
    while not is_business_day(day, holidays):
        day -= timedelta(days=1)
    return day


def activity_window(
    now: datetime, tz: ZoneInfo, holidays: Container[date]
) -> tuple[datetime, datetime]:
    """From the start of the previous business day to the start of today, in `tz`.

    On a Monday that covers Friday and the weekend, so weekend work is never lost.
    """
    today = now.astimezone(tz).date()
    start = previous_business_day(today, holidays)
    return _local_midnight(start, tz), _local_midnight(today, tz)


def month_bounds(day: date) -> tuple[date, date]:
    """First and last day of `day`'s month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def previous_month(day: date) -> tuple[date, date]:
    return month_bounds(day.replace(day=1) - timedelta(days=1))


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


# --- activity --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepActivity:
    person_id: int
    name: str
    by_kind: Mapping[str, int]
    done: int = 0
    skipped: int = 0
    snoozed: int = 0

    @property
    def interactions(self) -> int:
        return sum(self.by_kind.values())


def activity_by_rep(
    reps: Sequence[Rep],
    interactions: Iterable[InteractionRow],
    steps: Iterable[StepEvent],
    start: datetime,
    end: datetime,
) -> tuple[RepActivity, ...]:
    """Interactions by kind and steps done/skipped/snoozed per rep in [start, end), busiest
    first."""
    kinds: dict[int, Counter[str]] = defaultdict(Counter)
    for row in interactions:
        if start <= row.occurred_at < end:
            kinds[row.person_id][row.kind] += 1
    actions: dict[int, Counter[str]] = defaultdict(Counter)
    for event in steps:
        if start <= event.at < end:
            actions[event.person_id][event.action] += 1
    rows = [
        RepActivity(
            rep.person_id,
            rep.name,
            dict(kinds[rep.person_id]),
            actions[rep.person_id]["done"],
            actions[rep.person_id]["skipped"],
            actions[rep.person_id]["snoozed"],
        )
        for rep in reps
    ]
    return tuple(sorted(rows, key=lambda r: (-(r.interactions + r.done), r.name)))


# --- overdue and silence ---------------------------------------------------------------------


@dataclass(frozen=True)
class RepOverdue:
    person_id: int
    name: str
    count: int
    oldest_due_at: datetime
    oldest_label: str


def overdue_by_rep(
    reps: Sequence[Rep], due: Iterable[DueStep], now: datetime
) -> tuple[RepOverdue, ...]:
    """Reps with steps past due, most overdue first, each with their oldest step."""
    late: dict[int, list[DueStep]] = defaultdict(list)
    for step in due:
        if step.due_at < now:
            late[step.person_id].append(step)
    rows = []
    for rep in reps:
        steps = late.get(rep.person_id)
        if steps:
            oldest = min(steps, key=lambda s: s.due_at)
            rows.append(
                RepOverdue(rep.person_id, rep.name, len(steps), oldest.due_at, oldest.label)
            )
    return tuple(sorted(rows, key=lambda r: (-r.count, r.oldest_due_at)))


@dataclass(frozen=True)
class SilentRep:
    person_id: int
    name: str
    last_logged_at: datetime | None  # None: never logged anything


def silent_reps(
    reps: Sequence[Rep],
    last_logged: Mapping[int, datetime | None],
    now: datetime,
    days: int = SILENT_DAYS,
) -> tuple[SilentRep, ...]:
    """Reps with nothing logged in the last `days` days, longest silence first."""
    cutoff = now - timedelta(days=days)
    never = datetime.min.replace(tzinfo=now.tzinfo)
    rows = [
        SilentRep(rep.person_id, rep.name, last_logged.get(rep.person_id))
        for rep in reps
        if (last_logged.get(rep.person_id) or never) < cutoff
    ]
    return tuple(sorted(rows, key=lambda r: (r.last_logged_at or never, r.name)))


# --- deal movements --------------------------------------------------------------------------


@dataclass(frozen=True)
class DealMove:
    deal: Deal
    at: datetime
    from_stage: str | None
    to_stage: str | None


@dataclass(frozen=True)
class Movements:
    advanced: tuple[DealMove, ...] = ()  # moved stage, open
    won: tuple[Deal, ...] = ()
    lost: tuple[Deal, ...] = ()

    @property
    def won_amount(self) -> float:
        return sum(d.amount for d in self.won)


def movements_since(
    deals: Iterable[Deal], changes: Iterable[DealChange], since: datetime
) -> Movements:
    """Deals that changed stage, were won or were lost since `since` (last move per deal)."""
    by_id = {d.id: d for d in deals}
    last: dict[int, DealChange] = {}
    for change in sorted(changes, key=lambda c: c.at):
        if change.at >= since and change.deal_id in by_id:
            last[change.deal_id] = change
    moved, won, lost = [], [], []
    for deal_id, change in last.items():
        deal = by_id[deal_id]
        if deal.status == "won" and change.to_status == "won":
            won.append(deal)
        elif deal.status == "lost" and change.to_status == "lost":
            lost.append(deal)
        elif deal.status == "open" and change.to_stage and change.to_stage != change.from_stage:
            moved.append(DealMove(deal, change.at, change.from_stage, change.to_stage))
    biggest = lambda d: (-d.amount, d.title)  # noqa: E731
    return Movements(
        tuple(sorted(moved, key=lambda m: biggest(m.deal))),
        tuple(sorted(won, key=biggest)),
        tuple(sorted(lost, key=biggest)),
    )


# --- stalled deals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StalledDeal:
    deal: Deal
    idle_days: int


def stalled_deals(deals: Iterable[Deal], now: datetime, days: int) -> tuple[StalledDeal, ...]:
    """Open deals with no interaction in `days` days (since creation if never touched), biggest
    first."""
    rows = []
    for deal in deals:
        if deal.status != "open":
            continue
        idle = (now - (deal.last_touch_at or deal.created_at)).days
        if idle >= days:
            rows.append(StalledDeal(deal, idle))
    return tuple(sorted(rows, key=lambda s: (-s.deal.amount, -s.idle_days, s.deal.title)))


# --- pipeline and forecast -------------------------------------------------------------------


@dataclass(frozen=True)
class StageTotal:
    stage: Stage
    count: int
    amount: float
    weighted: float


@dataclass(frozen=True)
class Pipeline:
    """Open pipeline by stage, and this month's forecast in the team's currency.

    `weighted` is won-this-month plus each open deal closing this month times its stage
    probability; `committed` counts only the last stage at full value; `best_case` every open
    deal closing this month. Deals in another currency are left out and counted, never
    converted at a guessed rate.
    """

    currency: str
    stages: tuple[StageTotal, ...]
    won: float
    weighted: float
    committed: float
    best_case: float
    target: float | None
    other_currency: int = 0

    @property
    def open_count(self) -> int:
        return sum(s.count for s in self.stages)

    @property
    def open_amount(self) -> float:
        return sum(s.amount for s in self.stages)

    @property
    def attainment(self) -> float | None:
        """The weighted forecast as a fraction of target (None without a target)."""
        return self.weighted / self.target if self.target else None


def pipeline(
    deals: Iterable[Deal],
    stages: Sequence[Stage],
    today: date,
    currency: str,
    target: float | None = None,
) -> Pipeline:
    """Open pipeline per stage (in position order) and the forecast for `today`'s month."""
    first, last = month_bounds(today)
    ordered = sorted(stages, key=lambda s: s.position)
    final = ordered[-1].key if ordered else None
    by_key = {s.key: s for s in ordered}
    count: Counter[str] = Counter()
    amount: Counter[str] = Counter()
    won = weighted = committed = best = 0.0
    other = 0
    for deal in deals:
        if deal.currency != currency:
            other += deal.status == "open"
            continue
        if deal.status == "won" and deal.closed_at and first <= deal.closed_at.date() <= last:
            won += deal.amount
        if deal.status != "open" or deal.stage_key not in by_key:
            continue
        count[deal.stage_key] += 1
        amount[deal.stage_key] += deal.amount
        if deal.close_date and first <= deal.close_date <= last:
            weighted += deal.amount * by_key[deal.stage_key].probability
            best += deal.amount
            committed += deal.amount if deal.stage_key == final else 0.0
    totals = tuple(
        StageTotal(s, count[s.key], amount[s.key], amount[s.key] * s.probability) for s in ordered
    )
    return Pipeline(
        currency, totals, won, won + weighted, won + committed, won + best, target, other
    )


# --- conversion and cycle time ---------------------------------------------------------------


@dataclass(frozen=True)
class StageConversion:
    from_key: str
    to_key: str  # a stage key, or WON for the last stage into a win
    entered: int
    advanced: int

    @property
    def rate(self) -> float | None:
        return self.advanced / self.entered if self.entered else None


@dataclass(frozen=True)
class Conversion:
    steps: tuple[StageConversion, ...]
    won: int
    avg_cycle_days: float | None  # created → won, for deals won in the window


@dataclass(frozen=True)
class ConversionReport:
    overall: Conversion
    by_segment: Mapping[str, Conversion] = field(default_factory=dict)


def conversion(
    deals: Iterable[Deal],
    changes: Iterable[DealChange],
    stages: Sequence[Stage],
    start: datetime,
    end: datetime,
) -> ConversionReport:
    """Stage-to-stage conversion and average cycle time over [start, end), overall and by
    segment.

    A deal counts for the stages it passed through in the window: from the earliest stage it
    was seen in (its first change's origin) to the furthest it reached (a win is one past the
    last stage), so a deal that skips a stage still passes it. It *entered* every stage in
    that range and *advanced* from every one but the furthest. Deals with no change in the
    window say nothing about conversion and are left out.
    """
    ordered = [s.key for s in sorted(stages, key=lambda s: s.position)]
    deal_list = list(deals)
    spans = _spans(deal_list, changes, ordered, start, end)
    overall = _conversion(deal_list, spans, ordered, start, end)
    by_segment: dict[str, list[Deal]] = defaultdict(list)
    for deal in deal_list:
        if deal.segment:
            by_segment[deal.segment].append(deal)
    return ConversionReport(
        overall,
        {
            seg: _conversion(by_segment[seg], spans, ordered, start, end)
            for seg in sorted(by_segment)
        },
    )


def _spans(
    deals: list[Deal],
    changes: Iterable[DealChange],
    ordered: list[str],
    start: datetime,
    end: datetime,
) -> dict[int, tuple[int, int]]:
    """Per deal, the lowest and highest stage position seen in the window's changes."""
    pos = {key: i for i, key in enumerate(ordered)}
    ids = {d.id for d in deals}
    spans: dict[int, tuple[int, int]] = {}
    for change in changes:
        if change.deal_id not in ids or not start <= change.at < end:
            continue
        seen = [pos[k] for k in (change.from_stage, change.to_stage) if k in pos]
        if change.to_status == WON:
            seen.append(len(ordered))
        if seen:
            low, high = spans.get(change.deal_id, (min(seen), max(seen)))
            spans[change.deal_id] = (min(low, *seen), max(high, *seen))
    return spans


def _conversion(
    deals: list[Deal],
    spans: dict[int, tuple[int, int]],
    ordered: list[str],
    start: datetime,
    end: datetime,
) -> Conversion:
    entered = [0] * len(ordered)
    advanced = [0] * len(ordered)
    for deal in deals:
        low, high = spans.get(deal.id, (0, -1))
        for i in range(low, min(high + 1, len(ordered))):
            entered[i] += 1
            advanced[i] += i < high
    targets = ordered[1:] + [WON]
    steps = tuple(
        StageConversion(ordered[i], targets[i], entered[i], advanced[i])
        for i in range(len(ordered))
    )
    won = [d for d in deals if d.status == "won" and d.closed_at and start <= d.closed_at < end]
    cycle = (
        sum((d.closed_at - d.created_at).total_seconds() for d in won) / len(won) / 86400
        if won
        else None
    )
    return Conversion(steps, len(won), cycle)


# --- cadences --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CadenceResponse:
    cadence_key: str
    name_pt: str
    name_en: str
    enrolments: int
    replies: int

    @property
    def rate(self) -> float | None:
        return self.replies / self.enrolments if self.enrolments else None

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_pt


def cadence_responses(counts: Iterable[CadenceCount]) -> tuple[CadenceResponse, ...]:
    """Replies per enrolment for each cadence with enrolments, best responding first."""
    rows = [
        CadenceResponse(c.cadence_key, c.name_pt, c.name_en, c.enrolments, c.replies)
        for c in counts
        if c.enrolments
    ]
    return tuple(sorted(rows, key=lambda r: (-(r.rate or 0.0), -r.enrolments, r.cadence_key)))


# --- forecast accuracy -----------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastAccuracy:
    """How last month's daily weighted forecasts compared with what actually closed won.

    `accuracy` is 1 minus the mean absolute percentage error of the daily snapshots against
    the actual, floored at 0 — one bad week can't be hidden by an average that happens to
    land near the actual. `bias` > 0 means the team forecast more than it closed.
    """

    period_start: date
    period_end: date
    snapshots: int
    actual: float
    mean_forecast: float | None
    accuracy: float | None
    bias: float | None


def forecast_accuracy(
    snapshots: Iterable[Snapshot], actual: float, period_start: date, period_end: date
) -> ForecastAccuracy:
    """Compare the daily snapshots taken in [period_start, period_end] with `actual`."""
    values = [s.weighted for s in snapshots if period_start <= s.snapshot_date <= period_end]
    if not values:
        return ForecastAccuracy(period_start, period_end, 0, actual, None, None, None)
    mean = sum(values) / len(values)
    accuracy = None
    if actual > 0:
        mape = sum(abs(v - actual) for v in values) / len(values) / actual
        accuracy = max(0.0, 1.0 - mape)
    return ForecastAccuracy(
        period_start, period_end, len(values), actual, mean, accuracy, mean - actual
    )


def won_between(deals: Iterable[Deal], first: date, last: date, currency: str) -> float:
    """Amount won with a close in [first, last] (days in UTC), in `currency`."""
    return sum(
        d.amount
        for d in deals
        if d.status == "won"
        and d.currency == currency
        and d.closed_at is not None
        and first <= d.closed_at.date() <= last
    )


def local_today(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()

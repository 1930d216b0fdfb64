"""How the team's deals moved and stand, for the manager digest: movements, stalled deals, the
pipeline with this month's forecast, and how last month's forecasts compared with what closed.
Pure functions over the records storage/metrics.py reads; no store, no clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from handlers.reports.metric_windows import month_bounds

# The input records are defined beside the SQL that fills them (storage may not import handlers).
from storage.metrics import Deal, DealChange, Snapshot, Stage


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
    created: tuple[Deal, ...] = ()  # new (imported or created) and still open

    @property
    def won_amount(self) -> float:
        return sum(d.amount for d in self.won)


def movements_since(
    deals: Iterable[Deal], changes: Iterable[DealChange], since: datetime
) -> Movements:
    """Deals that changed stage, were won or were lost since `since` (last move per deal), and
    the open deals that came into being since then: a creation or import is recorded as a
    change from no stage and no status, which is not a stage move."""
    by_id = {d.id: d for d in deals}
    last: dict[int, DealChange] = {}
    born: set[int] = set()
    for change in sorted(changes, key=lambda c: c.at):
        if change.at >= since and change.deal_id in by_id:
            last[change.deal_id] = change
            if change.from_stage is None and change.from_status is None:
                born.add(change.deal_id)
    moved, won, lost, created = [], [], [], []
    for deal_id, change in last.items():
        deal = by_id[deal_id]
        if deal.status == "won" and change.to_status == "won":
            won.append(deal)
        elif deal.status == "lost" and change.to_status == "lost":
            lost.append(deal)
        elif deal.status == "open" and deal_id in born:
            created.append(deal)
        elif deal.status == "open" and change.to_stage and change.to_stage != change.from_stage:
            moved.append(DealMove(deal, change.at, change.from_stage, change.to_stage))
    biggest = lambda d: (-d.amount, d.title)  # noqa: E731
    return Movements(
        tuple(sorted(moved, key=lambda m: biggest(m.deal))),
        tuple(sorted(won, key=biggest)),
        tuple(sorted(lost, key=biggest)),
        tuple(sorted(created, key=biggest)),
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
    amount: dict[str, float] = {}
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
        amount[deal.stage_key] = amount.get(deal.stage_key, 0) + deal.amount
        if deal.close_date and first <= deal.close_date <= last:
            weighted += deal.amount * by_key[deal.stage_key].probability
            best += deal.amount
            committed += deal.amount if deal.stage_key == final else 0.0
    totals = tuple(
        StageTotal(s, count[s.key], amount.get(s.key, 0), amount.get(s.key, 0) * s.probability)
        for s in ordered
    )
    return Pipeline(
        currency, totals, won, won + weighted, won + committed, won + best, target, other
    )


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

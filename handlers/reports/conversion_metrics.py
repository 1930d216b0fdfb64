"""How deals convert from stage to stage (and their cycle time), and how cadences get replies,
for the manager digest. Pure functions over the records storage/metrics.py reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

# The input records are defined beside the SQL that fills them (storage may not import handlers).
from storage import labels
from storage.metrics import CadenceCount, Deal, DealChange, Stage

CONVERSION_DAYS = 90
WON = "won"  # the pseudo-stage after the last one, for conversion into a win


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
        sum((d.closed_at - d.created_at).total_seconds() for d in won if d.closed_at)
        / len(won)
        / 86400
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
    others: tuple[tuple[str, str], ...] = ()  # names beyond pt-BR and English

    @property
    def rate(self) -> float | None:
        return self.replies / self.enrolments if self.enrolments else None

    def name(self, locale: str) -> str:
        """The cadence's name in `locale` (storage.labels.cadence_name)."""
        names = {"pt-BR": self.name_pt, "en": self.name_en, **dict(self.others)}
        return labels.cadence_name(locale, names, self.cadence_key)


def cadence_responses(counts: Iterable[CadenceCount]) -> tuple[CadenceResponse, ...]:
    """Replies per enrolment for each cadence with enrolments, best responding first."""
    rows = [
        CadenceResponse(c.cadence_key, c.name_pt, c.name_en, c.enrolments, c.replies, c.others)
        for c in counts
        if c.enrolments
    ]
    return tuple(sorted(rows, key=lambda r: (-(r.rate or 0.0), -r.enrolments, r.cadence_key)))

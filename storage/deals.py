"""Deals: stage, amount, close date and status, with every change kept in deal_changes.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/deals.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import labels

LOST_REASONS = (
    "price",
    "competitor",
    "no_budget",
    "no_decision",
    "timing",
    "lost_contact",
    "other",
)


@dataclass(frozen=True)
class Deal:
    id: int
    account_id: int
    owner_id: int
    title: str
    stage_key: str
    amount: float
    currency: str
    close_date: str | None
    status: str
    lost_reason: str | None


_COLS = (
    "id, account_id, owner_id, title, stage_key, amount, currency, close_date, status, lost_reason"
)


# --- what the conversation asks about a book of deals (pipeline, forecast, closing, stalled) ---
# Every query takes `owner_ids` from people.visible_owner_ids: the book the asker may see
# (None: everyone's). Visibility lives in storage.books, in the WHERE clause, never in the
# rendering.


@dataclass(frozen=True)
class StageTotal:
    key: str
    label_pt: str
    label_en: str
    probability: float
    count: int
    amount: float
    weighted: float
    # Labels beyond pt-BR and English, from the labels table as the stage list reads them.
    others: tuple[tuple[str, str], ...] = ()

    def label(self, locale: str) -> str:
        return labels.pick(locale, self.label_pt, self.label_en, self.others)


@dataclass(frozen=True)
class OwnerTotal:
    owner_id: int
    name: str
    count: int
    amount: float
    weighted: float


@dataclass(frozen=True)
class DealRow:
    """A deal with what answers show beside it: account, owner, stage and last touch."""

    id: int
    title: str
    account_id: int
    account_name: str
    owner_id: int
    owner_name: str
    stage_key: str
    stage_pt: str
    stage_en: str
    probability: float
    amount: float
    currency: str
    close_date: str | None
    status: str
    last_touch: str | None
    # Stage labels beyond pt-BR and English, from the labels table as the stage list reads them.
    stage_others: tuple[tuple[str, str], ...] = ()

    def stage_label(self, locale: str) -> str:
        return labels.pick(locale, self.stage_pt, self.stage_en, self.stage_others)


@dataclass(frozen=True)
class Forecast:
    """Money expected in a period: `weighted` by stage probability, `committed` counting only
    late stages, `best_case` counting every open deal; each includes what was already won."""

    won: float = 0.0
    weighted: float = 0.0
    committed: float = 0.0
    best_case: float = 0.0
    open_count: int = 0


@dataclass(frozen=True)
class OwnerForecast:
    owner_id: int
    name: str
    forecast: Forecast


def total_forecast(parts: list[OwnerForecast]) -> Forecast:
    return Forecast(
        *(
            sum(getattr(p.forecast, f) for p in parts)
            for f in ("won", "weighted", "committed", "best_case", "open_count")
        )
    )

"""Daily forecast snapshots per team: what the team expected to close, as it stood each day.

Stored once per team per day (a second snapshot the same day is ignored), so last month's
accuracy can be measured against what actually closed.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/forecasts.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Forecast:
    period_start: date
    period_end: date
    weighted: float
    committed: float
    best_case: float
    currency: str

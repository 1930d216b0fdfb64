"""Open deals and owned accounts with their last activity: what the inactivity alerts weigh.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/inactivity.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class IdleDeal:
    deal_id: int
    owner_id: int
    title: str
    account: str
    idle_days: int | None
    last_activity: datetime
    has_next_step: bool


@dataclass(frozen=True)
class IdleAccount:
    account_id: int
    owner_id: int
    account: str
    idle_days: int
    last_activity: datetime

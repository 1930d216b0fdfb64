"""People's working time: zone, hours, quiet time, notification mode and away periods.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/schedules.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Schedule:
    """What placing a person's reminders needs: their zone, hours, quiet time and absences."""

    person_id: int
    name: str
    locale: str
    timezone: str
    work_start: str
    work_end: str
    work_days: str
    quiet_start: str | None
    quiet_end: str | None
    notify_mode: str
    notify_times: str | None
    # Defaulted so a Schedule is built from a people row alone (`Schedule(*row)`), the
    # absences added after: a type checker cannot tell a row's length.
    absences: tuple[tuple[date, date], ...] = ()


PREFERENCE_COLUMNS = (
    "work_start",
    "work_end",
    "work_days",
    "quiet_start",
    "quiet_end",
    "notify_mode",
    "notify_times",
)

"""The time windows the manager digest measures over: business days, the activity window and
calendar months, in the team's time zone.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


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


def local_today(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def overdue_before(now: datetime, tz: ZoneInfo) -> datetime:
    """The one definition of overdue, shared by the digest and "quem está atrasado?": due
    before the start of the reader's today. A step due today is today's work, not late."""
    return _local_midnight(local_today(now, tz), tz)

"""One person's working time: time zone, working hours, business days, holidays and absences.

Every due time ritmo computes is placed with a `WorkCalendar`, so a reminder is never due at
3 a.m., on a weekend, on a public holiday or while the rep is on holiday. Times go in and come
out as aware UTC datetimes; local dates and clock times only exist inside this module, which is
what keeps DST changes (Europe/Lisbon in March and October) from moving a step by an hour.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

WEEKDAYS = frozenset(range(1, 6))
# A search for the next working day that runs past this many days means the calendar has no
# working day at all (an absence of years, or every weekday removed): say so instead of looping.
_SEARCH_LIMIT_DAYS = 3 * 366


@dataclass(frozen=True)
class Absence:
    """A period, both ends included, in which the person does not work (holiday, leave)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"absence ends ({self.end}) before it starts ({self.start})")

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_holidays(spec: str | None) -> tuple[str | None, str | None]:
    """Split a holidays spec like 'BR', 'BR-SP' or 'none' into (country, subdivision).

    Raises:
        ValueError: the country or subdivision is unknown to the `holidays` package.
    """
    if spec is None or spec.strip().lower() in ("", "none", "-"):
        return None, None
    country, _, subdivision = spec.strip().upper().partition("-")
    holiday_set(country, subdivision or None)  # validates both parts
    return country, subdivision or None


@functools.lru_cache(maxsize=32)
def holiday_set(country: str | None, subdivision: str | None) -> holidays.HolidayBase | None:
    """The public holidays of a country (and state), shared by every calendar that uses them.

    The `holidays` object fills in years lazily as dates are looked up, so one cached instance
    per (country, subdivision) serves every year.
    """
    if country is None:
        return None
    try:
        return holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError as exc:  # the package's way of saying "unknown country/state"
        raise ValueError(str(exc)) from exc


def parse_clock(text: str) -> time:
    """'09:00' → time(9, 0). Raises ValueError for anything else."""
    hours, _, minutes = text.strip().partition(":")
    return time(int(hours), int(minutes or 0))


def parse_weekdays(text: str) -> frozenset[int]:
    """'1,2,3,4,5' (ISO weekdays, Monday = 1) → frozenset. Raises ValueError if out of range."""
    days = frozenset(int(part) for part in text.split(",") if part.strip())
    if not days or not days <= frozenset(range(1, 8)):
        raise ValueError(f"working days must be ISO weekdays 1-7, got {text!r}")
    return days


@dataclass(frozen=True)
class WorkCalendar:
    """When one person works. Build one per rep from their profile and the holiday settings."""

    timezone: str = "America/Sao_Paulo"
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)
    work_days: frozenset[int] = WEEKDAYS
    country: str | None = "BR"
    subdivision: str | None = None
    absences: tuple[Absence, ...] = ()
    tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.work_start >= self.work_end:
            raise ValueError(
                f"working hours end ({self.work_end}) before start ({self.work_start})"
            )
        if not self.work_days or not self.work_days <= frozenset(range(1, 8)):
            raise ValueError("working days must be a non-empty set of ISO weekdays 1-7")
        object.__setattr__(self, "tz", ZoneInfo(self.timezone))
        holiday_set(self.country, self.subdivision)

    def with_absences(self, *absences: Absence) -> WorkCalendar:
        return replace(self, absences=self.absences + tuple(absences))

    def without_absences(self) -> WorkCalendar:
        return replace(self, absences=())

    # -- days ------------------------------------------------------------------------------

    def is_holiday(self, day: date) -> bool:
        found = holiday_set(self.country, self.subdivision)
        return found is not None and day in found

    def is_away(self, day: date) -> bool:
        return any(a.covers(day) for a in self.absences)

    def is_working_day(self, day: date) -> bool:
        return (
            day.isoweekday() in self.work_days
            and not self.is_holiday(day)
            and not self.is_away(day)
        )

    def next_working_day(self, day: date, *, after: bool = False) -> date:
        """The first working day on or after `day` (strictly after it when `after`)."""
        candidate = day + timedelta(days=1) if after else day
        for _ in range(_SEARCH_LIMIT_DAYS):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError(f"no working day within {_SEARCH_LIMIT_DAYS} days of {day}")

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day`; 0 means `day` itself if it is a working day."""
        result = self.next_working_day(day)
        for _ in range(count):
            result = self.next_working_day(result, after=True)
        return result

    def add_days(self, day: date, count: int, *, business: bool) -> date:
        """`count` business days, or `count` calendar days moved onto the next working day."""
        if business:
            return self.add_working_days(day, count)
        return self.next_working_day(day + timedelta(days=count))

    # -- moments ---------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return _aware(moment).astimezone(self.tz)

    def local_date(self, moment: datetime) -> date:
        return self.local(moment).date()

    def at(self, day: date, clock: time) -> datetime:
        """`clock` on `day` in this person's zone, as UTC.

        A clock time that does not exist (skipped by a DST change) resolves to the instant the
        zone's offset before the change gives it, which lands just after the gap.
        """
        return datetime.combine(day, clock, tzinfo=self.tz).astimezone(UTC)

    def opening(self, day: date) -> datetime:
        return self.at(day, self.work_start)

    def closing(self, day: date) -> datetime:
        return self.at(day, self.work_end)

    def is_working_moment(self, moment: datetime) -> bool:
        day = self.local_date(moment)
        return self.is_working_day(day) and self.opening(day) <= moment < self.closing(day)

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if the person is working then, else when they next start work."""
        moment = _aware(moment).astimezone(UTC)
        day = self.local_date(moment)
        if self.is_working_day(day):
            if moment < self.opening(day):
                return self.opening(day)
            if moment < self.closing(day):
                return moment
        return self.opening(self.next_working_day(day, after=True))

    def clamp(self, day: date, clock: time) -> datetime:
        """`clock` on the first working day from `day`, pulled inside working hours."""
        day = self.next_working_day(day)
        clock = min(max(clock, self.work_start), self.work_end)
        moment = self.at(day, clock)
        if moment >= self.closing(day):
            return self.opening(self.next_working_day(day, after=True))
        return self.next_working_moment(moment)


def next_outside_quiet(
    moment: datetime, tz: ZoneInfo, start: time | None, end: time | None
) -> datetime:
    """`moment`, or the end of the person's quiet hours if it falls inside them.

    Quiet hours may wrap midnight (22:00-07:00); nothing is sent inside them, it waits.
    """
    if start is None or end is None or start == end:
        return moment
    local = _aware(moment).astimezone(tz)
    clock = local.timetz().replace(tzinfo=None)
    wraps = start > end
    inside = (clock >= start or clock < end) if wraps else (start <= clock < end)
    if not inside:
        return moment
    end_day = local.date() + timedelta(days=1) if wraps and clock >= start else local.date()
    return datetime.combine(end_day, end, tzinfo=tz).astimezone(UTC)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: ritmo computes with aware UTC times only")
    return moment

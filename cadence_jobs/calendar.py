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


# Days the `holidays` package files under "optional" that Brazilian companies take off all the
# same: Carnival Monday and Tuesday and Corpus Christi (Ash Wednesday, a half day, and the
# eves are not). Used when `[holidays] categories` is not set.
DEFAULT_OPTIONAL_DAYS = {"BR": frozenset({"Carnival", "Corpus Christi"})}


def supported_categories(country: str) -> tuple[str, ...]:
    """The holiday categories the `holidays` package has for a country ("public", "optional"…).

    Raises:
        ValueError: the country is unknown to the package.
    """
    return tuple(_country(country).supported_categories)


def subdivisions(country: str) -> tuple[str, ...]:
    """The subdivision codes the `holidays` package has for a country (BR: AC … TO).

    Raises:
        ValueError: the country is unknown to the package.
    """
    return tuple(_country(country).subdivisions)


def _country(country: str) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(country)
    except NotImplementedError as exc:
        raise ValueError(str(exc)) from exc


@dataclass(frozen=True)
class HolidaySet:
    """The days off of a deployment: a country's holidays in some categories, chosen optional
    days by name, and extra dates of the company's own. Answers `day in holidays` for any year.
    """

    base: holidays.HolidayBase | None
    picked: holidays.HolidayBase | None = None  # optional-category days, in English
    names: frozenset[str] = frozenset()
    extra: frozenset[date] = frozenset()

    def __contains__(self, day: object) -> bool:
        if day in self.extra or (self.base is not None and day in self.base):
            return True
        if self.picked is None or not isinstance(day, date):
            return False
        return any(name in self.names for name in self.picked.get(day, "").split("; "))


@functools.lru_cache(maxsize=32)
def holiday_set(
    country: str | None,
    subdivision: str | None,
    categories: tuple[str, ...] | None = None,
    extra: tuple[date, ...] = (),
) -> HolidaySet | None:
    """The days off of a country (and state), shared by every calendar that uses them.

    `categories` None means the sensible default: public holidays plus the optional days of
    DEFAULT_OPTIONAL_DAYS; a tuple means exactly those categories of the `holidays` package.
    The package fills in years lazily as dates are looked up, so one cached instance per
    setting serves every year.

    Raises:
        ValueError: the country, subdivision or a category is unknown to the package.
    """
    if country is None:
        return HolidaySet(None, extra=frozenset(extra)) if extra else None
    names = DEFAULT_OPTIONAL_DAYS.get(country, frozenset()) if categories is None else frozenset()
    try:
        base = holidays.country_holidays(
            country, subdiv=subdivision, categories=categories or ("public",)
        )
        picked = (
            holidays.country_holidays(
                country, subdiv=subdivision, categories=("optional",), language="en_US"
            )
            if names
            else None
        )
    except NotImplementedError as exc:  # the package's way of saying "unknown country/state"
        raise ValueError(str(exc)) from exc
    return HolidaySet(base, picked, names, frozenset(extra))


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
    holiday_categories: tuple[str, ...] | None = None  # None: public + DEFAULT_OPTIONAL_DAYS
    extra_holidays: tuple[date, ...] = ()
    tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.work_start >= self.work_end:
            raise ValueError(
                f"working hours end ({self.work_end}) before start ({self.work_start})"
            )
        if not self.work_days or not self.work_days <= frozenset(range(1, 8)):
            raise ValueError("working days must be a non-empty set of ISO weekdays 1-7")
        object.__setattr__(self, "tz", ZoneInfo(self.timezone))
        self.holidays()

    def with_absences(self, *absences: Absence) -> WorkCalendar:
        return replace(self, absences=self.absences + tuple(absences))

    def without_absences(self) -> WorkCalendar:
        return replace(self, absences=())

    # -- days ------------------------------------------------------------------------------

    def holidays(self) -> HolidaySet | None:
        return holiday_set(
            self.country, self.subdivision, self.holiday_categories, self.extra_holidays
        )

    def is_holiday(self, day: date) -> bool:
        found = self.holidays()
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

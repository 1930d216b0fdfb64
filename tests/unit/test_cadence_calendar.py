"""Working time: holidays, weekends, working hours, time zones, DST and absences."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cadence_jobs.calendar import (
    Absence,
    WorkCalendar,
    next_outside_quiet,
    parse_holidays,
    parse_weekdays,
)

MANAUS = WorkCalendar(timezone="America/Manaus")
LISBON = WorkCalendar(timezone="Europe/Lisbon", country="PT")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_christmas_2026_is_not_a_working_day_in_brazil():
    assert not MANAUS.is_working_day(date(2026, 12, 25))
    assert MANAUS.next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)


def test_state_holiday_only_counts_with_its_subdivision():
    sao_paulo = WorkCalendar(subdivision="SP")
    # 9 July, Revolução Constitucionalista: a holiday in São Paulo, a workday in Manaus.
    assert not sao_paulo.is_working_day(date(2026, 7, 9))
    assert MANAUS.is_working_day(date(2026, 7, 9))


def test_without_holidays_only_weekends_are_off():
    plain = WorkCalendar(country=None)
    assert plain.is_working_day(date(2026, 12, 25))
    assert not plain.is_working_day(date(2026, 12, 26))


def test_business_days_skip_weekend_and_holiday():
    # Wednesday 23 Dec + 2 business days: Thursday 24, (Fri 25 holiday, weekend) Monday 28.
    assert MANAUS.add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 28)


def test_calendar_days_land_on_the_next_working_day():
    assert MANAUS.add_days(date(2026, 12, 18), 7, business=False) == date(2026, 12, 28)


def test_opening_is_local_nine_in_manaus():
    assert MANAUS.opening(date(2026, 3, 2)) == utc(2026, 3, 2, 13, 0)


def test_lisbon_opening_follows_summer_time():
    # Lisbon is UTC+0 in winter and UTC+1 from the last Sunday of March.
    assert LISBON.opening(date(2026, 3, 27)) == utc(2026, 3, 27, 9, 0)
    assert LISBON.opening(date(2026, 3, 30)) == utc(2026, 3, 30, 8, 0)
    assert LISBON.opening(date(2026, 10, 26)) == utc(2026, 10, 26, 9, 0)


def test_next_working_moment_inside_hours_is_now():
    now = utc(2026, 3, 4, 15, 30)  # 11:30 in Manaus, Wednesday
    assert MANAUS.next_working_moment(now) == now


def test_next_working_moment_after_hours_is_next_morning():
    evening = utc(2026, 3, 4, 23, 0)  # 19:00 in Manaus
    assert MANAUS.next_working_moment(evening) == utc(2026, 3, 5, 13, 0)


def test_next_working_moment_at_3am_waits_for_opening():
    night = utc(2026, 3, 4, 7, 0)  # 03:00 in Manaus
    assert MANAUS.next_working_moment(night) == utc(2026, 3, 4, 13, 0)


def test_friday_evening_goes_to_monday():
    assert MANAUS.next_working_moment(utc(2026, 3, 6, 23, 0)) == utc(2026, 3, 9, 13, 0)


def test_same_instant_is_working_in_one_zone_and_not_the_other():
    instant = utc(2026, 6, 3, 18, 0)  # 14:00 Manaus, 19:00 Lisbon
    assert MANAUS.is_working_moment(instant)
    assert not LISBON.is_working_moment(instant)


def test_custom_hours_and_weekdays():
    saturdays = WorkCalendar(
        work_start=time(8), work_end=time(12), work_days=parse_weekdays("2,3,4,5,6")
    )
    assert saturdays.is_working_day(date(2026, 3, 7))
    assert not saturdays.is_working_day(date(2026, 3, 9))
    assert saturdays.next_working_moment(utc(2026, 3, 7, 16, 0)) == utc(2026, 3, 10, 11, 0)


def test_absence_moves_the_next_working_day_past_it():
    away = MANAUS.with_absences(Absence(date(2026, 3, 2), date(2026, 3, 13)))
    assert away.next_working_moment(utc(2026, 3, 3, 14, 0)) == utc(2026, 3, 16, 13, 0)


def test_absence_must_end_after_it_starts():
    with pytest.raises(ValueError):
        Absence(date(2026, 3, 10), date(2026, 3, 1))


def test_hours_must_be_ordered():
    with pytest.raises(ValueError):
        WorkCalendar(work_start=time(18), work_end=time(9))


def test_unknown_holidays_are_rejected():
    with pytest.raises(ValueError):
        parse_holidays("XX")
    with pytest.raises(ValueError):
        parse_holidays("BR-ZZ")
    assert parse_holidays("br-sp") == ("BR", "SP")
    assert parse_holidays("none") == (None, None)


def test_quiet_hours_wrapping_midnight_wait_until_morning():
    tz = ZoneInfo("America/Sao_Paulo")
    late = utc(2026, 3, 5, 1, 30)  # 22:30 in São Paulo
    assert next_outside_quiet(late, tz, time(22), time(7)) == utc(2026, 3, 5, 10, 0)
    early = utc(2026, 3, 5, 8, 0)  # 05:00
    assert next_outside_quiet(early, tz, time(22), time(7)) == utc(2026, 3, 5, 10, 0)
    noon = utc(2026, 3, 5, 15, 0)
    assert next_outside_quiet(noon, tz, time(22), time(7)) == noon


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        MANAUS.next_working_moment(datetime(2026, 3, 4, 12, 0))

"""Relative dates, periods, times and impossible dates, all counted from a pinned today."""

from __future__ import annotations

from datetime import date, time

import pytest

from handlers.understanding import parse
from handlers.understanding.dates import next_weekday, quarter_period

WEDNESDAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("status Acme amanhã", date(2026, 11, 19)),
        ("status Acme tomorrow", date(2026, 11, 19)),
        ("status Acme sexta", date(2026, 11, 20)),
        ("status Acme sexta-feira", date(2026, 11, 20)),
        ("status Acme friday", date(2026, 11, 20)),
        ("status Acme terça", date(2026, 11, 24)),
        ("status Acme em 3 dias", date(2026, 11, 21)),
        ("status Acme 5 de dezembro", date(2026, 12, 5)),
        ("status Acme december 5th", date(2026, 12, 5)),
        ("status Acme 2027-01-15", date(2027, 1, 15)),
        ("status Acme 15/01/2027", date(2027, 1, 15)),
    ],
)
def test_future_dates(text, expected):
    assert parse(text, WEDNESDAY).date == expected


def test_a_weekday_named_on_that_weekday_is_next_week():
    assert next_weekday(WEDNESDAY, 2) == date(2026, 11, 25)


def test_past_tense_reads_a_weekday_backwards():
    assert parse("visitei a Acme segunda", WEDNESDAY).date == date(2026, 11, 16)
    assert parse("ligar pra Acme segunda", WEDNESDAY).date == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("forecast esta semana", date(2026, 11, 16), date(2026, 11, 22)),
        ("forecast this week", date(2026, 11, 16), date(2026, 11, 22)),
        ("forecast semana que vem", date(2026, 11, 23), date(2026, 11, 29)),
        ("forecast este mês", date(2026, 11, 1), date(2026, 11, 30)),
        ("forecast this month", date(2026, 11, 1), date(2026, 11, 30)),
        ("forecast próximo trimestre", date(2027, 1, 1), date(2027, 3, 31)),
        ("forecast next quarter", date(2027, 1, 1), date(2027, 3, 31)),
        ("forecast Q2", date(2027, 4, 1), date(2027, 6, 30)),  # ahead, as "em março"
        ("forecast este ano", date(2026, 1, 1), date(2026, 12, 31)),
        ("forecast em março", date(2027, 3, 1), date(2027, 3, 31)),
    ],
)
def test_periods(text, start, end):
    period = parse(text, WEDNESDAY).period
    assert (period.start, period.end) == (start, end)


def test_quarters_cover_their_three_months():
    assert quarter_period(2028, 1).end == date(2028, 3, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("liguei pra Acme ontem às 15h", time(15, 0)),
        ("liguei pra Acme às 9h45", time(9, 45)),
        ("called Acme at 3pm", time(15, 0)),
        ("called Acme at 11:30", time(11, 30)),
        ("liguei pra Acme ao meio-dia", time(12, 0)),
    ],
)
def test_times(text, expected):
    assert parse(text, WEDNESDAY).time == expected


@pytest.mark.parametrize("text", ["liguei pra Acme às 25h", "called Acme at 13pm"])
def test_an_impossible_time_is_reported(text):
    assert parse(text, WEDNESDAY).problem == "impossible_time"


@pytest.mark.parametrize("text", ["31 de fevereiro", "30/02", "31 de abril", "2026-02-29"])
def test_dates_that_do_not_exist(text):
    parsed = parse(f"closing {text}", WEDNESDAY)
    assert parsed.problem == "impossible_date"
    assert parsed.problem_text


def test_a_leap_day_exists_in_a_leap_year():
    assert parse("closing 29/02/2028", WEDNESDAY).date == date(2028, 2, 29)


def test_english_askers_can_write_month_first():
    assert parse("closing 12/05", WEDNESDAY, month_first=True).date == date(2026, 12, 5)
    # No year: a question about closings looks ahead, so May is next May.
    assert parse("closing 12/05", WEDNESDAY).date == date(2027, 5, 12)


def test_ranges_of_days_are_periods():
    parsed = parse("estou de férias de 10 a 20 de dezembro", WEDNESDAY)
    assert (parsed.period.start, parsed.period.end) == (date(2026, 12, 10), date(2026, 12, 20))
    # A first day after the last is the month before's: "de 20 a 10 de dezembro" from 20 Nov;
    # one that would have begun in the past without saying so is refused.
    parsed = parse("férias de 20 a 10 de dezembro", WEDNESDAY)
    assert (parsed.period.start, parsed.period.end) == (date(2026, 11, 20), date(2026, 12, 10))
    assert parse("férias de 12 a 10 de dezembro", WEDNESDAY).problem == "impossible_date"


def test_a_past_tense_date_without_year_is_not_in_the_future():
    assert parse("visitei a Acme dia 5 de dezembro", WEDNESDAY).date == date(2025, 12, 5)
    assert parse("visitei a Acme dia 5 de novembro", WEDNESDAY).date == date(2026, 11, 5)


@pytest.mark.parametrize(
    "text, start",
    [
        ("by next week", date(2026, 12, 14)),
        ("na semana que vem", date(2026, 12, 14)),  # not "na semana" (this one) and two words
        ("na semana passada", date(2026, 11, 30)),
        ("no mes que vem", date(2027, 1, 1)),
        ("no mes passado", date(2026, 11, 1)),
        ("nesta semana", date(2026, 12, 7)),
    ],
)
def test_this_next_and_last_periods_said_with_a_preposition(text, start):
    from handlers.understanding.dates import find_word_dates

    [hit] = find_word_dates(text, date(2026, 12, 10))
    assert hit.future.start == start


@pytest.mark.parametrize(
    "text, day",
    [
        ("end of feb", date(2027, 2, 28)),
        ("fim de fevereiro", date(2027, 2, 28)),
        ("no comeco de marco", date(2027, 3, 1)),
        ("mid jan", date(2027, 1, 15)),
        ("em meados de janeiro", date(2027, 1, 15)),
        ("early april 2028", date(2028, 4, 1)),
        ("late december", date(2026, 12, 31)),
    ],
)
def test_a_part_of_a_named_month_is_one_day_ahead(text, day):
    from handlers.understanding.dates import find_word_dates, without_overlaps

    (hit,) = without_overlaps(find_word_dates(text, date(2026, 12, 10)))
    assert hit.future == day and hit.rough


def test_the_weekend_is_not_a_part_of_a_month():
    from handlers.understanding.dates import find_word_dates

    assert find_word_dates("no fim de semana", date(2026, 12, 10)) == []

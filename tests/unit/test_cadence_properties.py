"""Properties that hold for any cadence, rep and clock: due times are always workable."""

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cadence_jobs.calendar import Absence, WorkCalendar
from cadence_jobs.definitions import Cadence, Step, Text
from cadence_jobs.rules import done, enrol, shift_for_absence, skip, snooze

ZONES = ["America/Manaus", "Europe/Lisbon", "America/Sao_Paulo", "Asia/Tokyo", "America/New_York"]
HOLIDAYS = [("BR", None), ("BR", "SP"), ("PT", None), (None, None)]


@st.composite
def calendars(draw) -> WorkCalendar:
    start = draw(st.integers(6, 11))
    end = draw(st.integers(start + 1, 20))
    days = draw(st.sets(st.integers(1, 7), min_size=1))
    country, subdivision = draw(st.sampled_from(HOLIDAYS))
    absences = ()
    if draw(st.booleans()):
        begin = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
        absences = (Absence(begin, begin + timedelta(days=draw(st.integers(0, 30)))),)
    return WorkCalendar(
        timezone=draw(st.sampled_from(ZONES)),
        work_start=time(start, draw(st.sampled_from([0, 30]))),
        work_end=time(end),
        work_days=frozenset(days),
        country=country,
        subdivision=subdivision,
        absences=absences,
    )


@st.composite
def cadences(draw) -> Cadence:
    waits = draw(st.lists(st.integers(0, 30), min_size=1, max_size=6))
    text = Text("Fazer", "Do")
    return Cadence(
        key="prop",
        name=Text("P", "P"),
        kind="custom",
        business_days=draw(st.booleans()),
        steps=tuple(Step(wait=w, channel="call", action=text) for w in waits),
    )


moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
delays = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20))


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), cadence=cadences(), start=moments, lags=st.lists(delays, min_size=6))
def test_every_due_time_is_workable_and_never_before_the_previous_step(cal, cadence, start, lags):
    progress = enrol(cadence, cal, start)
    previous = start
    for lag in lags[: len(cadence.steps)]:
        due = progress.due_at
        assert cal.is_working_moment(due), (due, cal.local(due))
        assert due >= previous
        previous = due
        acted = due + lag
        result = (
            done(cadence, progress, cal, acted)
            if lag.days % 2
            else skip(cadence, progress, cal, acted)
        )
        progress = result.progress
        if progress.due_at is None:
            break


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), now=moments, option=st.sampled_from(["hour", "tomorrow", "next_week"]))
def test_snoozed_steps_are_workable_and_later(cal, now, option):
    progress = enrol(
        Cadence("k", Text("a", "a"), "custom", (Step(0, "call", Text("a", "a")),)), cal, now
    )
    due = snooze(progress, cal, now, option).progress.due_at
    assert due > now
    assert cal.is_working_moment(due)


@settings(max_examples=150, deadline=None)
@given(cal=calendars(), due=moments, begin=st.integers(0, 700), length=st.integers(0, 30))
def test_absence_shift_lands_on_a_working_moment_outside_the_absence(cal, due, begin, length):
    cal = cal.without_absences()
    due = cal.next_working_moment(due)
    start = date(2026, 1, 1) + timedelta(days=begin)
    absence = Absence(start, start + timedelta(days=length))
    moved = shift_for_absence(due, cal, absence)
    assert moved >= due
    assert cal.with_absences(absence).is_working_moment(moved)

"""Cadence transitions and due times with a controlled clock (Manaus and Lisbon reps)."""

from datetime import UTC, date, datetime

import pytest

from cadence_jobs.calendar import Absence, WorkCalendar
from cadence_jobs.definitions import load_builtin, load_text
from cadence_jobs.rules import (
    ACTIVE,
    COMPLETED,
    EXITED,
    PAUSED,
    Progress,
    TransitionError,
    done,
    enrol,
    idleness,
    pause,
    preview,
    priority,
    report,
    resume,
    resume_due,
    shift_for_absence,
    skip,
    snooze,
    stop_by_account,
    unenrol,
)

BUILTIN = load_builtin()
EXPLORATORY = BUILTIN["exploratory"]
NURTURE = BUILTIN["nurture"]
MANAUS = WorkCalendar(timezone="America/Manaus")  # UTC-4 all year
LISBON = WorkCalendar(timezone="Europe/Lisbon", country="PT")

TWO_STEPS_SOURCE = """
key = "short"
name = { pt-BR = "Curta", en = "Short" }
on_complete = "switch:nurture"
[[steps]]
wait = 0
channel = "call"
action = { pt-BR = "Ligar", en = "Call" }
[[steps]]
wait = 2
channel = "email"
action = { pt-BR = "Escrever", en = "Write" }
"""
TWO_STEPS = load_text(TWO_STEPS_SOURCE, "short.toml")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_enrolling_during_work_makes_the_first_step_due_now():
    now = utc(2026, 3, 4, 15, 0)  # Wednesday 11:00 in Manaus
    assert enrol(EXPLORATORY, MANAUS, now) == Progress(0, now)


def test_enrolling_at_night_makes_the_first_step_due_next_morning():
    progress = enrol(EXPLORATORY, MANAUS, utc(2026, 3, 5, 3, 0))  # 23:00 Wednesday
    assert progress.due_at == utc(2026, 3, 5, 13, 0)


def test_step_due_on_christmas_friday_lands_on_monday():
    # Done on Wednesday 23 Dec: a 2-business-day wait would be Friday 25 (holiday) → Monday 28.
    progress = Progress(0, utc(2026, 12, 22, 13, 0))
    result = done(TWO_STEPS, progress, MANAUS, utc(2026, 12, 23, 14, 0))
    # Thursday 24 is the first business day, Monday 28 the second.
    assert MANAUS.local(result.progress.due_at).date() == date(2026, 12, 28)


def test_calendar_day_step_on_christmas_moves_to_monday():
    cal_days = load_text(
        TWO_STEPS_SOURCE.replace("wait = 2", "wait = 7").replace(
            'key = "short"', 'key = "short"\nbusiness_days = false'
        ),
        "x",
    )
    result = done(
        cal_days, Progress(0, utc(2026, 12, 18, 13, 0)), MANAUS, utc(2026, 12, 18, 14, 0)
    )
    assert result.progress.due_at == utc(2026, 12, 28, 13, 0)  # Monday 09:00 in Manaus


def test_done_logs_the_channel_and_schedules_the_next_step_in_the_morning():
    progress = enrol(EXPLORATORY, MANAUS, utc(2026, 3, 2, 14, 0))  # Monday
    result = done(EXPLORATORY, progress, MANAUS, utc(2026, 3, 2, 16, 0))
    assert result.event == "done" and result.log_channel == "email"
    assert result.progress == Progress(1, utc(2026, 3, 4, 13, 0))  # Wednesday 09:00


def test_skip_moves_on_without_logging():
    progress = enrol(EXPLORATORY, MANAUS, utc(2026, 3, 2, 14, 0))
    result = skip(EXPLORATORY, progress, MANAUS, utc(2026, 3, 2, 16, 0))
    assert result.event == "skipped" and result.log_channel is None
    assert result.progress.step_index == 1


def test_acting_early_keeps_the_spacing_from_the_due_date():
    progress = Progress(1, utc(2026, 3, 4, 13, 0))  # due Wednesday
    result = done(EXPLORATORY, progress, MANAUS, utc(2026, 3, 2, 14, 0))  # done Monday
    assert result.progress.due_at == utc(2026, 3, 6, 13, 0)  # Friday: 2 days after Wednesday


def test_lisbon_rep_gets_steps_at_nine_local_across_the_dst_change():
    # Friday 27 March 2026, done at 10:00 WET; two business days later is Tuesday 31 (WEST).
    progress = Progress(0, utc(2026, 3, 27, 9, 0))
    result = done(TWO_STEPS, progress, LISBON, utc(2026, 3, 27, 10, 0))
    assert result.progress.due_at == utc(2026, 3, 31, 8, 0)
    assert LISBON.local(result.progress.due_at).hour == 9


def test_last_step_completes_and_switches_per_definition():
    result = done(TWO_STEPS, Progress(1, utc(2026, 3, 4, 13, 0)), MANAUS, utc(2026, 3, 4, 14, 0))
    assert result.progress.state == COMPLETED
    assert result.switch_to == "nurture"
    assert result.log_channel == "email"


def test_completion_without_switch_just_completes():
    last = len(NURTURE.steps) - 1
    result = skip(NURTURE, Progress(last, utc(2026, 3, 4, 13, 0)), MANAUS, utc(2026, 3, 4, 14, 0))
    assert result.progress.state == COMPLETED and result.switch_to is None


def test_done_twice_is_refused():
    completed = Progress(2, None, COMPLETED, "completed")
    with pytest.raises(TransitionError):
        done(TWO_STEPS, completed, MANAUS, utc(2026, 3, 4, 14, 0))


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("hour", utc(2026, 3, 4, 16, 0)),  # 12:00 Manaus
        ("tomorrow", utc(2026, 3, 5, 13, 0)),  # Thursday 09:00
        ("next_week", utc(2026, 3, 9, 13, 0)),  # Monday 09:00
        (utc(2026, 3, 4, 23, 30), utc(2026, 3, 5, 13, 0)),  # 19:30 asked → next morning
    ],
)
def test_snooze_options(option, expected):
    now = utc(2026, 3, 4, 15, 0)  # Wednesday 11:00 Manaus
    result = snooze(Progress(1, now), MANAUS, now, option)
    assert result.progress.due_at == expected
    assert result.progress.step_index == 1 and result.event == "snoozed"


def test_snooze_an_hour_before_closing_goes_to_next_morning():
    now = utc(2026, 3, 6, 21, 30)  # Friday 17:30 Manaus
    assert snooze(Progress(1, now), MANAUS, now, "hour").progress.due_at == utc(2026, 3, 9, 13, 0)


def test_snooze_tomorrow_before_a_holiday_skips_it():
    now = utc(2026, 12, 24, 15, 0)  # Thursday 24 Dec
    result = snooze(Progress(1, now), MANAUS, now, "tomorrow")
    assert result.progress.due_at == utc(2026, 12, 28, 13, 0)


def test_snooze_into_the_past_is_refused():
    now = utc(2026, 3, 4, 15, 0)
    with pytest.raises(ValueError):
        snooze(Progress(1, now), MANAUS, now, utc(2026, 3, 4, 14, 0))


def test_reply_exits_and_stops_the_account_for_exploratory():
    result = report(EXPLORATORY, Progress(2, utc(2026, 3, 4, 13, 0)), "replied")
    assert result.progress.state == EXITED and result.progress.exit_reason == "replied"
    assert result.stop_account and result.switch_to is None
    assert result.event == "replied"


def test_reply_switches_when_the_definition_says_so():
    switching = load_text(
        TWO_STEPS_SOURCE.replace(
            'on_complete = "switch:nurture"', 'on_reply = "switch:conversion"'
        ),
        "s",
    )
    result = report(switching, Progress(0, utc(2026, 3, 4, 13, 0)), "meeting_booked")
    assert result.switch_to == "conversion"


@pytest.mark.parametrize("outcome", ["bounced", "opted_out", "not_interested"])
def test_negative_outcomes_exit_without_switch(outcome):
    result = report(EXPLORATORY, Progress(2, utc(2026, 3, 4, 13, 0)), outcome)
    assert result.progress.exit_reason == outcome
    assert result.switch_to is None and not result.stop_account


def test_unknown_outcome_is_refused():
    with pytest.raises(ValueError):
        report(EXPLORATORY, Progress(0, None), "maybe")


def test_other_contacts_stop_when_one_replies():
    result = stop_by_account(Progress(1, utc(2026, 3, 4, 13, 0)))
    assert result.progress.exit_reason == "account_replied"


def test_unenrol_exits():
    assert unenrol(Progress(1, None)).progress.state == EXITED


def test_pause_and_resume_after_the_due_time_is_due_at_once_not_in_a_burst():
    paused = pause(Progress(1, utc(2026, 3, 4, 13, 0)), date(2026, 3, 20)).progress
    assert paused.state == PAUSED and paused.paused_until == date(2026, 3, 20)
    assert not resume_due(paused, date(2026, 3, 19))
    assert resume_due(paused, date(2026, 3, 20))
    now = utc(2026, 3, 20, 11, 0)  # 07:00 in Manaus, before work
    resumed = resume(paused, MANAUS, now).progress
    assert resumed == Progress(1, utc(2026, 3, 20, 13, 0), ACTIVE)


def test_resume_before_the_due_time_keeps_it():
    paused = pause(Progress(1, utc(2026, 3, 10, 13, 0))).progress
    assert resume(paused, MANAUS, utc(2026, 3, 5, 15, 0)).progress.due_at == utc(
        2026, 3, 10, 13, 0
    )


def test_absence_spreads_due_steps_over_the_days_back():
    absence = Absence(date(2026, 3, 2), date(2026, 3, 13))  # two weeks away
    first_day = shift_for_absence(utc(2026, 3, 2, 13, 0), MANAUS, absence)
    third_day = shift_for_absence(utc(2026, 3, 4, 15, 0), MANAUS, absence)
    after = shift_for_absence(utc(2026, 3, 17, 13, 0), MANAUS, absence)
    assert first_day == utc(2026, 3, 16, 13, 0)
    assert third_day == utc(2026, 3, 18, 15, 0)  # third day back, same time of day
    assert after == utc(2026, 3, 17, 13, 0)  # not in the absence: untouched


def test_preview_is_each_steps_calendar_in_the_reps_zone():
    days = preview(EXPLORATORY, date(2026, 12, 21), MANAUS)
    assert [p.due_at.date() for p in days] == [
        date(2026, 12, 21),
        date(2026, 12, 23),
        date(2026, 12, 28),
        date(2026, 12, 31),
        date(2027, 1, 5),
        date(2027, 1, 8),
        date(2027, 1, 13),
    ]
    assert all(p.due_at.hour == 9 for p in days)
    assert str(days[0].due_at.tzinfo) == "America/Manaus"


def test_preview_starting_on_a_holiday_starts_next_working_day():
    days = preview(EXPLORATORY, date(2026, 12, 25), MANAUS)
    assert days[0].due_at.date() == date(2026, 12, 28)


def test_idle_deal_past_its_stage_limit_is_flagged_once_per_period():
    last = utc(2026, 3, 1, 12, 0)
    assert idleness(last, utc(2026, 3, 10, 12, 0), idle_limit=14) is None
    flag = idleness(last, utc(2026, 3, 17, 12, 0), idle_limit=14)
    assert flag.reason == "idle" and flag.idle_days == 16 and flag.period == 1
    assert idleness(last, utc(2026, 3, 20, 12, 0), 14).period == flag.period
    assert idleness(last, utc(2026, 3, 30, 12, 0), 14).period == 2


def test_deal_without_next_step_is_flagged():
    flag = idleness(utc(2026, 3, 1), utc(2026, 3, 2), idle_limit=None, has_next_step=False)
    assert flag.reason == "no_next_step"


def test_agenda_priority_overdue_then_conversion_then_amount():
    now = utc(2026, 3, 4, 13, 0)
    items = {
        "nurture overdue": priority(utc(2026, 3, 3, 13, 0), now, "nurture"),
        "conversion small": priority(utc(2026, 3, 4, 15, 0), now, "conversion", 100),
        "conversion big": priority(utc(2026, 3, 4, 16, 0), now, "conversion", 9000),
        "exploratory": priority(utc(2026, 3, 4, 14, 0), now, "exploratory", 50000),
    }
    assert sorted(items, key=items.get) == [
        "nurture overdue",
        "conversion big",
        "conversion small",
        "exploratory",
    ]

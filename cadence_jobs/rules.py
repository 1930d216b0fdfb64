"""The cadence rules: due times and transitions as pure functions of `now`, never of the clock.

An enrolment only ever has one step due: the next one is computed when the current one is done
or skipped, counting from that moment (or from the step's own due time if the rep acted early).
That is what keeps a cadence from piling up: after a week away, or a week-end, or a paused
month, the steps shift together and the rep gets one reminder per lead, not a burst.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from cadence_jobs.calendar import Absence, WorkCalendar
from cadence_jobs.definitions import Cadence, Step

ACTIVE, PAUSED, COMPLETED, EXITED = "active", "paused", "completed", "exited"
# What a rep can report about a contact; each ends the enrolment with that reason.
OUTCOMES = ("replied", "meeting_booked", "bounced", "opted_out", "not_interested")
# Outcomes that count as the contact answering, so the cadence's `on_reply` applies.
ANSWERS = frozenset({"replied", "meeting_booked"})
SNOOZES = ("hour", "tomorrow", "next_week")
KIND_WEIGHT = {"conversion": 0, "exploratory": 1, "custom": 2, "nurture": 3}


class TransitionError(ValueError):
    """The action does not apply to the enrolment in its current state (e.g. done twice)."""

    def __init__(self, action: str, state: str) -> None:
        self.action, self.state = action, state
        super().__init__(f"cannot {action} an enrolment that is {state}")


@dataclass(frozen=True)
class Progress:
    """Where an enrolment stands: its current step and when it is due."""

    step_index: int
    due_at: datetime | None
    state: str = ACTIVE
    exit_reason: str | None = None
    paused_until: date | None = None


@dataclass(frozen=True)
class Transition:
    """The result of an action: the new progress plus what the caller must also do.

    `event` is what is recorded in step_events (one of its CHECK values) and the audit log
    with `reason`; `switch_to`
    names a cadence to enrol the same contact in; `stop_account` asks to stop the other
    contacts of the account; `log_channel` asks to log an interaction of that kind.
    """

    progress: Progress
    event: str
    reason: str
    step_index: int
    switch_to: str | None = None
    stop_account: bool = False
    log_channel: str | None = None


def _require(progress: Progress, action: str, *states: str) -> None:
    if progress.state not in states:
        raise TransitionError(action, progress.state)


def due_for_step(cadence: Cadence, index: int, cal: WorkCalendar, after: datetime) -> datetime:
    """When step `index` is due if the step before it was finished at `after`.

    A step with no wait is due at once (inside working hours); otherwise at the start of the
    working day reached after its wait, counted in business days or calendar days.
    """
    step = cadence.steps[index]
    if step.wait == 0:
        return cal.next_working_moment(after)
    day = cal.add_days(cal.local_date(after), step.wait, business=cadence.business_days)
    return cal.opening(day)


def enrol(cadence: Cadence, cal: WorkCalendar, now: datetime) -> Progress:
    """The progress of a new enrolment: its first step, due from `now`."""
    return Progress(step_index=0, due_at=due_for_step(cadence, 0, cal, now))


def _advance(
    cadence: Cadence, progress: Progress, cal: WorkCalendar, now: datetime, event: str
) -> Transition:
    _require(progress, event, ACTIVE)
    step = cadence.steps[progress.step_index]
    log = step.channel if event == "done" else None
    following = progress.step_index + 1
    if following >= len(cadence.steps):
        finished = Progress(following, None, COMPLETED, "completed")
        return Transition(
            finished,
            event,
            "last_step",
            progress.step_index,
            cadence.on_complete.target,
            log_channel=log,
        )
    # Never earlier than the step just finished was due: acting early keeps the spacing.
    base = max(now, progress.due_at) if progress.due_at else now
    due = due_for_step(cadence, following, cal, base)
    return Transition(Progress(following, due), event, event, progress.step_index, log_channel=log)


def done(cadence: Cadence, progress: Progress, cal: WorkCalendar, now: datetime) -> Transition:
    """The rep did the current step: log it on its channel and schedule the next one."""
    return _advance(cadence, progress, cal, now, "done")


def skip(cadence: Cadence, progress: Progress, cal: WorkCalendar, now: datetime) -> Transition:
    """The rep skipped the current step: schedule the next one without logging anything."""
    return _advance(cadence, progress, cal, now, "skipped")


def snooze_until(option: str | datetime, cal: WorkCalendar, now: datetime) -> datetime:
    """When a snoozed step comes back: in an hour, tomorrow morning, next week, or at a time.

    Raises:
        ValueError: unknown option name, or a given time that is already past.
    """
    if isinstance(option, datetime):
        if option <= now:
            raise ValueError("snooze time is in the past")
        return cal.next_working_moment(option)
    today = cal.local_date(now)
    if option == "hour":
        return cal.next_working_moment(now + timedelta(hours=1))
    if option == "tomorrow":
        return cal.opening(cal.next_working_day(today, after=True))
    if option == "next_week":
        monday = today + timedelta(days=7 - today.weekday())
        return cal.opening(cal.next_working_day(monday))
    raise ValueError(f"unknown snooze option {option!r}; use one of {', '.join(SNOOZES)}")


def snooze(
    progress: Progress, cal: WorkCalendar, now: datetime, option: str | datetime
) -> Transition:
    """Move the current step's due time; the rest of the cadence follows it."""
    _require(progress, "snooze", ACTIVE)
    due = snooze_until(option, cal, now)
    reason = option if isinstance(option, str) else "until"
    return Transition(replace(progress, due_at=due), "snoozed", reason, progress.step_index)


def report(cadence: Cadence, progress: Progress, outcome: str) -> Transition:
    """The rep reports what the contact did: replied, booked a meeting, bounced, opted out...

    An answer (reply or meeting) follows the cadence's `on_reply` (exit, or switch) and may
    stop the account's other contacts; every outcome ends this enrolment with its reason.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}")
    _require(progress, outcome, ACTIVE, PAUSED)
    answered = outcome in ANSWERS
    return Transition(
        Progress(progress.step_index, None, EXITED, outcome),
        outcome,
        outcome,
        progress.step_index,
        switch_to=cadence.on_reply.target if answered else None,
        stop_account=answered and cadence.stop_account_on_reply,
    )


def stop_by_account(progress: Progress) -> Transition:
    """Another contact of the same account answered: this enrolment stops too."""
    _require(progress, "stop", ACTIVE, PAUSED)
    return Transition(
        Progress(progress.step_index, None, EXITED, "account_replied"),
        "unenrolled",
        "account_replied",
        progress.step_index,
    )


def unenrol(progress: Progress, reason: str = "unenrolled") -> Transition:
    """Take the contact out of the cadence (by hand, or because it switched cadence)."""
    _require(progress, "unenrol", ACTIVE, PAUSED)
    return Transition(
        Progress(progress.step_index, None, EXITED, reason),
        "unenrolled",
        reason,
        progress.step_index,
    )


def pause(progress: Progress, until: date | None = None) -> Transition:
    """Stop reminding until resumed by hand or, when `until` is given, on that date."""
    _require(progress, "pause", ACTIVE)
    paused = replace(progress, state=PAUSED, paused_until=until)
    return Transition(paused, "paused", "until" if until else "manual", progress.step_index)


def resume(progress: Progress, cal: WorkCalendar, now: datetime) -> Transition:
    """Start reminding again; a step that fell due while paused is due now, not in a burst."""
    _require(progress, "resume", PAUSED)
    due = progress.due_at if progress.due_at and progress.due_at > now else now
    resumed = Progress(progress.step_index, cal.next_working_moment(due))
    return Transition(resumed, "resumed", "manual", progress.step_index)


def resume_due(progress: Progress, today: date) -> bool:
    """Whether a paused enrolment with an automatic resume date should resume by `today`."""
    return (
        progress.state == PAUSED
        and progress.paused_until is not None
        and progress.paused_until <= today
    )


def shift_for_absence(due: datetime, cal: WorkCalendar, absence: Absence) -> datetime:
    """Where a due time goes when the rep is away.

    A step due during the absence keeps its place in the rep's working days: the one due on
    the first day away comes on the first day back, the one due on the third day on the third
    day back, and so on, so the return is not a burst. `cal` is the calendar without this
    absence; the result respects any other absence it has.
    """
    day = cal.local_date(due)
    if not absence.covers(day):
        return due
    lost = 0
    cursor = cal.next_working_day(absence.start)
    while cursor < day:
        lost += 1
        cursor = cal.next_working_day(cursor, after=True)
    away_cal = cal.with_absences(absence)
    back = away_cal.add_working_days(absence.end + timedelta(days=1), lost)
    return away_cal.clamp(back, cal.local(due).time())


@dataclass(frozen=True)
class PreviewStep:
    index: int  # 1-based, as shown to people
    due_at: datetime  # in the rep's zone
    step: Step


def preview(cadence: Cadence, start: date, cal: WorkCalendar) -> list[PreviewStep]:
    """Each step's due time for a contact enrolled on `start`, if every step is done on time."""
    now = cal.next_working_moment(cal.at(start, time(0, 0)))
    progress = enrol(cadence, cal, now)
    out: list[PreviewStep] = []
    for index, step in enumerate(cadence.steps):
        due = progress.due_at
        assert due is not None  # only a finished enrolment has no due time
        out.append(PreviewStep(index + 1, cal.local(due), step))
        progress = done(cadence, progress, cal, due).progress
    return out


@dataclass(frozen=True)
class Idleness:
    """Why a deal or account needs attention, and which quiet period this flag belongs to.

    `period` grows by one every `idle_limit` days; a flag is sent once per period (it is part
    of the outbox dedupe key), so an owner is reminded again only after another quiet period.
    """

    reason: str  # "idle" (past the limit) or "no_next_step"
    idle_days: int
    period: int


DEFAULT_QUIET_DAYS = 7


def idleness(
    last_activity: datetime,
    now: datetime,
    idle_limit: int | None,
    has_next_step: bool = True,
) -> Idleness | None:
    """Stage rotting / inactivity: is this deal (or account) idle past its limit?

    Args:
        last_activity: the latest of its last interaction, stage change and creation.
        idle_limit: days allowed without activity (the stage's or account's), None for none.
        has_next_step: whether an active cadence step is scheduled for it.
    """
    idle_days = max(0, (now - last_activity).days)
    if idle_limit is not None and idle_limit > 0 and idle_days > idle_limit:
        return Idleness("idle", idle_days, idle_days // idle_limit)
    if not has_next_step and idle_days >= 1:
        quiet = idle_limit or DEFAULT_QUIET_DAYS
        return Idleness("no_next_step", idle_days, idle_days // quiet)
    return None


def priority(due_at: datetime, now: datetime, kind: str, weighted_amount: float = 0.0) -> tuple:
    """Sort key for a morning agenda: overdue first, then closer to money, then bigger deals."""
    overdue = due_at < now
    return (not overdue, KIND_WEIGHT.get(kind, KIND_WEIGHT["custom"]), -weighted_amount, due_at)

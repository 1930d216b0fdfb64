"""Cadence actions against the store: enrol, act on a step, mark a rep away, auto-resume.

Each function is synchronous and takes the unit of work (storage.interface.Tx), so it runs
inside one `store.write` transaction: the enrolment change, its step event, the audit row, the
logged interaction and any follow-up (switching cadence, stopping the account's other contacts)
commit together or not at all. The decisions themselves come from cadence_jobs.rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from cadence_jobs import rules
from cadence_jobs.calendar import Absence, WorkCalendar, parse_clock, parse_weekdays
from cadence_jobs.definitions import Cadence, parse
from storage import enrolments
from storage.audit import Actor
from storage.enrolments import Enrolment
from storage.errors import NotFound
from storage.interface import Tx
from storage.schedules import Schedule


class Options(Protocol):
    """The settings cadence work needs (handlers.kernel.context.Options satisfies it).

    Read-only properties: the frozen Options only has to be readable as these types.
    """

    @property
    def holidays_country(self) -> str | None: ...
    @property
    def holidays_subdivision(self) -> str | None: ...
    @property
    def holidays_categories(self) -> tuple[str, ...] | None: ...
    @property
    def holidays_extra(self) -> tuple[date, ...]: ...
    @property
    def cadence_folder(self) -> str | None: ...


ACTIONS = ("done", "skip", "snooze", "pause", "resume", "unenrol", *rules.OUTCOMES)


def calendar_for(schedule: Schedule, options: Options) -> WorkCalendar:
    """The working calendar of one person, with the deployment's holidays."""
    return WorkCalendar(
        timezone=schedule.timezone,
        work_start=parse_clock(schedule.work_start),
        work_end=parse_clock(schedule.work_end),
        work_days=parse_weekdays(schedule.work_days),
        country=options.holidays_country or None,
        subdivision=options.holidays_subdivision or None,
        holiday_categories=options.holidays_categories,
        extra_holidays=tuple(options.holidays_extra),
        absences=tuple(Absence(s, e) for s, e in schedule.absences),
    )


def person_calendar(
    tx: Tx, person_id: int, options: Options, today: date | None = None
) -> WorkCalendar:
    return calendar_for(tx.schedules.schedule_of(person_id, today), options)


def load_cadence(tx: Tx, key: str) -> Cadence:
    """A cadence as installed in the store. Raises NotFound."""
    found = tx.cadences.get(key)
    if found is None:
        raise NotFound(f"there is no cadence {key!r}")
    return parse(found.definition, f"store:{key}", found.source or "custom")


def installed_keys(tx: Tx) -> list[str]:
    return [c.key for c in tx.cadences.list_all()]


def _progress(e: Enrolment) -> rules.Progress:
    return rules.Progress(e.step_index, e.due_at, e.state, e.exit_reason, e.paused_until)


def enrol(
    tx: Tx,
    *,
    actor: Actor,
    cadence_key: str,
    account_id: int,
    owner_id: int,
    now: datetime,
    options: Options,
    contact_id: int | None = None,
    deal_id: int | None = None,
    reason: str | None = None,
    once_per_account: bool = False,
) -> Enrolment:
    """Enrol a contact (or account/deal) for a rep; the first step is due from `now`.

    `once_per_account` is for enrolling an account as a whole (the chat's "coloca a Acme na
    nutrição"): any open enrolment of the account in that cadence for this rep, whichever
    contact it is for, means it is already there.

    Raises:
        NotFound: no such cadence. storage.enrolments.OptedOut / AlreadyEnrolled.
    """
    cadence = load_cadence(tx, cadence_key)
    if once_per_account and (
        existing := tx.enrolments.open_in_cadence(
            account_id, cadence_key, owner_id, any_contact=True
        )
    ):
        raise enrolments.AlreadyEnrolled(existing)
    cal = person_calendar(tx, owner_id, options)
    progress = rules.enrol(cadence, cal, now)
    assert progress.due_at is not None  # a new enrolment's first step is always due
    return tx.enrolments.create(
        actor=actor,
        cadence_key=cadence_key,
        account_id=account_id,
        owner_id=owner_id,
        due_at=progress.due_at,
        now=now,
        channels={s.channel for s in cadence.steps},
        contact_id=contact_id,
        deal_id=deal_id,
        reason=reason,
    )


@dataclass(frozen=True)
class Acted:
    """What an action did: the enrolment after it, and its follow-ups."""

    enrolment: Enrolment
    transition: rules.Transition
    cadence: Cadence
    switched_to: Enrolment | None = None
    stopped: tuple[int, ...] = field(default_factory=tuple)
    interaction_id: int | None = None


def act(
    tx: Tx,
    *,
    actor: Actor,
    enrolment_id: int,
    action: str,
    now: datetime,
    options: Options,
    step_index: int | None = None,
    snooze: str | datetime | None = None,
    until: date | None = None,
    locale: str = "pt-BR",
) -> Acted:
    """Apply one action (done, skip, snooze, pause, resume, unenrol, or an outcome).

    `step_index`, when given, is the step the person saw: if the enrolment has moved on since
    (an old reminder's button), nothing changes and storage.enrolments.Stale is raised.

    Raises:
        NotFound, storage.enrolments.Stale, rules.TransitionError, ValueError (bad option).
    """
    current = tx.enrolments.get(enrolment_id)
    if current is None:
        raise NotFound(f"there is no enrolment {enrolment_id}")
    if step_index is not None and step_index != current.step_index:
        raise enrolments.Stale(f"enrolment {enrolment_id} is no longer at step {step_index}")
    cadence = load_cadence(tx, current.cadence_key)
    cal = person_calendar(tx, current.owner_id, options, now.date())
    transition = _transition(cadence, _progress(current), cal, now, action, snooze, until)
    after = _apply(tx, current, transition, actor, now)
    interaction_id = None
    if transition.log_channel:
        step = cadence.steps[transition.step_index]
        logged = tx.interactions.log_interaction(
            person_id=current.owner_id,
            kind=transition.log_channel,
            occurred_at=now,
            actor=actor,
            now=now,
            body=step.action.get(locale),
            account_id=current.account_id,
            deal_id=current.deal_id,
            contact_id=current.contact_id,
            outcome="done",
        )
        interaction_id = logged.interaction.id
    if action == "opted_out" and current.contact_id is not None:
        channel = cadence.steps[min(current.step_index, len(cadence.steps) - 1)].channel
        tx.consents.opt_out(actor, current.contact_id, channel, now, reason="reported")
    if after.state == rules.COMPLETED:
        tx.enrolments.record_event(after.id, transition.step_index, "completed", actor, now)
    switched = _switch(tx, after, transition, actor, now, options)
    stopped = _stop_account(tx, after, actor, now) if transition.stop_account else ()
    return Acted(after, transition, cadence, switched, stopped, interaction_id)


def _transition(
    cadence: Cadence,
    progress: rules.Progress,
    cal: WorkCalendar,
    now: datetime,
    action: str,
    snooze: str | datetime | None,
    until: date | None,
) -> rules.Transition:
    if action == "done":
        return rules.done(cadence, progress, cal, now)
    if action == "skip":
        return rules.skip(cadence, progress, cal, now)
    if action == "snooze":
        return rules.snooze(progress, cal, now, snooze or "tomorrow")
    if action == "pause":
        return rules.pause(progress, until)
    if action == "resume":
        return rules.resume(progress, cal, now)
    if action == "unenrol":
        return rules.unenrol(progress)
    return rules.report(cadence, progress, action)


def _apply(
    tx: Tx,
    current: Enrolment,
    transition: rules.Transition,
    actor: Actor,
    now: datetime,
) -> Enrolment:
    p = transition.progress
    return tx.enrolments.update(
        current,
        actor=actor,
        now=now,
        event=transition.event,
        reason=transition.reason,
        step_index=p.step_index,
        due_at=p.due_at,
        state=p.state,
        exit_reason=p.exit_reason,
        paused_until=p.paused_until,
    )


def _switch(
    tx: Tx,
    after: Enrolment,
    transition: rules.Transition,
    actor: Actor,
    now: datetime,
    options: Options,
) -> Enrolment | None:
    """Enrol the same contact in the cadence the definition names, if it can be."""
    if not transition.switch_to:
        return None
    tx.enrolments.record_event(after.id, transition.step_index, "switched", actor, now)
    try:
        return enrol(
            tx,
            actor=actor,
            cadence_key=transition.switch_to,
            account_id=after.account_id,
            owner_id=after.owner_id,
            now=now,
            options=options,
            contact_id=after.contact_id,
            deal_id=after.deal_id,
            reason=f"switch from {after.cadence_key}",
        )
    except (NotFound, enrolments.OptedOut, enrolments.AlreadyEnrolled):
        # The switch is a convenience; the transition the rep asked for still stands.
        return None


def _stop_account(tx: Tx, after: Enrolment, actor: Actor, now: datetime) -> tuple[int, ...]:
    stopped = []
    for other in tx.enrolments.open_for_account(after.account_id):
        if other.id == after.id or other.contact_id == after.contact_id:
            continue
        _apply(tx, other, rules.stop_by_account(_progress(other)), actor, now)
        stopped.append(other.id)
    return tuple(stopped)


def set_away(
    tx: Tx,
    *,
    actor: Actor,
    person_id: int,
    start: date,
    end: date,
    now: datetime,
    options: Options,
) -> int:
    """Mark a rep away and move their due steps past the absence; returns how many moved."""
    cal = person_calendar(tx, person_id, options, now.date())
    tx.schedules.add_away(actor, person_id, start, end, now)
    absence = Absence(start, end)
    moved = 0
    for current in tx.enrolments.open_for_owner(person_id):
        if current.due_at is None:
            continue
        due = rules.shift_for_absence(current.due_at, cal, absence)
        if due != current.due_at:
            tx.enrolments.shift_due(actor, current, due, now, reason="away")
            moved += 1
    return moved


def pause_cadence(
    tx: Tx, *, actor: Actor, cadence_key: str, until: date | None, now: datetime
) -> int:
    """Pause every active enrolment of a cadence (until a date, or by hand); returns how many.

    Each enrolment is paused on its own, so resuming is per enrolment too and a step that fell
    due meanwhile comes back once, not in a burst.
    """
    load_cadence(tx, cadence_key)  # NotFound for a key that doesn't exist
    paused = 0
    for current in tx.enrolments.active_in_cadence(cadence_key):
        _apply(tx, current, rules.pause(_progress(current), until), actor, now)
        paused += 1
    return paused


def resume_paused(tx: Tx, now: datetime, options: Options) -> int:
    """Resume every paused enrolment whose automatic resume date has come in its owner's zone
    (then placed in their working hours)."""
    actor = Actor.system("auto_resume")
    resumed = 0
    # A day past UTC's date covers every zone east of UTC; each is then checked locally.
    for current in tx.enrolments.paused_until_by(now.date() + timedelta(days=1)):
        cal = person_calendar(tx, current.owner_id, options, now.date())
        if not rules.resume_due(_progress(current), cal.local_date(now)):
            continue
        _apply(tx, current, rules.resume(_progress(current), cal, now), actor, now)
        resumed += 1
    return resumed

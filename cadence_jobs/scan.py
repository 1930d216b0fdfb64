"""The periodic work that turns store state into outbox rows: due steps, agendas, idle deals.

Each function runs inside one `store.write`: the outbox rows and the marks that say they were
queued commit together, and every row has a dedupe key, so running a scan twice (a restart,
an overlapping tick) queues nothing new. Rows wait in the outbox until the person may be
reached (working hours, quiet hours, batched times); nothing is dropped.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from cadence_jobs import rules
from cadence_jobs.calendar import WorkCalendar, next_outside_quiet, parse_clock
from cadence_jobs.presenter import IdleItem, Presenter
from cadence_jobs.workflow import Options, calendar_for
from storage import cadences as stored_cadences
from storage.interface import Tx
from storage.schedules import Schedule
from storage.timefmt import to_db

SCAN_LIMIT = 20_000
REENGAGE_CADENCE = "nurture"


def _clock(text: str | None) -> time | None:
    return parse_clock(text) if text else None


def deliverable(now: datetime, cal: WorkCalendar, schedule: Schedule) -> datetime:
    """The first moment from `now` a person may get a reminder: working, not quiet, and at one
    of their chosen times if they asked for batched notifications."""
    moment = cal.next_working_moment(now)
    quiet = (_clock(schedule.quiet_start), _clock(schedule.quiet_end))
    for _ in range(8):  # working hours and quiet hours can push each other a few times
        later = next_outside_quiet(moment, cal.tz, *quiet)
        if later == moment:
            break
        moment = cal.next_working_moment(later)
    if schedule.notify_mode == "batched" and schedule.notify_times:
        moment = _next_batch_time(moment, cal, schedule.notify_times)
    return moment


def _next_batch_time(moment: datetime, cal: WorkCalendar, times: str) -> datetime:
    clocks = sorted(parse_clock(part) for part in times.split(",") if part.strip())
    day = cal.local_date(moment)
    for offset in range(8):
        for clock in clocks:
            candidate = cal.at(day + timedelta(days=offset), clock)
            if candidate >= moment:
                return candidate
    return moment


class _People:
    """Per-scan cache of each person's schedule, calendar and next deliverable moment."""

    def __init__(self, tx: Tx, now: datetime, options: Options) -> None:
        self.tx, self.now, self.options = tx, now, options
        self._cache: dict[int, tuple[Schedule, WorkCalendar, datetime]] = {}

    def get(self, person_id: int) -> tuple[Schedule, WorkCalendar, datetime]:
        if person_id not in self._cache:
            schedule = self.tx.schedules.schedule_of(person_id, self.now.date())
            cal = calendar_for(schedule, self.options)
            self._cache[person_id] = (schedule, cal, deliverable(self.now, cal, schedule))
        return self._cache[person_id]


def queue_due(tx: Tx, now: datetime, options: Options, limit: int = SCAN_LIMIT) -> int:
    """Queue one reminder per due, not yet queued step, and mark those steps queued.

    The payload only names the step: the reminder is rendered when it is sent, so it shows the
    contact's current phone and is dropped if the rep already acted on the step. Reps sharing
    a schedule (zone, hours, quiet time, absences) share one calendar computation.
    """
    reminded = queue_follow_ups(tx, now, options, limit)
    owners = tx.due_scan.stage_due(now, limit)
    if not owners:
        return reminded
    # One calendar computation per group of reps who share a schedule, not one per rep.
    plan: list[tuple[int, str, bool]] = []
    for schedule, owner_ids in tx.schedules.schedule_groups(owners, now.date()):
        at = to_db(deliverable(now, calendar_for(schedule, options), schedule))
        batched = schedule.notify_mode == "batched"
        plan.extend((owner_id, at, batched) for owner_id in owner_ids)
    return reminded + tx.due_scan.queue_staged(plan, now)


def queue_follow_ups(tx: Tx, now: datetime, options: Options, limit: int = SCAN_LIMIT) -> int:
    """Queue one reminder per open follow-up or task whose moment has come in its owner's
    zone (its time if one was said, else the start of its day), and mark it reminded.

    Same outbox, kind and delivery rules as a cadence step's reminder; the payload only names
    the follow-up, so one done or moved before delivery is dropped then.
    """
    # A day past UTC's date covers every zone east of UTC; each is then checked locally.
    rows = tx.tasks.unreminded(now.date() + timedelta(days=1), limit)
    people = _People(tx, now, options)
    queued, marked = 0, []
    for row in rows:
        schedule, cal, not_before = people.get(row.person_id)
        due_day = date.fromisoformat(row.due_date)
        if now < cal.at(due_day, parse_clock(row.due_time) if row.due_time else time(0)):
            continue
        payload = {
            "follow_up_id": row.id,
            "due_date": row.due_date,
            "batched": schedule.notify_mode == "batched",
        }
        key = f"follow_up:{row.id}:{row.due_date}"
        if tx.outbox.enqueue(row.person_id, "reminder", key, payload, now, not_before):
            queued += 1
        marked.append(row.id)
    tx.tasks.mark_reminded(marked, now)
    return queued


def queue_agendas(tx: Tx, now: datetime, options: Options, presenter: Presenter) -> int:
    """Queue each rep's morning agenda once per working day, from the start of their day.

    Its content is the presenter's (the agenda the rep gets by asking "o que tenho hoje?");
    a rep with nothing on it gets no message.
    """
    people = _People(tx, now, options)
    queued = 0
    for owner_id in tx.enrolments.active_owner_ids():
        schedule, cal, not_before = people.get(owner_id)
        today = cal.local_date(now)
        if not cal.is_working_day(today) or now < cal.opening(today):
            continue
        key = f"agenda:{owner_id}:{today.isoformat()}"
        if tx.outbox.key_exists(key):
            continue
        agenda = presenter.agenda(tx, owner_id, schedule.locale, now, today, cal.tz)
        if agenda is None:
            continue
        payload = {**agenda, "batched": schedule.notify_mode == "batched"}
        if tx.outbox.enqueue(owner_id, "agenda", key, payload, now, not_before):
            queued += 1
    return queued


def flag_idle(
    tx: Tx,
    now: datetime,
    options: Options,
    presenter: Presenter,
    default_idle_days: int = 14,
    cadence_key: str = REENGAGE_CADENCE,
) -> int:
    """Stage rotting and account inactivity: each item is raised once per quiet period, and an
    owner gets them grouped in one message per run (a first run over an imported CRM must not
    send a burst), each with a button to enrol it in a re-engagement cadence.

    Returns:
        How many deals and accounts were newly flagged.
    """
    found = tx.cadences.get(cadence_key)
    if found is None:
        return 0
    items: list[IdleItem] = []
    for deal in tx.inactivity.idle_deal_candidates():
        idle = rules.idleness(
            deal.last_activity, now, deal.idle_days or default_idle_days, deal.has_next_step
        )
        if idle is not None:
            key = f"idle:deal:{deal.deal_id}:{idle.reason}:{idle.period}"
            items.append(
                IdleItem(
                    key,
                    deal.owner_id,
                    idle,
                    {"title": deal.title, "account": deal.account},
                    {"deal": deal.deal_id},
                )
            )
    for account in tx.inactivity.idle_account_candidates():
        idle = rules.idleness(account.last_activity, now, account.idle_days)
        if idle is not None:
            key = f"idle:account:{account.account_id}:{idle.period}"
            items.append(
                IdleItem(
                    key,
                    account.owner_id,
                    idle,
                    {"account": account.account},
                    {"account": account.account_id},
                )
            )
    by_owner: dict[int, list[IdleItem]] = {}
    for item in items:
        if not tx.alerts.is_marked(item.key):
            by_owner.setdefault(item.owner_id, []).append(item)
    for owner_id, fresh in by_owner.items():
        fresh.sort(key=lambda i: -i.idle.idle_days)
        _alert(tx, now, options, presenter, owner_id, fresh, found)
        tx.alerts.mark(owner_id, [i.key for i in fresh], now)
    return sum(len(v) for v in by_owner.values())


def _alert(
    tx: Tx,
    now: datetime,
    options: Options,
    presenter: Presenter,
    owner_id: int,
    items: list[IdleItem],
    cadence: stored_cadences.StoredCadence,
) -> None:
    schedule = tx.schedules.schedule_of(owner_id, now.date())
    cal = calendar_for(schedule, options)
    payload = presenter.idle_alert(schedule.locale, items, cadence)
    key = f"idle:owner:{owner_id}:{items[0].key}:{len(items)}"
    tx.outbox.enqueue(owner_id, "alert", key, payload, now, deliverable(now, cal, schedule))

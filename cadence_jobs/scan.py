"""The periodic work that turns store state into outbox rows: due steps, agendas, idle deals.

Each function runs inside one `store.write`: the outbox rows and the marks that say they were
queued commit together, and every row has a dedupe key, so running a scan twice (a restart,
an overlapping tick) queues nothing new. Rows wait in the outbox until the person may be
reached (working hours, quiet hours, batched times); nothing is dropped.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cadence_jobs import reminders, rules
from cadence_jobs.calendar import WorkCalendar, next_outside_quiet, parse_clock
from cadence_jobs.workflow import Options, calendar_for
from handlers.conversation import ask_agenda
from handlers.kernel import outbox_codec
from handlers.kernel.i18n import t, tn
from handlers.kernel.markup import esc
from handlers.kernel.messages import Button, Reply
from storage import alerts, due_scan, enrolments, inactivity, outbox, schedules, tasks
from storage import cadences as stored_cadences
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

    def __init__(self, conn: sqlite3.Connection, now: datetime, options: Options) -> None:
        self.conn, self.now, self.options = conn, now, options
        self._cache: dict[int, tuple[Schedule, WorkCalendar, datetime]] = {}

    def get(self, person_id: int) -> tuple[Schedule, WorkCalendar, datetime]:
        if person_id not in self._cache:
            schedule = schedules.schedule_of(self.conn, person_id, self.now.date())
            cal = calendar_for(schedule, self.options)
            self._cache[person_id] = (schedule, cal, deliverable(self.now, cal, schedule))
        return self._cache[person_id]


def queue_due(
    conn: sqlite3.Connection, now: datetime, options: Options, limit: int = SCAN_LIMIT
) -> int:
    """Queue one reminder per due, not yet queued step, and mark those steps queued.

    The payload only names the step: the reminder is rendered when it is sent, so it shows the
    contact's current phone and is dropped if the rep already acted on the step. Reps sharing
    a schedule (zone, hours, quiet time, absences) share one calendar computation.
    """
    reminded = queue_follow_ups(conn, now, options, limit)
    owners = due_scan.stage_due(conn, now, limit)
    if not owners:
        return reminded
    # One calendar computation per group of reps who share a schedule, not one per rep.
    plan = []
    for schedule, owner_ids in schedules.schedule_groups(conn, owners, now.date()):
        at = to_db(deliverable(now, calendar_for(schedule, options), schedule))
        batched = schedule.notify_mode == "batched"
        plan.extend((owner_id, at, batched) for owner_id in owner_ids)
    return reminded + due_scan.queue_staged(conn, plan, now)


def queue_follow_ups(
    conn: sqlite3.Connection, now: datetime, options: Options, limit: int = SCAN_LIMIT
) -> int:
    """Queue one reminder per open follow-up or task whose moment has come in its owner's
    zone (its time if one was said, else the start of its day), and mark it reminded.

    Same outbox, kind and delivery rules as a cadence step's reminder; the payload only names
    the follow-up, so one done or moved before delivery is dropped then.
    """
    # A day past UTC's date covers every zone east of UTC; each is then checked locally.
    rows = tasks.unreminded(conn, now.date() + timedelta(days=1), limit)
    people = _People(conn, now, options)
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
        if outbox.enqueue(conn, row.person_id, "reminder", key, payload, now, not_before):
            queued += 1
        marked.append(row.id)
    tasks.mark_reminded(conn, marked, now)
    return queued


def queue_agendas(conn: sqlite3.Connection, now: datetime, options: Options) -> int:
    """Queue each rep's morning agenda once per working day, from the start of their day.

    It is the agenda the rep gets by asking "o que tenho hoje?" (ask_agenda.todays_agenda:
    steps and follow-ups, ranked, each with its why), after a greeting for the hour it is
    written at.
    """
    people = _People(conn, now, options)
    queued = 0
    for owner_id in enrolments.active_owner_ids(conn):
        schedule, cal, not_before = people.get(owner_id)
        today = cal.local_date(now)
        if not cal.is_working_day(today) or now < cal.opening(today):
            continue
        key = f"agenda:{owner_id}:{today.isoformat()}"
        if outbox.key_exists(conn, key):
            continue
        reader = ask_agenda.Reader(schedule.locale, now)
        first = ask_agenda.FIRST_PAGE
        lines, _, total = ask_agenda.todays_agenda(conn, owner_id, reader, today, cal.tz, first)
        if not lines:
            continue
        if total > first.end:  # the rest is one question away: "o que tenho hoje?"
            lines.append(reader.t("ask.more", count=total - first.end))
        hello = reminders.greeting(now.astimezone(cal.tz).hour, schedule.locale)
        payload = {
            "replies": outbox_codec.encode([Reply("\n".join([hello, *lines]), private=True)]),
            "batched": schedule.notify_mode == "batched",
        }
        if outbox.enqueue(conn, owner_id, "agenda", key, payload, now, not_before):
            queued += 1
    return queued


MAX_IDLE_ITEMS = 5  # per message: enough to act on from a phone, with a pointer to the rest


@dataclass(frozen=True)
class _IdleItem:
    key: str
    owner_id: int
    idle: rules.Idleness
    names: dict[str, str]
    target: dict[str, int]


def flag_idle(
    conn: sqlite3.Connection,
    now: datetime,
    options: Options,
    default_idle_days: int = 14,
    cadence_key: str = REENGAGE_CADENCE,
) -> int:
    """Stage rotting and account inactivity: each item is raised once per quiet period, and an
    owner gets them grouped in one message per run (a first run over an imported CRM must not
    send a burst), each with a button to enrol it in a re-engagement cadence.

    Returns:
        How many deals and accounts were newly flagged.
    """
    found = stored_cadences.get(conn, cadence_key)
    if found is None:
        return 0
    items: list[_IdleItem] = []
    for deal in inactivity.idle_deal_candidates(conn):
        idle = rules.idleness(
            deal.last_activity, now, deal.idle_days or default_idle_days, deal.has_next_step
        )
        if idle is not None:
            key = f"idle:deal:{deal.deal_id}:{idle.reason}:{idle.period}"
            items.append(
                _IdleItem(
                    key,
                    deal.owner_id,
                    idle,
                    {"title": deal.title, "account": deal.account},
                    {"deal": deal.deal_id},
                )
            )
    for account in inactivity.idle_account_candidates(conn):
        idle = rules.idleness(account.last_activity, now, account.idle_days)
        if idle is not None:
            key = f"idle:account:{account.account_id}:{idle.period}"
            items.append(
                _IdleItem(
                    key,
                    account.owner_id,
                    idle,
                    {"account": account.account},
                    {"account": account.account_id},
                )
            )
    by_owner: dict[int, list[_IdleItem]] = {}
    for item in items:
        if not alerts.is_marked(conn, item.key):
            by_owner.setdefault(item.owner_id, []).append(item)
    for owner_id, fresh in by_owner.items():
        fresh.sort(key=lambda i: -i.idle.idle_days)
        _alert(conn, now, options, owner_id, fresh, cadence_key, found)
        alerts.mark(conn, owner_id, [i.key for i in fresh], now)
    return sum(len(v) for v in by_owner.values())


def _idle_line(locale: str, item: _IdleItem, cadence_name: str, *, short: bool = False) -> str:
    which = (
        "account"
        if "account" in item.target
        else ("deal" if item.idle.reason == "idle" else "deal_no_step")
    )
    key = f"cadence.idle.item.{which}" if short else f"cadence.idle.{which}"
    params = {"cadence": esc(cadence_name), **{k: esc(v) for k, v in item.names.items()}}
    if which == "deal_no_step":  # no count of days in that sentence
        return t(locale, key, days=item.idle.idle_days, **params)
    days = item.idle.idle_days or 0
    return tn(locale, key, days, days=days, **params)


def _alert(
    conn: sqlite3.Connection,
    now: datetime,
    options: Options,
    owner_id: int,
    items: list[_IdleItem],
    cadence_key: str,
    cadence: stored_cadences.StoredCadence,
) -> None:
    schedule = schedules.schedule_of(conn, owner_id, now.date())
    cal = calendar_for(schedule, options)
    locale = schedule.locale
    name = cadence.name(locale)
    shown = items[:MAX_IDLE_ITEMS]
    if len(items) == 1:
        text = _idle_line(locale, items[0], name)
    else:
        lines = [tn(locale, "cadence.idle.header", len(items), cadence=esc(name))]
        lines += [f"- {_idle_line(locale, item, name, short=True)}" for item in shown]
        if len(items) > len(shown):
            lines.append(t(locale, "cadence.idle.more", count=len(items) - len(shown)))
        text = "\n".join(lines)
    buttons = tuple(
        Button(
            _button_label(locale, item, len(items)),
            "cadence.enroll",
            {**item.target, "cadence": cadence_key},
            style="primary",
        )
        for item in shown
    )
    payload = outbox_codec.payload([Reply(text, buttons=buttons, private=True)])
    key = f"idle:owner:{owner_id}:{items[0].key}:{len(items)}"
    outbox.enqueue(conn, owner_id, "alert", key, payload, now, deliverable(now, cal, schedule))


def _button_label(locale: str, item: _IdleItem, count: int) -> str:
    label = t(locale, "cadence.idle.enroll")
    if count == 1:
        return label
    # Slack allows 75 characters on a button; the item's name says which one it enrols.
    return f"{label}: {item.names.get('title') or item.names['account']}"[:75]

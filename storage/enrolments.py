"""Enrolments, their step events, consents and reps' away periods: the SQL behind cadences.

Every change a person or the scheduler makes goes through `create` or `update`, which write the
enrolment, a step_events row and an audit row in the caller's transaction. `update` is
conditional on the state it was computed from, so two taps on "done" (two devices, a retried
webhook) advance the cadence once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from storage import audit
from storage.audit import Actor
from storage.errors import ConstraintError, StoreError
from storage.timefmt import date_from_db, date_to_db, from_db, to_db

OPEN_STATES = ("active", "paused")


class OptedOut(StoreError):
    """The contact opted out of a channel the cadence uses; they are never enrolled on it."""

    def __init__(self, contact_id: int, channels: Iterable[str]) -> None:
        self.contact_id = contact_id
        self.channels = tuple(sorted(channels))
        super().__init__(f"contact {contact_id} opted out of {', '.join(self.channels)}")


class AlreadyEnrolled(ConstraintError):
    """The contact already has an active or paused enrolment in that cadence."""

    def __init__(self, existing: Enrolment) -> None:
        self.existing = existing
        super().__init__(f"contact {existing.contact_id} is already in {existing.cadence_key}")


class Stale(StoreError):
    """The enrolment moved on since the action was computed (a second tap, an old button)."""


@dataclass(frozen=True)
class Enrolment:
    id: int
    cadence_key: str
    account_id: int
    contact_id: int | None
    deal_id: int | None
    owner_id: int
    step_index: int
    due_at: datetime | None
    state: str
    exit_reason: str | None
    notified_step: int | None
    paused_until: date | None
    started_at: datetime
    updated_at: datetime


_COLS = (
    "id, cadence_key, account_id, contact_id, deal_id, owner_id, step_index, due_at, state,"
    " exit_reason, notified_step, paused_until, started_at, updated_at"
)


def _enrolment(r: sqlite3.Row) -> Enrolment:
    return Enrolment(
        r["id"],
        r["cadence_key"],
        r["account_id"],
        r["contact_id"],
        r["deal_id"],
        r["owner_id"],
        r["step_index"],
        from_db(r["due_at"]),
        r["state"],
        r["exit_reason"],
        r["notified_step"],
        date_from_db(r["paused_until"]),
        from_db(r["started_at"]),
        from_db(r["updated_at"]),
    )


def _snapshot(e: Enrolment) -> dict:
    return {k: v for k, v in asdict(e).items() if k not in ("started_at", "updated_at")}


def get(conn: sqlite3.Connection, enrolment_id: int) -> Enrolment | None:
    row = conn.execute(f"SELECT {_COLS} FROM enrolments WHERE id = ?", (enrolment_id,)).fetchone()
    return _enrolment(row) if row else None


def open_for_contact(
    conn: sqlite3.Connection, contact_id: int, cadence_key: str
) -> Enrolment | None:
    row = conn.execute(
        f"SELECT {_COLS} FROM enrolments WHERE contact_id = ? AND cadence_key = ?"
        " AND state IN ('active', 'paused')",
        (contact_id, cadence_key),
    ).fetchone()
    return _enrolment(row) if row else None


def open_for_account(conn: sqlite3.Connection, account_id: int) -> list[Enrolment]:
    rows = conn.execute(
        f"SELECT {_COLS} FROM enrolments WHERE account_id = ? AND state IN ('active', 'paused')"
        " ORDER BY id",
        (account_id,),
    )
    return [_enrolment(r) for r in rows]


def open_for_owner(conn: sqlite3.Connection, owner_id: int) -> list[Enrolment]:
    rows = conn.execute(
        f"SELECT {_COLS} FROM enrolments WHERE owner_id = ? AND state IN ('active', 'paused')"
        " ORDER BY due_at",
        (owner_id,),
    )
    return [_enrolment(r) for r in rows]


def paused_until_by(conn: sqlite3.Connection, day: date) -> list[Enrolment]:
    """Paused enrolments whose automatic resume date has come."""
    rows = conn.execute(
        f"SELECT {_COLS} FROM enrolments WHERE state = 'paused' AND paused_until IS NOT NULL"
        " AND paused_until <= ?",
        (date_to_db(day),),
    )
    return [_enrolment(r) for r in rows]


def create(
    conn: sqlite3.Connection,
    *,
    actor: Actor,
    cadence_key: str,
    account_id: int,
    owner_id: int,
    due_at: datetime,
    now: datetime,
    channels: Iterable[str] = (),
    contact_id: int | None = None,
    deal_id: int | None = None,
    reason: str | None = None,
) -> Enrolment:
    """Enrol a contact (or an account/deal) in a cadence, its first step due at `due_at`.

    Raises:
        OptedOut: the contact opted out of one of `channels` (the cadence's channels).
        AlreadyEnrolled: the contact is already active or paused in that cadence.
    """
    if contact_id is not None:
        blocked = opted_out_channels(conn, contact_id) & set(channels)
        if blocked:
            raise OptedOut(contact_id, blocked)
        existing = open_for_contact(conn, contact_id, cadence_key)
        if existing is not None:
            raise AlreadyEnrolled(existing)
    cur = conn.execute(
        "INSERT INTO enrolments (cadence_key, account_id, contact_id, deal_id, owner_id,"
        " step_index, due_at, state, started_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, 0, ?, 'active', ?, ?)",
        (
            cadence_key,
            account_id,
            contact_id,
            deal_id,
            owner_id,
            to_db(due_at),
            to_db(now),
            to_db(now),
        ),
    )
    enrolment = get(conn, cur.lastrowid)
    assert enrolment is not None
    audit.record(
        conn,
        actor,
        "enrolment",
        enrolment.id,
        "enrol",
        after=_snapshot(enrolment),
        reason=reason,
        at=now,
    )
    return enrolment


def update(
    conn: sqlite3.Connection,
    current: Enrolment,
    *,
    actor: Actor,
    now: datetime,
    event: str,
    reason: str,
    step_index: int,
    due_at: datetime | None,
    state: str,
    exit_reason: str | None = None,
    paused_until: date | None = None,
) -> Enrolment:
    """Apply a transition computed from `current`; records the step event and the audit row.

    A new due time clears `notified_step`, so a snoozed or resumed step is reminded again.

    Raises:
        Stale: the enrolment is no longer at the step and state `current` shows.
    """
    renotify = due_at != current.due_at or step_index != current.step_index
    cur = conn.execute(
        "UPDATE enrolments SET step_index = ?, due_at = ?, state = ?, exit_reason = ?,"
        " paused_until = ?, notified_step = CASE WHEN ? THEN NULL ELSE notified_step END,"
        " updated_at = ? WHERE id = ? AND step_index = ? AND state = ?",
        (
            step_index,
            to_db(due_at) if due_at else None,
            state,
            exit_reason,
            date_to_db(paused_until),
            renotify,
            to_db(now),
            current.id,
            current.step_index,
            current.state,
        ),
    )
    if cur.rowcount != 1:
        raise Stale(f"enrolment {current.id} changed since it was read")
    record_event(conn, current.id, current.step_index, event, actor, now)
    after = get(conn, current.id)
    assert after is not None
    audit.record(
        conn,
        actor,
        "enrolment",
        current.id,
        event,
        before=_snapshot(current),
        after=_snapshot(after),
        reason=reason,
        at=now,
    )
    return after


def record_event(
    conn: sqlite3.Connection,
    enrolment_id: int,
    step_index: int,
    action: str,
    actor: Actor,
    now: datetime,
) -> None:
    conn.execute(
        "INSERT INTO step_events (enrolment_id, step_index, action, at, actor)"
        " VALUES (?, ?, ?, ?, ?)",
        (enrolment_id, step_index, action, to_db(now), actor.label),
    )


def events(conn: sqlite3.Connection, enrolment_id: int) -> list[tuple[int, str]]:
    """(step_index, action) of every event of an enrolment, oldest first."""
    rows = conn.execute(
        "SELECT step_index, action FROM step_events WHERE enrolment_id = ? ORDER BY id",
        (enrolment_id,),
    )
    return [(r[0], r[1]) for r in rows]


# -- the due scan ----------------------------------------------------------------------------


DUE_SQL = (
    "SELECT id, owner_id, step_index, due_at FROM enrolments"
    " INDEXED BY enrolments_unnotified"
    " WHERE state = 'active' AND notified_step IS NOT step_index AND due_at <= ?"
    " ORDER BY due_at LIMIT ?"
)


def stage_due(conn: sqlite3.Connection, now: datetime, limit: int) -> list[int]:
    """Collect the active steps due by `now` and not yet queued; returns their owners' ids.

    Reads the partial index of migration 0006 (named, so the planner can't pick the wider
    (state, due_at) index and wade through every overdue step already reminded): the scan
    touches only the rows it queues, however many enrolments exist. The rows wait in a temp
    table for `queue_staged`, in the same transaction.
    """
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS due_now (id INTEGER PRIMARY KEY, owner_id INTEGER,"
        " step_index INTEGER, due_at TEXT)"
    )
    conn.execute("DELETE FROM temp.due_now")
    conn.execute(f"INSERT INTO temp.due_now {DUE_SQL}", (to_db(now), limit))
    return [r[0] for r in conn.execute("SELECT DISTINCT owner_id FROM temp.due_now")]


def queue_staged(
    conn: sqlite3.Connection, owner_times: Iterable[tuple[int, datetime, bool]], now: datetime
) -> int:
    """Queue one reminder per staged step and mark the steps notified; returns rows queued.

    `owner_times` gives, per owner, when they may be reached and whether they batch. One
    INSERT ... SELECT writes every row (same columns and dedupe rule as storage.outbox.enqueue:
    `reminder:<enrolment>:<step>:<due>`), which is what keeps 10k due steps well under 200 ms.
    """
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS owner_times (owner_id INTEGER PRIMARY KEY,"
        " not_before TEXT, batched INTEGER)"
    )
    conn.execute("DELETE FROM temp.owner_times")
    conn.executemany(
        "INSERT INTO temp.owner_times VALUES (?, ?, ?)",
        [(owner, to_db(at), int(batched)) for owner, at, batched in owner_times],
    )
    queued = conn.execute(
        "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
        " SELECT d.owner_id, 'reminder',"
        "  'reminder:' || d.id || ':' || d.step_index || ':' || d.due_at,"
        "  json_object('enrolment_id', d.id, 'step_index', d.step_index, 'due_at', d.due_at,"
        "   'batched', json(CASE o.batched WHEN 1 THEN 'true' ELSE 'false' END)),"
        "  o.not_before, ?"
        " FROM temp.due_now d JOIN temp.owner_times o ON o.owner_id = d.owner_id"
        " WHERE true ON CONFLICT (dedupe_key) DO NOTHING",
        (to_db(now),),
    ).rowcount
    conn.execute(
        "UPDATE enrolments SET notified_step = step_index"
        " WHERE id IN (SELECT id FROM temp.due_now)"
    )
    conn.execute("DELETE FROM temp.due_now")
    return queued


@dataclass(frozen=True)
class AgendaRow:
    enrolment_id: int
    step_index: int
    due_at: datetime
    cadence_key: str
    contact: str | None
    account: str
    deal_amount: float | None
    probability: float | None


def agenda_rows(conn: sqlite3.Connection, owner_id: int, until: datetime) -> list[AgendaRow]:
    """An owner's active steps due by `until` (end of their day), with what ranks them."""
    rows = conn.execute(
        "SELECT e.id, e.step_index, e.due_at, e.cadence_key, c.name, a.name, d.amount,"
        " s.probability FROM enrolments e JOIN accounts a ON a.id = e.account_id"
        " LEFT JOIN contacts c ON c.id = e.contact_id"
        " LEFT JOIN deals d ON d.id = e.deal_id LEFT JOIN stages s ON s.key = d.stage_key"
        " WHERE e.owner_id = ? AND e.state = 'active' AND e.due_at <= ? ORDER BY e.due_at",
        (owner_id, to_db(until)),
    )
    return [AgendaRow(r[0], r[1], from_db(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]


# -- consents --------------------------------------------------------------------------------


def opt_out(
    conn: sqlite3.Connection,
    actor: Actor,
    contact_id: int,
    channel: str,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Record that a contact does not want to be reached on a channel, for good."""
    conn.execute(
        "INSERT INTO consents (contact_id, channel, opted_out_at, reason) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (contact_id, channel) DO NOTHING",
        (contact_id, channel, to_db(now), reason),
    )
    audit.record(
        conn,
        actor,
        "contact",
        contact_id,
        "opt_out",
        after={"channel": channel},
        reason=reason,
        at=now,
    )


def opted_out_channels(conn: sqlite3.Connection, contact_id: int) -> set[str]:
    rows = conn.execute("SELECT channel FROM consents WHERE contact_id = ?", (contact_id,))
    return {r[0] for r in rows}


# -- people's working time -------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """What placing a person's reminders needs: their zone, hours, quiet time and absences."""

    person_id: int
    name: str
    locale: str
    timezone: str
    work_start: str
    work_end: str
    work_days: str
    quiet_start: str | None
    quiet_end: str | None
    notify_mode: str
    notify_times: str | None
    absences: tuple[tuple[date, date], ...]


def schedules_of(
    conn: sqlite3.Connection, person_ids: list[int], since: date | None = None
) -> dict[int, Schedule]:
    """Schedules of many people in two queries (the due scan asks for every owner at once)."""
    marks = ",".join("?" * len(person_ids)) or "NULL"
    absences: dict[int, list[tuple[date, date]]] = {}
    for r in conn.execute(
        f"SELECT person_id, start_date, end_date FROM away_periods WHERE person_id IN ({marks})"
        " AND end_date >= ? ORDER BY start_date",
        [*person_ids, date_to_db(since) if since else "0000-00-00"],
    ):
        absences.setdefault(r[0], []).append((date.fromisoformat(r[1]), date.fromisoformat(r[2])))
    rows = conn.execute(
        "SELECT id, name, locale, timezone, work_start, work_end, work_days, quiet_start,"
        f" quiet_end, notify_mode, notify_times FROM people WHERE id IN ({marks})",
        person_ids,
    )
    return {r[0]: Schedule(*r, absences=tuple(absences.get(r[0], ()))) for r in rows}


def schedule_of(conn: sqlite3.Connection, person_id: int, since: date | None = None) -> Schedule:
    row = conn.execute(
        "SELECT id, name, locale, timezone, work_start, work_end, work_days, quiet_start,"
        " quiet_end, notify_mode, notify_times FROM people WHERE id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"no person with id {person_id}")
    return Schedule(*row, absences=tuple(away_periods(conn, person_id, since)))


def add_away(
    conn: sqlite3.Connection, actor: Actor, person_id: int, start: date, end: date, now: datetime
) -> int:
    """Record an absence (holiday, leave); both dates are included."""
    if end < start:
        raise ConstraintError(f"the absence ends ({end}) before it starts ({start})")
    cur = conn.execute(
        "INSERT INTO away_periods (person_id, start_date, end_date, created_at) VALUES (?, ?, ?, ?)",
        (person_id, date_to_db(start), date_to_db(end), to_db(now)),
    )
    audit.record(
        conn,
        actor,
        "person",
        person_id,
        "away",
        after={"start": start.isoformat(), "end": end.isoformat()},
        at=now,
    )
    return cur.lastrowid


def away_periods(
    conn: sqlite3.Connection, person_id: int, since: date | None = None
) -> list[tuple[date, date]]:
    rows = conn.execute(
        "SELECT start_date, end_date FROM away_periods WHERE person_id = ? AND end_date >= ?"
        " ORDER BY start_date",
        (person_id, date_to_db(since) if since else "0000-00-00"),
    )
    return [(date.fromisoformat(r[0]), date.fromisoformat(r[1])) for r in rows]


def shift_due(
    conn: sqlite3.Connection,
    actor: Actor,
    current: Enrolment,
    due_at: datetime,
    now: datetime,
    reason: str,
) -> Enrolment:
    """Move an open enrolment's due time (an absence moved it) without a step event."""
    conn.execute(
        "UPDATE enrolments SET due_at = ?, notified_step = NULL, updated_at = ? WHERE id = ?",
        (to_db(due_at), to_db(now), current.id),
    )
    after = get(conn, current.id)
    assert after is not None
    audit.record(
        conn,
        actor,
        "enrolment",
        current.id,
        "reschedule",
        before=_snapshot(current),
        after=_snapshot(after),
        reason=reason,
        at=now,
    )
    return after


def active_owner_ids(conn: sqlite3.Connection) -> list[int]:
    rows = conn.execute("SELECT DISTINCT owner_id FROM enrolments WHERE state = 'active'")
    return [r[0] for r in rows]


def outbox_key_exists(conn: sqlite3.Connection, dedupe_key: str) -> bool:
    """Whether a message with this dedupe key was ever queued (skip building it again)."""
    row = conn.execute("SELECT 1 FROM outbox WHERE dedupe_key = ?", (dedupe_key,)).fetchone()
    return row is not None


# -- inactivity ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdleDeal:
    deal_id: int
    owner_id: int
    title: str
    account: str
    idle_days: int | None
    last_activity: datetime
    has_next_step: bool


@dataclass(frozen=True)
class IdleAccount:
    account_id: int
    owner_id: int
    account: str
    idle_days: int
    last_activity: datetime


def idle_deal_candidates(conn: sqlite3.Connection) -> list[IdleDeal]:
    """Open deals with their stage's idle limit, last activity and whether a step is scheduled.

    Last activity is the latest of the stage change and the deal's last interaction.
    """
    rows = conn.execute(
        "SELECT d.id, d.owner_id, d.title, a.name, s.idle_days,"
        " max(d.stage_changed_at, coalesce((SELECT max(i.occurred_at) FROM interactions i"
        "   WHERE i.deal_id = d.id), '')),"
        " EXISTS (SELECT 1 FROM enrolments e WHERE e.deal_id = d.id AND e.state = 'active')"
        " FROM deals d JOIN accounts a ON a.id = d.account_id"
        " JOIN stages s ON s.key = d.stage_key WHERE d.status = 'open'"
    )
    return [IdleDeal(r[0], r[1], r[2], r[3], r[4], from_db(r[5]), bool(r[6])) for r in rows]


def idle_account_candidates(conn: sqlite3.Connection) -> list[IdleAccount]:
    """Owned accounts with an inactivity limit, and their last interaction (or creation)."""
    rows = conn.execute(
        "SELECT a.id, a.owner_id, a.name, a.idle_days,"
        " max(a.created_at, coalesce((SELECT max(i.occurred_at) FROM interactions i"
        "   WHERE i.account_id = a.id), ''))"
        " FROM accounts a WHERE a.idle_days IS NOT NULL AND a.owner_id IS NOT NULL"
    )
    return [IdleAccount(r[0], r[1], r[2], r[3], from_db(r[4])) for r in rows]


@dataclass(frozen=True)
class Labelled:
    """An open enrolment with the names a person would use to refer to it."""

    enrolment: Enrolment
    account: str
    contact: str | None


def labelled_for_owners(conn: sqlite3.Connection, owner_ids: list[int] | None) -> list[Labelled]:
    """Open enrolments of these owners (None: everyone's), soonest due first."""
    sql = (
        f"SELECT {', '.join('e.' + c.strip() for c in _COLS.split(','))}, a.name, c.name"
        " FROM enrolments e JOIN accounts a ON a.id = e.account_id"
        " LEFT JOIN contacts c ON c.id = e.contact_id WHERE e.state IN ('active', 'paused')"
    )
    params: list[int] = []
    if owner_ids is not None:
        sql += f" AND e.owner_id IN ({','.join('?' * len(owner_ids)) or 'NULL'})"
        params = list(owner_ids)
    rows = conn.execute(sql + " ORDER BY e.due_at, e.id", params)
    return [Labelled(_enrolment(r), r[-2], r[-1]) for r in rows]


def active_in_cadence(conn: sqlite3.Connection, cadence_key: str) -> list[Enrolment]:
    rows = conn.execute(
        f"SELECT {_COLS} FROM enrolments WHERE cadence_key = ? AND state = 'active' ORDER BY id",
        (cadence_key,),
    )
    return [_enrolment(r) for r in rows]

"""Enrolments on PostgreSQL (the SQLite twin: storage/sqlite/enrolments.py).

Same rows and order as SQLite. A due time can be NULL (a paused enrolment): SQLite sorts NULLs
first, so the orders by `due_at` here say NULLS FIRST, with the id as SQLite's tie-break.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.enrolments import (
    _COLS,
    AlreadyEnrolled,
    Enrolment,
    Labelled,
    OptedOut,
    Stale,
    enrolment_from_row,
    snapshot,
)
from storage.postgres.audit import PgAudit
from storage.postgres.consents import PgConsents
from storage.timefmt import date_to_db, to_db

_E_COLS = ", ".join("e." + c.strip() for c in _COLS.split(","))


class PgEnrolments:
    """Enrolments on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def get(self, enrolment_id: int) -> Enrolment | None:
        row = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE id = %s", (enrolment_id,)
        ).fetchone()
        return enrolment_from_row(row) if row else None

    def open_for_contact(self, contact_id: int, cadence_key: str) -> Enrolment | None:
        row = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE contact_id = %s AND cadence_key = %s"
            " AND state IN ('active', 'paused')",
            (contact_id, cadence_key),
        ).fetchone()
        return enrolment_from_row(row) if row else None

    def open_in_cadence(
        self, account_id: int, cadence_key: str, owner_id: int, *, any_contact: bool = False
    ) -> Enrolment | None:
        """The rep's open enrolment of an account in a cadence: the account-level one (no
        contact), or with `any_contact` one for any of its contacts too."""
        contact = "" if any_contact else " AND contact_id IS NULL"
        row = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE account_id = %s AND cadence_key = %s"
            f" AND owner_id = %s AND state IN ('active', 'paused'){contact} ORDER BY id LIMIT 1",
            (account_id, cadence_key, owner_id),
        ).fetchone()
        return enrolment_from_row(row) if row else None

    def open_for_account(self, account_id: int) -> list[Enrolment]:
        rows = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE account_id = %s"
            " AND state IN ('active', 'paused') ORDER BY id",
            (account_id,),
        )
        return [enrolment_from_row(r) for r in rows]

    def open_for_owner(self, owner_id: int) -> list[Enrolment]:
        rows = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE owner_id = %s AND state IN ('active', 'paused')"
            " ORDER BY due_at NULLS FIRST, id",
            (owner_id,),
        )
        return [enrolment_from_row(r) for r in rows]

    def paused_until_by(self, day: date) -> list[Enrolment]:
        """Paused enrolments whose automatic resume date has come."""
        rows = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE state = 'paused' AND paused_until IS NOT NULL"
            " AND paused_until <= %s ORDER BY id",
            (date_to_db(day),),
        )
        return [enrolment_from_row(r) for r in rows]

    def create(
        self,
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
            AlreadyEnrolled: the contact (or, without one, the account for this rep) is already
                active or paused in that cadence; enrolments_one_active(_account) enforce it too
                (a second process enrolling at the same moment gets the database's refusal).
        """
        existing = None
        if contact_id is not None:
            blocked = PgConsents(self._c).opted_out_channels(contact_id) & set(channels)
            if blocked:
                raise OptedOut(contact_id, blocked)
            existing = self.open_for_contact(contact_id, cadence_key)
        else:
            existing = self.open_in_cadence(account_id, cadence_key, owner_id)
        if existing is not None:
            raise AlreadyEnrolled(existing)
        row = self._c.execute(
            "INSERT INTO enrolments (cadence_key, account_id, contact_id, deal_id, owner_id,"
            " step_index, due_at, state, started_at, updated_at)"
            f" VALUES (%s, %s, %s, %s, %s, 0, %s, 'active', %s, %s) RETURNING {_COLS}",
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
        ).fetchone()
        assert row is not None  # RETURNING of a successful insert
        enrolment = enrolment_from_row(row)
        PgAudit(self._c).record(
            actor,
            "enrolment",
            enrolment.id,
            "enrol",
            after=snapshot(enrolment),
            reason=reason,
            at=now,
        )
        return enrolment

    def update(
        self,
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
        The conditional update returns the row as it now is (one round trip fewer than
        SQLite's update-then-read).

        Raises:
            Stale: the enrolment is no longer at the step and state `current` shows.
        """
        renotify = due_at != current.due_at or step_index != current.step_index
        row = self._c.execute(
            "UPDATE enrolments SET step_index = %s, due_at = %s, state = %s, exit_reason = %s,"
            " paused_until = %s, notified_step = CASE WHEN %s THEN NULL ELSE notified_step END,"
            " updated_at = %s WHERE id = %s AND step_index = %s AND state = %s"
            f" RETURNING {_COLS}",
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
        ).fetchone()
        if row is None:
            raise Stale(f"enrolment {current.id} changed since it was read")
        self.record_event(current.id, current.step_index, event, actor, now)
        after = enrolment_from_row(row)
        PgAudit(self._c).record(
            actor,
            "enrolment",
            current.id,
            event,
            before=snapshot(current),
            after=snapshot(after),
            reason=reason,
            at=now,
        )
        return after

    def record_event(
        self, enrolment_id: int, step_index: int, action: str, actor: Actor, now: datetime
    ) -> None:
        self._c.execute(
            "INSERT INTO step_events (enrolment_id, step_index, action, at, actor)"
            " VALUES (%s, %s, %s, %s, %s)",
            (enrolment_id, step_index, action, to_db(now), actor.label),
        )

    def events(self, enrolment_id: int) -> list[tuple[int, str]]:
        """(step_index, action) of every event of an enrolment, oldest first."""
        rows = self._c.execute(
            "SELECT step_index, action FROM step_events WHERE enrolment_id = %s ORDER BY id",
            (enrolment_id,),
        )
        return [(r[0], r[1]) for r in rows]

    def shift_due(
        self, actor: Actor, current: Enrolment, due_at: datetime, now: datetime, reason: str
    ) -> Enrolment:
        """Move an open enrolment's due time (an absence moved it) without a step event."""
        row = self._c.execute(
            "UPDATE enrolments SET due_at = %s, notified_step = NULL, updated_at = %s"
            f" WHERE id = %s RETURNING {_COLS}",
            (to_db(due_at), to_db(now), current.id),
        ).fetchone()
        assert row is not None  # as SQLite's twin: the enrolment exists
        after = enrolment_from_row(row)
        PgAudit(self._c).record(
            actor,
            "enrolment",
            current.id,
            "reschedule",
            before=snapshot(current),
            after=snapshot(after),
            reason=reason,
            at=now,
        )
        return after

    def active_owner_ids(self) -> list[int]:
        rows = self._c.execute(
            "SELECT DISTINCT owner_id FROM enrolments WHERE state = 'active' ORDER BY owner_id"
        )
        return [r[0] for r in rows]

    def labelled_for_owners(self, owner_ids: list[int] | None) -> list[Labelled]:
        """Open enrolments of these owners (None: everyone's), soonest due first."""
        sql = (
            f"SELECT {_E_COLS}, a.name, c.name"
            " FROM enrolments e JOIN accounts a ON a.id = e.account_id"
            " LEFT JOIN contacts c ON c.id = e.contact_id WHERE e.state IN ('active', 'paused')"
        )
        params: list[Any] = []
        if owner_ids is not None:
            sql += " AND e.owner_id = ANY(%s)"
            params = [list(owner_ids)]
        rows = self._c.execute(sql + " ORDER BY e.due_at NULLS FIRST, e.id", params)
        return [Labelled(enrolment_from_row(r), r[-2], r[-1]) for r in rows]

    def active_in_cadence(self, cadence_key: str) -> list[Enrolment]:
        rows = self._c.execute(
            f"SELECT {_COLS} FROM enrolments WHERE cadence_key = %s AND state = 'active'"
            " ORDER BY id",
            (cadence_key,),
        )
        return [enrolment_from_row(r) for r in rows]

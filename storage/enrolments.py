"""Enrolments and their step events: the SQL behind a contact's place in a cadence.

Every change a person or the scheduler makes goes through `create` or `update`, which write the
enrolment, a step_events row and an audit row in the caller's transaction. `update` is
conditional on the state it was computed from, so two taps on "done" (two devices, a retried
webhook) advance the cadence once.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/enrolments.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from storage.errors import ConstraintError, StoreError
from storage.timefmt import date_from_db, from_db

OPEN_STATES = ("active", "paused")


class OptedOut(StoreError):
    """The contact opted out of a channel the cadence uses; they are never enrolled on it."""

    def __init__(self, contact_id: int, channels: Iterable[str]) -> None:
        self.contact_id = contact_id
        self.channels = tuple(sorted(channels))
        super().__init__(f"contact {contact_id} opted out of {', '.join(self.channels)}")


class AlreadyEnrolled(ConstraintError):
    """The contact (or the account) already has an active or paused enrolment in that
    cadence."""

    def __init__(self, existing: Enrolment) -> None:
        self.existing = existing
        who = (
            f"contact {existing.contact_id}"
            if existing.contact_id is not None
            else f"account {existing.account_id}"
        )
        super().__init__(f"{who} is already in {existing.cadence_key}")


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


@dataclass(frozen=True)
class Labelled:
    """An open enrolment with the names a person would use to refer to it."""

    enrolment: Enrolment
    account: str
    contact: str | None


def enrolment_from_row(r: Sequence[Any]) -> Enrolment:
    """A row of `_COLS`, in that order, as an Enrolment: every backend selects those columns
    and stores their times as the same ISO text, so one reading serves all."""
    return Enrolment(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], from_db(r[7]), r[8], r[9], r[10],
        date_from_db(r[11]), from_db(r[12]), from_db(r[13]),
    )  # fmt: skip


def snapshot(e: Enrolment) -> dict[str, Any]:
    """What the audit keeps of an enrolment before and after a change (not its timestamps)."""
    return {k: v for k, v in asdict(e).items() if k not in ("started_at", "updated_at")}

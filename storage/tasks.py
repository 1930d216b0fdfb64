"""Tasks and the follow-ups' life after they are set: done, postponed, reminded, undone.

A task is a follow-up of kind 'task' (migration 0012): one table holds every one-off step
outside a cadence, so the agenda, "who is behind" and the reminders read one place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from storage import audit
from storage.audit import Actor
from storage.interactions import _FU_COLS, FollowUp, add_follow_up, get_interaction
from storage.timefmt import to_db

TASK = "task"


def add_task(
    conn: sqlite3.Connection,
    *,
    person_id: int,
    note: str,
    due: date,
    actor: Actor,
    now: datetime,
    kind: str | None = None,
    account_id: int | None = None,
    due_time: str | None = None,
    source_platform: str | None = None,
    source_message_id: str | None = None,
) -> FollowUp:
    """Add a task (kind 'task' unless a channel was said); the same message adds it once."""
    return add_follow_up(
        conn,
        person_id=person_id,
        kind=kind or TASK,
        due=due,
        actor=actor,
        now=now,
        account_id=account_id,
        due_time=due_time,
        note=note[:500],
        source_platform=source_platform,
        source_message_id=source_message_id,
    )


def get_follow_up(conn: sqlite3.Connection, follow_up_id: int) -> FollowUp | None:
    row = conn.execute(
        f"SELECT {_FU_COLS} FROM follow_ups WHERE id = ?", (follow_up_id,)
    ).fetchone()
    return FollowUp(*row) if row else None


def close(
    conn: sqlite3.Connection,
    follow_up_id: int,
    person_id: int,
    state: str,
    actor: Actor,
    now: datetime,
) -> FollowUp | None:
    """Mark a person's open follow-up done or cancelled; None if it is not open and theirs."""
    before = get_follow_up(conn, follow_up_id)
    if before is None or before.person_id != person_id or before.state != "open":
        return None
    conn.execute(
        "UPDATE follow_ups SET state = ?, done_at = ? WHERE id = ?",
        (state, to_db(now), follow_up_id),
    )
    after = get_follow_up(conn, follow_up_id)
    assert after is not None  # updated just above, in this transaction
    audit.record(
        conn,
        actor,
        "follow_up",
        follow_up_id,
        state,
        before=asdict(before),
        after=asdict(after),
        at=now,
    )
    return after


def postpone(
    conn: sqlite3.Connection,
    follow_up_id: int,
    person_id: int,
    due: date,
    actor: Actor,
    now: datetime,
) -> FollowUp | None:
    """Move a person's open follow-up to another day; it will be reminded again then."""
    before = get_follow_up(conn, follow_up_id)
    if before is None or before.person_id != person_id or before.state != "open":
        return None
    conn.execute(
        "UPDATE follow_ups SET due_date = ?, reminded_at = NULL WHERE id = ?",
        (due.isoformat(), follow_up_id),
    )
    after = get_follow_up(conn, follow_up_id)
    assert after is not None  # updated just above, in this transaction
    audit.record(
        conn,
        actor,
        "follow_up",
        follow_up_id,
        "postpone",
        before=asdict(before),
        after=asdict(after),
        at=now,
    )
    return after


@dataclass(frozen=True)
class Unreminded:
    id: int
    person_id: int
    due_date: str
    due_time: str | None


def unreminded(conn: sqlite3.Connection, until: date, limit: int) -> list[Unreminded]:
    """Open follow-ups due on or before `until` whose reminder was never queued (index 0012)."""
    rows = conn.execute(
        "SELECT id, person_id, due_date, due_time FROM follow_ups INDEXED BY follow_ups_unreminded"
        " WHERE state = 'open' AND reminded_at IS NULL AND due_date <= ?"
        " ORDER BY due_date LIMIT ?",
        (until.isoformat(), limit),
    )
    return [Unreminded(*r) for r in rows]


def mark_reminded(conn: sqlite3.Connection, ids: Iterable[int], now: datetime) -> None:
    conn.executemany(
        "UPDATE follow_ups SET reminded_at = ? WHERE id = ?", [(to_db(now), i) for i in ids]
    )


@dataclass(frozen=True)
class Undoable:
    """The last thing a person wrote that undo may take back: an interaction or a task."""

    what: str  # "interaction" | "task"
    id: int
    kind: str
    text: str
    account_name: str | None
    created_at: str


def last_undoable(conn: sqlite3.Connection, person_id: int, since: datetime) -> Undoable | None:
    """The person's most recent interaction logged or task created since `since`."""
    row = conn.execute(
        "SELECT * FROM ("
        " SELECT 'interaction', i.id, i.kind, i.body, a.name, i.created_at FROM interactions i"
        " LEFT JOIN accounts a ON a.id = i.account_id"
        " WHERE i.person_id = ? AND i.created_at >= ?"
        " UNION ALL SELECT 'task', f.id, f.kind, f.note, a.name, f.created_at FROM follow_ups f"
        " LEFT JOIN accounts a ON a.id = f.account_id"
        " WHERE f.person_id = ? AND f.kind = 'task' AND f.state = 'open' AND f.created_at >= ?"
        ") ORDER BY 6 DESC, 2 DESC LIMIT 1",
        (person_id, to_db(since), person_id, to_db(since)),
    ).fetchone()
    return Undoable(*row) if row else None


def remove_interaction(
    conn: sqlite3.Connection, interaction_id: int, person_id: int, actor: Actor, now: datetime
) -> bool:
    """Delete a person's own interaction, and cancel the follow-up set in the same message."""
    before = get_interaction(conn, interaction_id)
    if before is None or before.person_id != person_id:
        return False
    conn.execute("DELETE FROM interactions WHERE id = ?", (interaction_id,))
    audit.record(
        conn,
        actor,
        "interaction",
        interaction_id,
        "delete",
        before=asdict(before),
        reason="undo",
        at=now,
    )
    if before.source_message_id:
        rows = conn.execute(
            "SELECT id FROM follow_ups WHERE source_platform = ? AND"
            " source_message_id = ? AND state = 'open'",
            (before.source_platform, before.source_message_id),
        ).fetchall()
        for (follow_up_id,) in rows:
            close(conn, follow_up_id, person_id, "cancelled", actor, now)
    return True

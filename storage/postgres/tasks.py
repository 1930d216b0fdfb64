"""Tasks on PostgreSQL (the SQLite twin: storage/sqlite/tasks.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.interactions import FollowUp
from storage.postgres.audit import PgAudit
from storage.postgres.interactions import FU_COLS, PgInteractions
from storage.tasks import TASK, Undoable, Unreminded
from storage.timefmt import to_db


class PgTasks:
    """Tasks on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def add_task(
        self,
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
        return PgInteractions(self._c).add_follow_up(
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

    def get_follow_up(self, follow_up_id: int) -> FollowUp | None:
        row = self._c.execute(
            f"SELECT {FU_COLS} FROM follow_ups WHERE id = %s", (follow_up_id,)
        ).fetchone()
        return FollowUp(*row) if row else None

    def _change(
        self,
        follow_up_id: int,
        person_id: int,
        assignments: str,
        values: tuple[Any, ...],
        action: str,
        actor: Actor,
        now: datetime,
    ) -> FollowUp | None:
        """Change a person's open follow-up and audit it; None if it is not open and theirs.

        The row is locked while read (FOR UPDATE), so a second process closing or moving the
        same follow-up waits and then finds it no longer open, as SQLite's single writer does.
        """
        row = self._c.execute(
            f"SELECT {FU_COLS} FROM follow_ups WHERE id = %s FOR UPDATE", (follow_up_id,)
        ).fetchone()
        before = FollowUp(*row) if row else None
        if before is None or before.person_id != person_id or before.state != "open":
            return None
        changed = self._c.execute(
            f"UPDATE follow_ups SET {assignments} WHERE id = %s RETURNING {FU_COLS}",
            (*values, follow_up_id),
        ).fetchone()
        assert changed is not None  # locked just above, in this transaction
        after = FollowUp(*changed)
        PgAudit(self._c).record(
            actor,
            "follow_up",
            follow_up_id,
            action,
            before=asdict(before),
            after=asdict(after),
            at=now,
        )
        return after

    def close(
        self, follow_up_id: int, person_id: int, state: str, actor: Actor, now: datetime
    ) -> FollowUp | None:
        """Mark a person's open follow-up done or cancelled; None if it is not open and theirs."""
        return self._change(
            follow_up_id, person_id, "state = %s, done_at = %s", (state, to_db(now)), state,
            actor, now,
        )  # fmt: skip

    def postpone(
        self, follow_up_id: int, person_id: int, due: date, actor: Actor, now: datetime
    ) -> FollowUp | None:
        """Move a person's open follow-up to another day; it will be reminded again then."""
        return self._change(
            follow_up_id, person_id, "due_date = %s, reminded_at = NULL", (due.isoformat(),),
            "postpone", actor, now,
        )  # fmt: skip

    def unreminded(self, until: date, limit: int) -> list[Unreminded]:
        """Open follow-ups due on or before `until` whose reminder was never queued (the
        partial index follow_ups_unreminded of 0012 matches this WHERE exactly)."""
        rows = self._c.execute(
            "SELECT id, person_id, due_date, due_time FROM follow_ups"
            " WHERE state = 'open' AND reminded_at IS NULL AND due_date <= %s"
            " ORDER BY due_date, id LIMIT %s",
            (until.isoformat(), limit),
        )
        return [Unreminded(*r) for r in rows]

    def mark_reminded(self, ids: Iterable[int], now: datetime) -> None:
        """One statement for every id (SQLite's twin runs one per id)."""
        wanted = list(ids)
        if wanted:
            self._c.execute(
                "UPDATE follow_ups SET reminded_at = %s WHERE id = ANY(%s)", (to_db(now), wanted)
            )

    def last_undoable(
        self, person_id: int, since: datetime, account_id: int | None = None
    ) -> Undoable | None:
        """The person's most recent interaction logged or task created since `since`; with
        `account_id`, the most recent at that account only."""
        at = " AND i.account_id = %s" if account_id is not None else ""
        task_at = " AND f.account_id = %s" if account_id is not None else ""
        where = () if account_id is None else (account_id,)
        row = self._c.execute(
            "SELECT * FROM ("
            " SELECT 'interaction', i.id, i.kind, i.body, a.name, i.created_at FROM interactions i"
            " LEFT JOIN accounts a ON a.id = i.account_id"
            " WHERE i.person_id = %s AND i.created_at >= %s"
            + at
            + " UNION ALL SELECT 'task', f.id, f.kind, f.note, a.name, f.created_at FROM follow_ups f"
            " LEFT JOIN accounts a ON a.id = f.account_id"
            " WHERE f.person_id = %s AND f.kind = 'task' AND f.state = 'open'"
            " AND f.created_at >= %s" + task_at + ") u ORDER BY 6 DESC, 2 DESC LIMIT 1",
            (person_id, to_db(since), *where, person_id, to_db(since), *where),
        ).fetchone()
        return Undoable(*row) if row else None

    def remove_interaction(
        self, interaction_id: int, person_id: int, actor: Actor, now: datetime
    ) -> bool:
        """Delete a person's own interaction, and cancel the follow-up set in the same message."""
        before = PgInteractions(self._c).get_interaction(interaction_id)
        if before is None or before.person_id != person_id:
            return False
        self._c.execute("DELETE FROM interactions WHERE id = %s", (interaction_id,))
        PgAudit(self._c).record(
            actor,
            "interaction",
            interaction_id,
            "delete",
            before=asdict(before),
            reason="undo",
            at=now,
        )
        if before.source_message_id:
            rows = self._c.execute(
                "SELECT id FROM follow_ups WHERE source_platform = %s AND"
                " source_message_id = %s AND state = 'open'",
                (before.source_platform, before.source_message_id),
            ).fetchall()
            for (follow_up_id,) in rows:
                self.close(follow_up_id, person_id, "cancelled", actor, now)
        return True

"""The SQLite SQL of storage/tasks.py's repository: SqliteTasks on one connection.

The records it returns live in storage/tasks.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime

from storage.audit import Actor
from storage.interactions import FollowUp
from storage.sqlite.audit import SqliteAudit
from storage.sqlite.interactions import _FU_COLS, SqliteInteractions
from storage.tasks import TASK, Undoable, Unreminded
from storage.timefmt import to_db


class SqliteTasks:
    """Tasks on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
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
        return SqliteInteractions(self._c).add_follow_up(
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
            f"SELECT {_FU_COLS} FROM follow_ups WHERE id = ?", (follow_up_id,)
        ).fetchone()
        return FollowUp(*row) if row else None

    def close(
        self, follow_up_id: int, person_id: int, state: str, actor: Actor, now: datetime
    ) -> FollowUp | None:
        """Mark a person's open follow-up done or cancelled; None if it is not open and theirs."""
        before = self.get_follow_up(follow_up_id)
        if before is None or before.person_id != person_id or before.state != "open":
            return None
        self._c.execute(
            "UPDATE follow_ups SET state = ?, done_at = ? WHERE id = ?",
            (state, to_db(now), follow_up_id),
        )
        after = self.get_follow_up(follow_up_id)
        assert after is not None  # updated just above, in this transaction
        SqliteAudit(self._c).record(
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
        self, follow_up_id: int, person_id: int, due: date, actor: Actor, now: datetime
    ) -> FollowUp | None:
        """Move a person's open follow-up to another day; it will be reminded again then."""
        before = self.get_follow_up(follow_up_id)
        if before is None or before.person_id != person_id or before.state != "open":
            return None
        self._c.execute(
            "UPDATE follow_ups SET due_date = ?, reminded_at = NULL WHERE id = ?",
            (due.isoformat(), follow_up_id),
        )
        after = self.get_follow_up(follow_up_id)
        assert after is not None  # updated just above, in this transaction
        SqliteAudit(self._c).record(
            actor,
            "follow_up",
            follow_up_id,
            "postpone",
            before=asdict(before),
            after=asdict(after),
            at=now,
        )
        return after

    def unreminded(self, until: date, limit: int) -> list[Unreminded]:
        """Open follow-ups due on or before `until` whose reminder was never queued (index 0012)."""
        rows = self._c.execute(
            "SELECT id, person_id, due_date, due_time FROM follow_ups INDEXED BY follow_ups_unreminded"
            " WHERE state = 'open' AND reminded_at IS NULL AND due_date <= ?"
            " ORDER BY due_date LIMIT ?",
            (until.isoformat(), limit),
        )
        return [Unreminded(*r) for r in rows]

    def mark_reminded(self, ids: Iterable[int], now: datetime) -> None:
        self._c.executemany(
            "UPDATE follow_ups SET reminded_at = ? WHERE id = ?", [(to_db(now), i) for i in ids]
        )

    def last_undoable(
        self, person_id: int, since: datetime, account_id: int | None = None
    ) -> Undoable | None:
        """The person's most recent interaction logged or task created since `since`; with
        `account_id`, the most recent at that account only."""
        at = " AND i.account_id = ?" if account_id is not None else ""
        task_at = " AND f.account_id = ?" if account_id is not None else ""
        where = () if account_id is None else (account_id,)
        row = self._c.execute(
            "SELECT * FROM ("
            " SELECT 'interaction', i.id, i.kind, i.body, a.name, i.created_at FROM interactions i"
            " LEFT JOIN accounts a ON a.id = i.account_id"
            " WHERE i.person_id = ? AND i.created_at >= ?"
            + at
            + " UNION ALL SELECT 'task', f.id, f.kind, f.note, a.name, f.created_at FROM follow_ups f"
            " LEFT JOIN accounts a ON a.id = f.account_id"
            " WHERE f.person_id = ? AND f.kind = 'task' AND f.state = 'open' AND f.created_at >= ?"
            + task_at
            + ") ORDER BY 6 DESC, 2 DESC LIMIT 1",
            (person_id, to_db(since), *where, person_id, to_db(since), *where),
        ).fetchone()
        return Undoable(*row) if row else None

    def remove_interaction(
        self, interaction_id: int, person_id: int, actor: Actor, now: datetime
    ) -> bool:
        """Delete a person's own interaction, and cancel the follow-up set in the same message."""
        before = SqliteInteractions(self._c).get_interaction(interaction_id)
        if before is None or before.person_id != person_id:
            return False
        self._c.execute("DELETE FROM interactions WHERE id = ?", (interaction_id,))
        SqliteAudit(self._c).record(
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
                "SELECT id FROM follow_ups WHERE source_platform = ? AND"
                " source_message_id = ? AND state = 'open'",
                (before.source_platform, before.source_message_id),
            ).fetchall()
            for (follow_up_id,) in rows:
                self.close(follow_up_id, person_id, "cancelled", actor, now)
        return True

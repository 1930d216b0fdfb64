"""The SQLite SQL of storage/outbox.py's repository: SqliteOutbox on one connection.

The records it returns live in storage/outbox.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from storage.outbox import OutboxItem
from storage.timefmt import to_db


def _item(r: sqlite3.Row) -> OutboxItem:
    return OutboxItem(
        r["id"],
        r["person_id"],
        r["kind"],
        r["dedupe_key"],
        json.loads(r["payload"]),
        r["state"],
        r["attempts"],
        r["next_attempt_at"],
        r["last_error"],
        r["platform"],
        r["platform_message_id"],
    )


class SqliteOutbox:
    """Outbox on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def enqueue(
        self,
        person_id: int,
        kind: str,
        dedupe_key: str,
        payload: dict[str, Any],
        now: datetime,
        not_before: datetime | None = None,
    ) -> int | None:
        """Queue a message; returns its id, or None when that dedupe key was already queued."""
        cur = self._c.execute(
            "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
            (
                person_id,
                kind,
                dedupe_key,
                json.dumps(payload, ensure_ascii=False, default=str),
                to_db(not_before or now),
                to_db(now),
            ),
        )
        return cur.lastrowid if cur.rowcount else None

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        rows = self._c.execute(
            "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?"
            " ORDER BY next_attempt_at, id LIMIT ?",
            (to_db(now), limit),
        )
        return [_item(r) for r in rows]

    def claim_due(
        self, now: datetime, limit: int, holder: str, until: datetime
    ) -> list[OutboxItem]:
        """`due`: one process owns a SQLite store (the run lock), so there is nobody to claim
        against and nothing is written."""
        return self.due(now, limit)

    def release(self, ids: Sequence[int], holder: str) -> None:
        """Nothing to give back on SQLite (see `claim_due`)."""

    def get(self, item_id: int) -> OutboxItem | None:
        row = self._c.execute("SELECT * FROM outbox WHERE id = ?", (item_id,)).fetchone()
        return _item(row) if row else None

    def mark_sent(
        self, item_id: int, platform: str, message_id: str | None, now: datetime
    ) -> None:
        self._c.execute(
            "UPDATE outbox SET state = 'sent', platform = ?, platform_message_id = ?, sent_at = ?,"
            " attempts = attempts + 1 WHERE id = ?",
            (platform, message_id, to_db(now), item_id),
        )

    def mark_retry(
        self, item_id: int, error: str, next_attempt: datetime, max_attempts: int
    ) -> str:
        """Record a failed attempt; returns the new state ('pending' again, or 'failed' for good)."""
        self._c.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
            " state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END WHERE id = ?",
            (error[:500], to_db(next_attempt), max_attempts, item_id),
        )
        return self._c.execute("SELECT state FROM outbox WHERE id = ?", (item_id,)).fetchone()[0]

    def give_up(self, item_id: int, error: str) -> None:
        """Stop trying a row without another attempt (a reply past its age limit)."""
        self._c.execute(
            "UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?",
            (error[:500], item_id),
        )

    def postpone(self, item_id: int, until: datetime) -> None:
        """Wait without counting an attempt (quiet hours, a platform's retry_after)."""
        self._c.execute(
            "UPDATE outbox SET next_attempt_at = ? WHERE id = ?", (to_db(until), item_id)
        )

    def failed(self, limit: int = 200) -> list[OutboxItem]:
        rows = self._c.execute(
            "SELECT * FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [_item(r) for r in rows]

    def backlog(self, now: datetime) -> int:
        return self._c.execute(
            "SELECT count(*) FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?",
            (to_db(now),),
        ).fetchone()[0]

    def key_exists(self, dedupe_key: str) -> bool:
        """Whether a message with this dedupe key was ever queued (skip building it again)."""
        row = self._c.execute(
            "SELECT 1 FROM outbox WHERE dedupe_key = ?", (dedupe_key,)
        ).fetchone()
        return row is not None

"""The outbox on PostgreSQL (the SQLite twin: storage/sqlite/outbox.py), with claims.

Several processes may deliver from one outbox (during a leadership handover, or when two run
the dispatcher), so the rows that hand out work are claimed, never just read: `claim_due`
locks each person's earliest due row with `FOR UPDATE SKIP LOCKED` and marks every due row of
that person as this holder's until a time. Another process skips a person whose earliest row is
locked or claimed, which keeps a person's messages in order and never hands one row to two
processes; a claim that outlives a crashed process expires and the rows are handed out again (at once
when its presence lease, storage/leases.py PRESENCE, has expired).
Settling a row (sent, retried, postponed, given up) clears its claim.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg

from storage.outbox import OutboxItem
from storage.postgres.leases import dead_holder
from storage.timefmt import to_db

_COLUMNS = (
    "id, person_id, kind, dedupe_key, payload, state, attempts, next_attempt_at, last_error,"
    " platform, platform_message_id"
)
_UNCLAIM = "claimed_by = NULL, claimed_until = NULL"
WAKE_CHANNEL = "ritmo_outbox"  # NOTIFY channel: a row was queued

# One person per head row: their earliest due row. Locking the head (and skipping a head that
# is locked, or claimed by another live holder) gives the person to exactly one claimer.
_CLAIM_DUE = f"""
WITH heads AS (
    SELECT DISTINCT ON (person_id) id FROM outbox
    WHERE state = 'pending' AND next_attempt_at <= %(now)s
    ORDER BY person_id, next_attempt_at, id
), mine AS (
    SELECT o.person_id FROM outbox o JOIN heads h ON o.id = h.id
    WHERE o.state = 'pending'
      AND (o.claimed_until IS NULL OR o.claimed_until < %(now)s OR o.claimed_by = %(holder)s
           OR {dead_holder("o.claimed_by")})
    ORDER BY o.next_attempt_at, o.id
    LIMIT %(limit)s
    FOR UPDATE OF o SKIP LOCKED
)
UPDATE outbox SET claimed_by = %(holder)s, claimed_until = %(until)s
WHERE state = 'pending' AND next_attempt_at <= %(now)s
  AND person_id IN (SELECT person_id FROM mine)
RETURNING {_COLUMNS}
"""


def _item(r: Sequence[Any]) -> OutboxItem:
    return OutboxItem(
        r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7], r[8], r[9], r[10]
    )


class PgOutbox:
    """Outbox on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
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
        # The NOTIFY rides in the same statement (no extra round trip), only for a new row; the
        # server delivers it at COMMIT, so a woken dispatcher finds the row (storage/postgres/wake.py).
        row = self._c.execute(
            "WITH added AS (INSERT INTO outbox"
            " (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id)"
            f" SELECT id, pg_notify('{WAKE_CHANNEL}', '') FROM added",
            (
                person_id,
                kind,
                dedupe_key,
                json.dumps(payload, ensure_ascii=False, default=str),
                to_db(not_before or now),
                to_db(now),
            ),
        ).fetchone()
        return int(row[0]) if row else None

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        rows = self._c.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' AND next_attempt_at <= %s"
            " ORDER BY next_attempt_at, id LIMIT %s",
            (to_db(now), limit),
        ).fetchall()
        return [_item(r) for r in rows]

    def claim_due(
        self, now: datetime, limit: int, holder: str, until: datetime
    ) -> list[OutboxItem]:
        """Every due row of up to `limit` people, claimed for `holder` until `until` (see the
        module docstring), earliest first."""
        params = {"now": to_db(now), "holder": holder, "until": to_db(until), "limit": limit}
        rows = self._c.execute(_CLAIM_DUE, params).fetchall()
        return sorted((_item(r) for r in rows), key=lambda i: (i.next_attempt_at, i.id))

    def release(self, ids: Sequence[int], holder: str) -> None:
        """Give back claims `holder` took but will not settle now (another process may)."""
        self._c.execute(
            f"UPDATE outbox SET {_UNCLAIM} WHERE id = ANY(%s) AND claimed_by = %s",
            (list(ids), holder),
        )

    def get(self, item_id: int) -> OutboxItem | None:
        row = self._c.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE id = %s", (item_id,)
        ).fetchone()
        return _item(row) if row else None

    def mark_sent(
        self, item_id: int, platform: str, message_id: str | None, now: datetime
    ) -> None:
        self._c.execute(
            "UPDATE outbox SET state = 'sent', platform = %s, platform_message_id = %s,"
            f" sent_at = %s, attempts = attempts + 1, {_UNCLAIM} WHERE id = %s",
            (platform, message_id, to_db(now), item_id),
        )

    def mark_retry(
        self, item_id: int, error: str, next_attempt: datetime, max_attempts: int
    ) -> str:
        """Record a failed attempt; returns the new state ('pending' again, or 'failed' for good)."""
        row = self._c.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = %s, next_attempt_at = %s,"
            " state = CASE WHEN attempts + 1 >= %s THEN 'failed' ELSE 'pending' END,"
            f" {_UNCLAIM} WHERE id = %s RETURNING state",
            (error[:500], to_db(next_attempt), max_attempts, item_id),
        ).fetchone()
        return str(row[0]) if row else "failed"

    def give_up(self, item_id: int, error: str) -> None:
        """Stop trying a row without another attempt (a reply past its age limit)."""
        self._c.execute(
            f"UPDATE outbox SET state = 'failed', last_error = %s, {_UNCLAIM} WHERE id = %s",
            (error[:500], item_id),
        )

    def postpone(self, item_id: int, until: datetime) -> None:
        """Wait without counting an attempt (quiet hours, a platform's retry_after)."""
        self._c.execute(
            f"UPDATE outbox SET next_attempt_at = %s, {_UNCLAIM} WHERE id = %s",
            (to_db(until), item_id),
        )

    def failed(self, limit: int = 200) -> list[OutboxItem]:
        rows = self._c.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT %s",
            (limit,),
        ).fetchall()
        return [_item(r) for r in rows]

    def backlog(self, now: datetime) -> int:
        row = self._c.execute(
            "SELECT count(*) FROM outbox WHERE state = 'pending' AND next_attempt_at <= %s",
            (to_db(now),),
        ).fetchone()
        return int(row[0]) if row else 0

    def key_exists(self, dedupe_key: str) -> bool:
        """Whether a message with this dedupe key was ever queued (skip building it again)."""
        row = self._c.execute(
            "SELECT 1 FROM outbox WHERE dedupe_key = %s", (dedupe_key,)
        ).fetchone()
        return row is not None

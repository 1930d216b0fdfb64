"""The inbox on PostgreSQL (the SQLite twin: storage/sqlite/inbox.py), with claims.

Every process behind a load balancer journals what it receives, and any of them may handle it,
so pending rows are claimed, never just read: `claim_pending` locks each chat's oldest pending
row with `FOR UPDATE SKIP LOCKED` and marks every pending row of that chat as this holder's
until a time. Another process skips a chat whose oldest row is locked or claimed, so a chat's
messages are handled in order by one process at a time and no row is handled by two; the
claims of a crashed process expire and its rows are handed out again (at once when its presence
lease, storage/leases.py PRESENCE, has expired: a dead process). A row journaled without
a chat is its own chat. Marking a row done or failed clears its claim.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import psycopg

from storage import inbox as _records  # PRUNE_BATCH read at call time: tests lower it
from storage.audit import Actor
from storage.inbox import (
    ERROR_CHARS,
    MAX_ATTEMPTS,
    FailedItem,
    InboxItem,
    Journaled,
    NotQuarantined,
    describe,
    storable,
)
from storage.postgres.audit import PgAudit
from storage.postgres.leases import dead_holder
from storage.timefmt import to_db

_PLAIN = json.JSONEncoder(ensure_ascii=False)
# Pure ASCII always encodes, and json.loads gives back exactly the event that came.
_ESCAPED = json.JSONEncoder(ensure_ascii=True, default=str)
_UNCLAIM = "claimed_by = NULL, claimed_until = NULL"
_CHAT = "coalesce(chat, 'row:' || id)"

_CLAIM_PENDING = f"""
WITH heads AS (
    SELECT DISTINCT ON ({_CHAT}) id FROM inbox
    WHERE state = 'pending' AND platform = %(platform)s
    ORDER BY {_CHAT}, id
), mine AS (
    SELECT coalesce(i.chat, 'row:' || i.id) AS chat_key
    FROM inbox i JOIN heads h ON i.id = h.id
    WHERE i.state = 'pending'
      AND (i.claimed_until IS NULL OR i.claimed_until < %(now)s OR i.claimed_by = %(holder)s
           OR {dead_holder("i.claimed_by")})
    ORDER BY i.id
    LIMIT %(limit)s
    FOR UPDATE OF i SKIP LOCKED
)
UPDATE inbox SET claimed_by = %(holder)s, claimed_until = %(until)s
WHERE state = 'pending' AND platform = %(platform)s
  AND {_CHAT} IN (SELECT chat_key FROM mine)
RETURNING id, platform, event_id, payload, attempts
"""


def _checked(text: str) -> str:
    """`text` if PostgreSQL can store it as text, else ValueError before anything is sent (a
    refused statement would abort the whole batch's transaction): UTF-8 can't encode a lone
    surrogate, and text columns refuse NUL."""
    text.encode("utf-8")
    if "\x00" in text:
        raise ValueError("NUL character in text")
    return text


class PgInbox:
    """Inbox on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def _insert(
        self,
        platform: str,
        event_id: str,
        payload: str,
        now: datetime,
        error: str | None = None,
        chat: str | None = None,
    ) -> int | None:
        state, handled_at = ("pending", None) if error is None else ("failed", to_db(now))
        row = self._c.execute(
            "INSERT INTO inbox (platform, event_id, payload, state, received_at, handled_at,"
            " error, chat) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (platform, event_id) DO NOTHING RETURNING id",
            (platform, event_id, payload, state, to_db(now), handled_at, error, chat),
        ).fetchone()
        return int(row[0]) if row else None

    def accept_many(
        self,
        platform: str,
        events: Sequence[tuple[str, Mapping[str, Any]]],
        now: datetime,
        chats: Mapping[str, str] | None = None,
    ) -> Journaled:
        """Journal a batch of (event id, payload), ignoring ids already journaled; an event
        whose own data can't be stored is quarantined in the same transaction."""
        new, quarantined = 0, []
        for event_id, payload in events:
            chat = chats.get(event_id) if chats else None
            try:
                text = _checked(_PLAIN.encode(payload))
                row = self._insert(platform, _checked(str(event_id)), text, now, chat=chat)
            except (ValueError, TypeError) as exc:
                event_id = storable(str(event_id)).replace("\x00", "\\u0000")
                error = f"journal: {describe(exc)}".replace("\x00", "")
                row = self._insert(platform, event_id, _ESCAPED.encode(payload), now, error)
                if row is not None:
                    quarantined.append(event_id)
            if row is not None:
                new += 1
        return Journaled(new, tuple(quarantined))

    def pending(self, platform: str, limit: int = 100) -> list[InboxItem]:
        rows = self._c.execute(
            "SELECT id, platform, event_id, payload, attempts FROM inbox"
            " WHERE state = 'pending' AND platform = %s ORDER BY id LIMIT %s",
            (platform, limit),
        ).fetchall()
        return [InboxItem(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def claim_pending(
        self, platform: str, limit: int, holder: str, now: datetime, until: datetime
    ) -> list[InboxItem]:
        """Every pending row of up to `limit` chats, claimed for `holder` until `until` (see
        the module docstring), oldest first."""
        params = {
            "platform": platform,
            "now": to_db(now),
            "holder": holder,
            "until": to_db(until),
            "limit": limit,
        }
        rows = self._c.execute(_CLAIM_PENDING, params).fetchall()
        return sorted((InboxItem(r[0], r[1], r[2], r[3], r[4]) for r in rows), key=lambda i: i.id)

    def mark_done(self, item_id: int, now: datetime) -> None:
        self._c.execute(
            f"UPDATE inbox SET state = 'done', handled_at = %s, {_UNCLAIM} WHERE id = %s",
            (to_db(now), item_id),
        )

    def mark_attempt_failed(self, item_id: int, error: str, now: datetime) -> bool:
        """Count a failed handling; after MAX_ATTEMPTS the row is parked as failed. True if parked."""
        row = self._c.execute(
            "UPDATE inbox SET attempts = attempts + 1, error = %s,"
            " state = CASE WHEN attempts + 1 >= %s THEN 'failed' ELSE state END,"
            " handled_at = CASE WHEN attempts + 1 >= %s THEN %s ELSE handled_at END,"
            f" {_UNCLAIM} WHERE id = %s RETURNING state",
            (
                storable(error)[:ERROR_CHARS].replace("\x00", ""),
                MAX_ATTEMPTS,
                MAX_ATTEMPTS,
                to_db(now),
                item_id,
            ),
        ).fetchone()
        return row is not None and row[0] == "failed"

    def count(self, platform: str | None = None, state: str | None = None) -> int:
        sql, params = "SELECT count(*) FROM inbox WHERE true", []
        if platform:
            sql += " AND platform = %s"
            params.append(platform)
        if state:
            sql += " AND state = %s"
            params.append(state)
        row = self._c.execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    def prune(self, handled_before: datetime, limit: int | None = None) -> int:
        """Delete up to `limit` (PRUNE_BATCH) handled rows handled before `handled_before`;
        returns how many. Pending rows have no handled_at and are never touched."""
        cur = self._c.execute(
            "DELETE FROM inbox WHERE id IN (SELECT id FROM inbox"
            " WHERE state IN ('done', 'failed') AND handled_at < %s LIMIT %s)",
            (to_db(handled_before), _records.PRUNE_BATCH if limit is None else limit),
        )
        return cur.rowcount

    def failed(self) -> list[FailedItem]:
        """Every quarantined row, oldest first."""
        rows = self._c.execute(
            "SELECT id, platform, event_id, attempts, received_at, handled_at, error FROM inbox"
            " WHERE state = 'failed' ORDER BY id"
        ).fetchall()
        return [FailedItem(*r) for r in rows]

    def payload(self, item_id: int) -> str | None:
        """The journaled text of one row (escaped JSON for an event quarantined as it came)."""
        row = self._c.execute("SELECT payload FROM inbox WHERE id = %s", (item_id,)).fetchone()
        return row[0] if row else None

    def _failed_ids(self, ids: Sequence[int] | None) -> list[tuple[Any, ...]]:
        rows = self._c.execute(
            "SELECT id, platform, event_id, error FROM inbox WHERE state = 'failed' ORDER BY id"
        ).fetchall()
        if ids is None:
            return rows
        wanted = set(ids)
        missing = sorted(wanted - {r[0] for r in rows})
        if missing:
            raise NotQuarantined(missing)
        return [r for r in rows if r[0] in wanted]

    def _audit(self, row: tuple[Any, ...], action: str, actor: Actor, now: datetime) -> None:
        # Which event and why it failed, never its payload: that is what a person wrote.
        before = {"platform": row[1], "event_id": row[2], "state": "failed", "error": row[3]}
        PgAudit(self._c).record(actor, "inbox", row[0], action, before=before, at=now)

    def retry(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        """Put quarantined rows (all when `ids` is None) back in line, with fresh attempts.

        Raises:
            NotQuarantined: one of `ids` is not quarantined (and nothing was changed).
        """
        moved = []
        for row in self._failed_ids(ids):
            self._c.execute(
                "UPDATE inbox SET state = 'pending', attempts = 0, handled_at = NULL,"
                f" {_UNCLAIM} WHERE id = %s",
                (row[0],),
            )
            self._audit(row, "retry", actor, now)
            moved.append(row[0])
        return moved

    def drop(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        """Delete quarantined rows (all when `ids` is None), payload and all.

        Raises:
            NotQuarantined: one of `ids` is not quarantined (and nothing was deleted).
        """
        dropped = []
        for row in self._failed_ids(ids):
            self._c.execute("DELETE FROM inbox WHERE id = %s", (row[0],))
            self._audit(row, "drop", actor, now)
            dropped.append(row[0])
        return dropped

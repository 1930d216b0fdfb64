"""The SQLite SQL of storage/inbox.py's repository: SqliteInbox on one connection.

The records it returns live in storage/inbox.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

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
from storage.sqlite.audit import SqliteAudit
from storage.timefmt import to_db

_PLAIN = json.JSONEncoder(ensure_ascii=False)


# Pure ASCII always encodes, and json.loads gives back exactly the event that came, lone
# surrogates included; default=str so that nothing can make the quarantine itself fail.
_ESCAPED = json.JSONEncoder(ensure_ascii=True, default=str)


# What one event's own data can raise while it is written: text UTF-8 can't encode
# (UnicodeEncodeError is a ValueError), JSON that won't serialise, a value SQLite refuses. A
# store-wide failure (disk full, I/O, a lock) is an OperationalError: it fails the whole batch,
# so nothing is confirmed to the platform and the page comes again.
_EVENT_ERRORS = (
    ValueError,
    TypeError,
    sqlite3.DataError,
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
)


def _insert(
    conn: sqlite3.Connection,
    platform: str,
    event_id: str,
    payload: str,
    now: datetime,
    error: str | None = None,
    chat: str | None = None,
) -> int | None:
    state, handled_at = ("pending", None) if error is None else ("failed", to_db(now))
    cur = conn.execute(
        "INSERT INTO inbox (platform, event_id, payload, state, received_at, handled_at, error,"
        " chat) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, event_id) DO NOTHING",
        (platform, event_id, payload, state, to_db(now), handled_at, error, chat),
    )
    return cur.lastrowid if cur.rowcount else None


def _failed_ids(conn: sqlite3.Connection, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """The quarantined rows named (all when `ids` is None).

    Raises:
        NotQuarantined: one of `ids` is not a quarantined row.
    """
    rows = conn.execute(
        "SELECT id, platform, event_id, error FROM inbox WHERE state = 'failed' ORDER BY id"
    ).fetchall()
    if ids is None:
        return rows
    wanted = set(ids)
    missing = sorted(wanted - {r[0] for r in rows})
    if missing:
        raise NotQuarantined(missing)
    return [r for r in rows if r[0] in wanted]


def _audit(
    conn: sqlite3.Connection, row: sqlite3.Row, action: str, actor: Actor, now: datetime
) -> None:
    # Which event and why it failed, never its payload: that is what a person wrote.
    before = {"platform": row[1], "event_id": row[2], "state": "failed", "error": row[3]}
    SqliteAudit(conn).record(actor, "inbox", row[0], action, before=before, at=now)


class SqliteInbox:
    """Inbox on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def accept_many(
        self,
        platform: str,
        events: Sequence[tuple[str, Mapping[str, Any]]],
        now: datetime,
        chats: Mapping[str, str] | None = None,
    ) -> Journaled:
        """Journal a batch of (event id, payload), ignoring ids already journaled.

        An event whose own data can't be stored is quarantined in the same transaction, so one bad
        update never keeps the rest of its page from being confirmed.
        """
        new, quarantined = 0, []
        for event_id, payload in events:
            try:
                chat = chats.get(event_id) if chats else None
                row = _insert(self._c, platform, event_id, _PLAIN.encode(payload), now, chat=chat)
            except _EVENT_ERRORS as exc:
                event_id = storable(str(event_id))
                error = f"journal: {describe(exc)}"
                row = _insert(self._c, platform, event_id, _ESCAPED.encode(payload), now, error)
                if row is not None:
                    quarantined.append(event_id)
            if row is not None:
                new += 1
        return Journaled(new, tuple(quarantined))

    def pending(self, platform: str, limit: int = 100) -> list[InboxItem]:
        rows = self._c.execute(
            "SELECT id, platform, event_id, payload, attempts FROM inbox"
            " WHERE state = 'pending' AND platform = ? ORDER BY id LIMIT ?",
            (platform, limit),
        )
        return [InboxItem(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def claim_pending(
        self, platform: str, limit: int, holder: str, now: datetime, until: datetime
    ) -> list[InboxItem]:
        """`pending`: one process owns a SQLite store (the run lock), so there is nobody to
        claim against and nothing is written."""
        return self.pending(platform, limit)

    def mark_done(self, item_id: int, now: datetime) -> None:
        self._c.execute(
            "UPDATE inbox SET state = 'done', handled_at = ? WHERE id = ?", (to_db(now), item_id)
        )

    def mark_attempt_failed(self, item_id: int, error: str, now: datetime) -> bool:
        """Count a failed handling; after MAX_ATTEMPTS the row is parked as failed. True if parked."""
        self._c.execute(
            "UPDATE inbox SET attempts = attempts + 1, error = ? WHERE id = ?",
            (storable(error)[:ERROR_CHARS], item_id),
        )
        row = self._c.execute("SELECT attempts FROM inbox WHERE id = ?", (item_id,)).fetchone()
        if row and row[0] >= MAX_ATTEMPTS:
            self._c.execute(
                "UPDATE inbox SET state = 'failed', handled_at = ? WHERE id = ?",
                (to_db(now), item_id),
            )
            return True
        return False

    def count(self, platform: str | None = None, state: str | None = None) -> int:
        sql, params = "SELECT count(*) FROM inbox WHERE 1=1", []
        if platform:
            sql += " AND platform = ?"
            params.append(platform)
        if state:
            sql += " AND state = ?"
            params.append(state)
        return self._c.execute(sql, params).fetchone()[0]

    def prune(self, handled_before: datetime, limit: int | None = None) -> int:
        """Delete up to `limit` (PRUNE_BATCH) handled rows (done or quarantined) handled before `handled_before`;
        returns how many. Pending rows have no handled_at and are never touched.

        One small batch per call, so a caller that loops gives the write lock back between
        batches and the bot's own writes never wait behind a big delete.
        """
        cur = self._c.execute(
            "DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE state IN ('done', 'failed')"
            " AND handled_at < ? LIMIT ?)",
            (to_db(handled_before), _records.PRUNE_BATCH if limit is None else limit),
        )
        return cur.rowcount

    def failed(self) -> list[FailedItem]:
        """Every quarantined row, oldest first."""
        rows = self._c.execute(
            "SELECT id, platform, event_id, attempts, received_at, handled_at, error FROM inbox"
            " WHERE state = 'failed' ORDER BY id"
        )
        return [FailedItem(*r) for r in rows]

    def payload(self, item_id: int) -> str | None:
        """The journaled text of one row (escaped JSON for an event quarantined as it came)."""
        row = self._c.execute("SELECT payload FROM inbox WHERE id = ?", (item_id,)).fetchone()
        return row[0] if row else None

    def retry(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        """Put quarantined rows (all of them when `ids` is None) back in line, with fresh attempts;
        a running worker takes them within a second. Returns the ids it moved.

        Raises:
            NotQuarantined: one of `ids` is not quarantined (and nothing was changed).
        """
        moved = []
        for row in _failed_ids(self._c, ids):
            self._c.execute(
                "UPDATE inbox SET state = 'pending', attempts = 0, handled_at = NULL WHERE id = ?",
                (row[0],),
            )
            _audit(self._c, row, "retry", actor, now)
            moved.append(row[0])
        return moved

    def drop(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        """Delete quarantined rows (all of them when `ids` is None), payload and all. Returns the
        ids it deleted.

        Raises:
            NotQuarantined: one of `ids` is not quarantined (and nothing was deleted).
        """
        dropped = []
        for row in _failed_ids(self._c, ids):
            self._c.execute("DELETE FROM inbox WHERE id = ?", (row[0],))
            _audit(self._c, row, "drop", actor, now)
            dropped.append(row[0])
        return dropped

"""The SQLite SQL of storage/callbacks.py's repository: SqliteCallbacks on one connection.

The records it returns live in storage/callbacks.py (shared by every backend).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from storage.callbacks import DEFAULT_TTL, TOKEN_BYTES, Callback
from storage.timefmt import from_db, to_db


class SqliteCallbacks:
    """Callbacks on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def issue(
        self,
        person_id: int,
        action: str,
        args: dict[str, Any],
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> str:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        self._c.execute(
            "INSERT INTO callbacks (token, person_id, action, args, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                token,
                person_id,
                action,
                json.dumps(args, ensure_ascii=False, default=str),
                to_db(now),
                to_db(now + ttl),
            ),
        )
        return token

    def issue_many(
        self,
        person_id: int,
        buttons: list[tuple[str, dict[str, Any]]],
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> list[str]:
        return [self.issue(person_id, action, args, now, ttl) for action, args in buttons]

    def lookup(self, token: str, now: datetime) -> Callback | None:
        if not token or len(token) > 64:
            return None
        row = self._c.execute("SELECT * FROM callbacks WHERE token = ?", (token,)).fetchone()
        if row is None:
            return None
        return Callback(
            row["token"],
            row["person_id"],
            row["action"],
            json.loads(row["args"]),
            row["used_at"] is not None,
            from_db(row["expires_at"]) <= now,
        )

    def mark_used(self, token: str, now: datetime) -> bool:
        """Mark a token used; False if it already was (a second press of a one-shot button)."""
        cur = self._c.execute(
            "UPDATE callbacks SET used_at = ? WHERE token = ? AND used_at IS NULL",
            (to_db(now), token),
        )
        return cur.rowcount == 1

    def purge_expired(self, now: datetime) -> int:
        return self._c.execute(
            "DELETE FROM callbacks WHERE expires_at <= ?", (to_db(now),)
        ).rowcount

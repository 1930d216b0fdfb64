"""Callbacks on PostgreSQL (the SQLite twin: storage/sqlite/callbacks.py)."""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from typing import Any

import psycopg

from storage.callbacks import DEFAULT_TTL, TOKEN_BYTES, Callback
from storage.timefmt import from_db, to_db

_INSERT = (
    "INSERT INTO callbacks (token, person_id, action, args, created_at, expires_at)"
    " VALUES (%s, %s, %s, %s, %s, %s)"
)


class PgCallbacks:
    """Callbacks on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    @staticmethod
    def _row(
        person_id: int, action: str, args: dict[str, Any], now: datetime, ttl: timedelta
    ) -> tuple[Any, ...]:
        return (
            secrets.token_urlsafe(TOKEN_BYTES),
            person_id,
            action,
            json.dumps(args, ensure_ascii=False, default=str),
            to_db(now),
            to_db(now + ttl),
        )

    def issue(
        self,
        person_id: int,
        action: str,
        args: dict[str, Any],
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> str:
        row = self._row(person_id, action, args, now, ttl)
        self._c.execute(_INSERT, row)
        return str(row[0])

    def issue_many(
        self,
        person_id: int,
        buttons: list[tuple[str, dict[str, Any]]],
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> list[str]:
        """One token per button, written in one pipelined batch (a reply's buttons: one round
        trip, not one per button)."""
        rows = [self._row(person_id, action, args, now, ttl) for action, args in buttons]
        if rows:
            with self._c.cursor() as cur:
                cur.executemany(_INSERT, rows)
        return [str(r[0]) for r in rows]

    def lookup(self, token: str, now: datetime) -> Callback | None:
        if not token or len(token) > 64:
            return None
        row = self._c.execute(
            "SELECT token, person_id, action, args, used_at, expires_at FROM callbacks"
            " WHERE token = %s",
            (token,),
        ).fetchone()
        if row is None:
            return None
        return Callback(row[0], row[1], row[2], json.loads(row[3]), row[4] is not None,
                        from_db(row[5]) <= now)  # fmt: skip

    def mark_used(self, token: str, now: datetime) -> bool:
        """Mark a token used; False if it already was (a second press of a one-shot button)."""
        cur = self._c.execute(
            "UPDATE callbacks SET used_at = %s WHERE token = %s AND used_at IS NULL",
            (to_db(now), token),
        )
        return cur.rowcount == 1

    def purge_expired(self, now: datetime) -> int:
        return self._c.execute(
            "DELETE FROM callbacks WHERE expires_at <= %s", (to_db(now),)
        ).rowcount

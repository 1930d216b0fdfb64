"""Button tokens: the short opaque ids that stand for (person, action, args) on the server.

A platform only ever sees the token (Telegram allows 64 bytes of callback data), so a client can
neither read nor forge the action behind a button, and a token pressed by anyone but the person
it was made for is refused.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.timefmt import from_db, to_db

TOKEN_BYTES = 9  # 12 url-safe characters
DEFAULT_TTL = timedelta(days=30)


@dataclass(frozen=True)
class Callback:
    token: str
    person_id: int
    action: str
    args: dict[str, Any]
    used: bool
    expired: bool


def issue(
    conn: sqlite3.Connection,
    person_id: int,
    action: str,
    args: dict[str, Any],
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    conn.execute(
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
    conn: sqlite3.Connection,
    person_id: int,
    buttons: list[tuple[str, dict[str, Any]]],
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> list[str]:
    return [issue(conn, person_id, action, args, now, ttl) for action, args in buttons]


def lookup(conn: sqlite3.Connection, token: str, now: datetime) -> Callback | None:
    if not token or len(token) > 64:
        return None
    row = conn.execute("SELECT * FROM callbacks WHERE token = ?", (token,)).fetchone()
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


def mark_used(conn: sqlite3.Connection, token: str, now: datetime) -> bool:
    """Mark a token used; False if it already was (a second press of a one-shot button)."""
    cur = conn.execute(
        "UPDATE callbacks SET used_at = ? WHERE token = ? AND used_at IS NULL", (to_db(now), token)
    )
    return cur.rowcount == 1


def purge_expired(conn: sqlite3.Connection, now: datetime) -> int:
    return conn.execute("DELETE FROM callbacks WHERE expires_at <= ?", (to_db(now),)).rowcount

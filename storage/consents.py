"""Contacts' opt-outs: channels a contact must never be reached on, for good."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage import audit
from storage.audit import Actor
from storage.timefmt import to_db


def opt_out(
    conn: sqlite3.Connection,
    actor: Actor,
    contact_id: int,
    channel: str,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Record that a contact does not want to be reached on a channel, for good."""
    conn.execute(
        "INSERT INTO consents (contact_id, channel, opted_out_at, reason) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (contact_id, channel) DO NOTHING",
        (contact_id, channel, to_db(now), reason),
    )
    audit.record(
        conn,
        actor,
        "contact",
        contact_id,
        "opt_out",
        after={"channel": channel},
        reason=reason,
        at=now,
    )


def opted_out_channels(conn: sqlite3.Connection, contact_id: int) -> set[str]:
    rows = conn.execute("SELECT channel FROM consents WHERE contact_id = ?", (contact_id,))
    return {r[0] for r in rows}

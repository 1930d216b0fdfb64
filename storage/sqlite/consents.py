"""The SQLite SQL of storage/consents.py's repository: SqliteConsents on one connection.

The records it returns live in storage/consents.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.audit import Actor
from storage.sqlite.audit import SqliteAudit
from storage.timefmt import to_db


class SqliteConsents:
    """Consents on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def opt_out(
        self, actor: Actor, contact_id: int, channel: str, now: datetime, reason: str | None = None
    ) -> None:
        """Record that a contact does not want to be reached on a channel, for good."""
        self._c.execute(
            "INSERT INTO consents (contact_id, channel, opted_out_at, reason) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (contact_id, channel) DO NOTHING",
            (contact_id, channel, to_db(now), reason),
        )
        SqliteAudit(self._c).record(
            actor,
            "contact",
            contact_id,
            "opt_out",
            after={"channel": channel},
            reason=reason,
            at=now,
        )

    def opted_out_channels(self, contact_id: int) -> set[str]:
        rows = self._c.execute("SELECT channel FROM consents WHERE contact_id = ?", (contact_id,))
        return {r[0] for r in rows}

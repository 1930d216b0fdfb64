"""Contacts' opt-outs on PostgreSQL (the SQLite twin: storage/sqlite/consents.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.postgres.audit import PgAudit
from storage.timefmt import to_db


class PgConsents:
    """Consents on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def opt_out(
        self, actor: Actor, contact_id: int, channel: str, now: datetime, reason: str | None = None
    ) -> None:
        """Record that a contact does not want to be reached on a channel, for good."""
        self._c.execute(
            "INSERT INTO consents (contact_id, channel, opted_out_at, reason)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (contact_id, channel) DO NOTHING",
            (contact_id, channel, to_db(now), reason),
        )
        PgAudit(self._c).record(
            actor,
            "contact",
            contact_id,
            "opt_out",
            after={"channel": channel},
            reason=reason,
            at=now,
        )

    def opted_out_channels(self, contact_id: int) -> set[str]:
        rows = self._c.execute("SELECT channel FROM consents WHERE contact_id = %s", (contact_id,))
        return {r[0] for r in rows}

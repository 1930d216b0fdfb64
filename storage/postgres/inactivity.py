"""Inactivity on PostgreSQL (the SQLite twin: storage/sqlite/inactivity.py).

SQLite's two-argument max() on text is GREATEST here, comparing bytes (COLLATE "C") as SQLite
does; both arguments are never NULL (the timestamps are NOT NULL, the latest touch coalesced to
''), so GREATEST's skipping of NULLs never differs from SQLite's max().
"""

from __future__ import annotations

from typing import Any

import psycopg

from storage.inactivity import IdleAccount, IdleDeal
from storage.timefmt import from_db


class PgInactivity:
    """Inactivity on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def idle_deal_candidates(self) -> list[IdleDeal]:
        """Open deals with their stage's idle limit, last activity and whether a step is scheduled.

        Last activity is the latest of the stage change and the deal's last interaction. Whether
        a step is scheduled is one set of the active enrolments' deals, worked out once (a hashed
        subplan), as on SQLite, where the per-deal EXISTS scanned every enrolment for every open
        deal (`enrolments.deal_id` has no index).
        """
        rows = self._c.execute(
            "SELECT d.id, d.owner_id, d.title, a.name, s.idle_days,"
            ' GREATEST(d.stage_changed_at COLLATE "C", coalesce((SELECT max(i.occurred_at)'
            "   FROM interactions i WHERE i.deal_id = d.id), '')),"
            " d.id IN (SELECT e.deal_id FROM enrolments e"
            "   WHERE e.state = 'active' AND e.deal_id IS NOT NULL)"
            " FROM deals d JOIN accounts a ON a.id = d.account_id"
            " JOIN stages s ON s.key = d.stage_key WHERE d.status = 'open' ORDER BY d.id"
        )
        return [IdleDeal(r[0], r[1], r[2], r[3], r[4], from_db(r[5]), bool(r[6])) for r in rows]

    def idle_account_candidates(self) -> list[IdleAccount]:
        """Owned accounts with an inactivity limit, and their last interaction (or creation)."""
        rows = self._c.execute(
            "SELECT a.id, a.owner_id, a.name, a.idle_days,"
            ' GREATEST(a.created_at COLLATE "C", coalesce((SELECT max(i.occurred_at)'
            "   FROM interactions i WHERE i.account_id = a.id), ''))"
            " FROM accounts a WHERE a.idle_days IS NOT NULL AND a.owner_id IS NOT NULL"
            " ORDER BY a.id"
        )
        return [IdleAccount(r[0], r[1], r[2], r[3], from_db(r[4])) for r in rows]

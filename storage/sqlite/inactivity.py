"""The SQLite SQL of storage/inactivity.py's repository: SqliteInactivity on one connection.

The records it returns live in storage/inactivity.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3

from storage.inactivity import IdleAccount, IdleDeal
from storage.timefmt import from_db


class SqliteInactivity:
    """Inactivity on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def idle_deal_candidates(self) -> list[IdleDeal]:
        """Open deals with their stage's idle limit, last activity and whether a step is scheduled.

        Last activity is the latest of the stage change and the deal's last interaction. Whether
        a step is scheduled is one set of the active enrolments' deals, worked out once: asked
        per deal (a correlated EXISTS) it scanned every enrolment for every open deal, since
        `enrolments.deal_id` has no index (37.5k deals x 100k enrolments: ~6 minutes inside
        the hourly job's write transaction on the medium store).
        """
        rows = self._c.execute(
            "SELECT d.id, d.owner_id, d.title, a.name, s.idle_days,"
            " max(d.stage_changed_at, coalesce((SELECT max(i.occurred_at) FROM interactions i"
            "   WHERE i.deal_id = d.id), '')),"
            " d.id IN (SELECT e.deal_id FROM enrolments e"
            "   WHERE e.state = 'active' AND e.deal_id IS NOT NULL)"
            " FROM deals d JOIN accounts a ON a.id = d.account_id"
            " JOIN stages s ON s.key = d.stage_key WHERE d.status = 'open'"
        )
        return [IdleDeal(r[0], r[1], r[2], r[3], r[4], from_db(r[5]), bool(r[6])) for r in rows]

    def idle_account_candidates(self) -> list[IdleAccount]:
        """Owned accounts with an inactivity limit, and their last interaction (or creation)."""
        rows = self._c.execute(
            "SELECT a.id, a.owner_id, a.name, a.idle_days,"
            " max(a.created_at, coalesce((SELECT max(i.occurred_at) FROM interactions i"
            "   WHERE i.account_id = a.id), ''))"
            " FROM accounts a WHERE a.idle_days IS NOT NULL AND a.owner_id IS NOT NULL"
        )
        return [IdleAccount(r[0], r[1], r[2], r[3], from_db(r[4])) for r in rows]

"""Open deals and owned accounts with their last activity: what the inactivity alerts weigh."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.timefmt import from_db


@dataclass(frozen=True)
class IdleDeal:
    deal_id: int
    owner_id: int
    title: str
    account: str
    idle_days: int | None
    last_activity: datetime
    has_next_step: bool


@dataclass(frozen=True)
class IdleAccount:
    account_id: int
    owner_id: int
    account: str
    idle_days: int
    last_activity: datetime


def idle_deal_candidates(conn: sqlite3.Connection) -> list[IdleDeal]:
    """Open deals with their stage's idle limit, last activity and whether a step is scheduled.

    Last activity is the latest of the stage change and the deal's last interaction.
    """
    rows = conn.execute(
        "SELECT d.id, d.owner_id, d.title, a.name, s.idle_days,"
        " max(d.stage_changed_at, coalesce((SELECT max(i.occurred_at) FROM interactions i"
        "   WHERE i.deal_id = d.id), '')),"
        " EXISTS (SELECT 1 FROM enrolments e WHERE e.deal_id = d.id AND e.state = 'active')"
        " FROM deals d JOIN accounts a ON a.id = d.account_id"
        " JOIN stages s ON s.key = d.stage_key WHERE d.status = 'open'"
    )
    return [IdleDeal(r[0], r[1], r[2], r[3], r[4], from_db(r[5]), bool(r[6])) for r in rows]


def idle_account_candidates(conn: sqlite3.Connection) -> list[IdleAccount]:
    """Owned accounts with an inactivity limit, and their last interaction (or creation)."""
    rows = conn.execute(
        "SELECT a.id, a.owner_id, a.name, a.idle_days,"
        " max(a.created_at, coalesce((SELECT max(i.occurred_at) FROM interactions i"
        "   WHERE i.account_id = a.id), ''))"
        " FROM accounts a WHERE a.idle_days IS NOT NULL AND a.owner_id IS NOT NULL"
    )
    return [IdleAccount(r[0], r[1], r[2], r[3], from_db(r[4])) for r in rows]

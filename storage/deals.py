"""Deals: stage, amount, close date and status, with every change kept in deal_changes."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import date, datetime

from storage import audit
from storage.audit import Actor
from storage.errors import ConstraintError
from storage.timefmt import date_to_db, to_db

LOST_REASONS = (
    "price",
    "competitor",
    "no_budget",
    "no_decision",
    "timing",
    "lost_contact",
    "other",
)


@dataclass(frozen=True)
class Deal:
    id: int
    account_id: int
    owner_id: int
    title: str
    stage_key: str
    amount: float
    currency: str
    close_date: str | None
    status: str
    lost_reason: str | None


_COLS = (
    "id, account_id, owner_id, title, stage_key, amount, currency, close_date, status, lost_reason"
)


def _deal(row: sqlite3.Row) -> Deal:
    return Deal(*(row[c] for c in _COLS.split(", ")))


def get_deal(conn: sqlite3.Connection, deal_id: int) -> Deal | None:
    row = conn.execute(f"SELECT {_COLS} FROM deals WHERE id = ?", (deal_id,)).fetchone()
    return _deal(row) if row else None


def deals_of_account(conn: sqlite3.Connection, account_id: int) -> list[Deal]:
    rows = conn.execute(
        f"SELECT {_COLS} FROM deals WHERE account_id = ? ORDER BY id", (account_id,)
    )
    return [_deal(r) for r in rows]


def create_deal(
    conn: sqlite3.Connection,
    *,
    account_id: int,
    owner_id: int,
    title: str,
    stage_key: str,
    amount: float,
    actor: Actor,
    now: datetime,
    currency: str = "BRL",
    close_date: date | None = None,
    status: str = "open",
    lost_reason: str | None = None,
) -> Deal:
    cur = conn.execute(
        "INSERT INTO deals (account_id, owner_id, title, stage_key, amount, currency, close_date,"
        " status, lost_reason, stage_changed_at, closed_at, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            account_id,
            owner_id,
            title.strip(),
            stage_key,
            amount,
            currency,
            date_to_db(close_date),
            status,
            lost_reason,
            to_db(now),
            to_db(now) if status != "open" else None,
            to_db(now),
            to_db(now),
        ),
    )
    deal = get_deal(conn, cur.lastrowid)
    assert deal is not None
    conn.execute(
        "INSERT INTO deal_changes (deal_id, at, to_stage, to_status, amount, actor)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (deal.id, to_db(now), stage_key, status, amount, actor.label),
    )
    audit.record(conn, actor, "deal", deal.id, "create", after=asdict(deal), at=now)
    return deal


def update_deal(
    conn: sqlite3.Connection,
    deal_id: int,
    *,
    actor: Actor,
    now: datetime,
    reason: str | None = None,
    **changes: object,
) -> Deal:
    """Change a deal's stage/status/amount/close date; stage and status moves are journaled.

    Raises:
        ConstraintError: the deal does not exist or a value breaks a schema rule.
    """
    allowed = {
        "stage_key",
        "amount",
        "currency",
        "close_date",
        "status",
        "lost_reason",
        "title",
        "owner_id",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ConstraintError(f"cannot change {', '.join(sorted(unknown))} on a deal")
    before = get_deal(conn, deal_id)
    if before is None:
        raise ConstraintError(f"no deal with id {deal_id}")
    values = {k: (date_to_db(v) if isinstance(v, date) else v) for k, v in changes.items()}
    if values.get("status") in ("won", "lost") and before.status == "open":
        values["closed_at"] = to_db(now)
    if "stage_key" in values and values["stage_key"] != before.stage_key:
        values["stage_changed_at"] = to_db(now)
    values["updated_at"] = to_db(now)
    assignments = ", ".join(f"{k} = ?" for k in values)
    conn.execute(f"UPDATE deals SET {assignments} WHERE id = ?", [*values.values(), deal_id])
    after = get_deal(conn, deal_id)
    assert after is not None
    if after.stage_key != before.stage_key or after.status != before.status:
        conn.execute(
            "INSERT INTO deal_changes (deal_id, at, from_stage, to_stage, from_status, to_status,"
            " amount, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                deal_id,
                to_db(now),
                before.stage_key,
                after.stage_key,
                before.status,
                after.status,
                after.amount,
                actor.label,
            ),
        )
    audit.record(
        conn,
        actor,
        "deal",
        deal_id,
        "update",
        before=asdict(before),
        after=asdict(after),
        reason=reason,
        at=now,
    )
    return after

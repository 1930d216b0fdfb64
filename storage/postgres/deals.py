"""Deals on PostgreSQL (the SQLite twin: storage/sqlite/deals.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.deals import _COLS, Deal
from storage.postgres.audit import PgAudit
from storage.timefmt import date_to_db, to_db


class PgDeals:
    """Deals on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def __getattr__(self, name: str) -> Any:
        raise NotImplementedError(f"PgDeals.{name} is not ported to PostgreSQL yet")

    def get_deal(self, deal_id: int) -> Deal | None:
        row = self._c.execute(f"SELECT {_COLS} FROM deals WHERE id = %s", (deal_id,)).fetchone()
        return Deal(*row) if row else None

    def deals_of_account(self, account_id: int) -> list[Deal]:
        rows = self._c.execute(
            f"SELECT {_COLS} FROM deals WHERE account_id = %s ORDER BY id", (account_id,)
        )
        return [Deal(*r) for r in rows]

    def create_deal(
        self,
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
        row = self._c.execute(
            "INSERT INTO deals (account_id, owner_id, title, stage_key, amount, currency,"
            " close_date, status, lost_reason, stage_changed_at, closed_at, created_at,"
            " updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            f" RETURNING {_COLS}",
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
        ).fetchone()
        assert row is not None
        deal = Deal(*row)
        self._c.execute(
            "INSERT INTO deal_changes (deal_id, at, to_stage, to_status, amount, actor)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            (deal.id, to_db(now), stage_key, status, amount, actor.label),
        )
        PgAudit(self._c).record(actor, "deal", deal.id, "create", after=asdict(deal), at=now)
        return deal

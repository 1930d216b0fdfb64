"""Deals on PostgreSQL (the SQLite twin: storage/sqlite/deals.py)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

import psycopg

from storage import books, labels
from storage.audit import Actor
from storage.deals import _COLS, Deal, DealRow, Forecast, OwnerForecast, OwnerTotal, StageTotal
from storage.errors import ConstraintError
from storage.postgres import labels as _labels_sql
from storage.postgres.audit import PgAudit
from storage.postgres.books import pg
from storage.postgres.hot import HotCursor
from storage.timefmt import date_to_db, to_db

# A deal's last touch is its owner's latest at the account (or one logged on the deal itself):
# the same to everyone who may see the deal, and never another rep's visit.
_TOUCH = pg(books.last_touch(books.OwnerOf("d.owner_id"), "d.account_id")[0])

_ROW = (
    "SELECT d.id, d.title, a.id, a.name, p.id, p.name, s.key, s.label_pt, s.label_en,"
    " s.probability, d.amount, d.currency, d.close_date, d.status,"
    f" {_TOUCH} AS last_touch FROM deals d JOIN accounts a ON a.id = d.account_id"
    " JOIN people p ON p.id = d.owner_id JOIN stages s ON s.key = d.stage_key"
)


class PgDeals:
    """Deals on a PostgreSQL connection."""

    __slots__ = ("_c", "_hot")

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn
        self._hot = HotCursor(conn)  # only_open_deal: every log reads it

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

    def update_deal(
        self,
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
        before = self.get_deal(deal_id)
        if before is None:
            raise ConstraintError(f"no deal with id {deal_id}")
        values = {k: (date_to_db(v) if isinstance(v, date) else v) for k, v in changes.items()}
        if values.get("status") in ("won", "lost") and before.status == "open":
            values["closed_at"] = to_db(now)
        if "stage_key" in values and values["stage_key"] != before.stage_key:
            values["stage_changed_at"] = to_db(now)
        values["updated_at"] = to_db(now)
        assignments = ", ".join(f"{k} = %s" for k in values)
        row = self._c.execute(
            f"UPDATE deals SET {assignments} WHERE id = %s RETURNING {_COLS}",
            [*values.values(), deal_id],
        ).fetchone()
        assert row is not None
        after = Deal(*row)
        if after.stage_key != before.stage_key or after.status != before.status:
            self._c.execute(
                "INSERT INTO deal_changes (deal_id, at, from_stage, to_stage, from_status,"
                " to_status, amount, actor) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
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
        PgAudit(self._c).record(
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

    def pipeline_by_stage(
        self, owner_ids: list[int] | None, stage_key: str | None = None
    ) -> list[StageTotal]:
        """Open deals per stage (every stage listed, empty ones with zeros), in pipeline order."""
        clause, params = books.deals(owner_ids)
        only = " WHERE s.key = %s" if stage_key else ""
        rows = self._c.execute(
            "SELECT s.key, s.label_pt, s.label_en, s.probability, count(d.id),"
            " coalesce(sum(d.amount), 0), coalesce(sum(d.amount * s.probability), 0)"
            " FROM stages s LEFT JOIN deals d ON d.stage_key = s.key AND d.status = 'open'"
            f" AND {pg(clause)}{only} GROUP BY s.key ORDER BY s.position",
            [*params, *([stage_key] if stage_key else [])],
        ).fetchall()
        found = _labels_sql.load(self._c)
        return [
            StageTotal(
                r[0], r[1], r[2], r[3], int(r[4]), float(r[5]), float(r[6]),
                labels.others(found, "stage", r[0]),
            )
            for r in rows
        ]  # fmt: skip

    def pipeline_by_owner(self, owner_ids: list[int] | None) -> list[OwnerTotal]:
        """Open pipeline per rep, biggest weighted first (a manager's per-rep breakdown)."""
        clause, params = books.deals(owner_ids)
        rows = self._c.execute(
            "SELECT p.id, p.name, count(d.id), coalesce(sum(d.amount), 0),"
            " coalesce(sum(d.amount * s.probability), 0) FROM deals d"
            " JOIN stages s ON s.key = d.stage_key JOIN people p ON p.id = d.owner_id"
            f" WHERE d.status = 'open' AND {pg(clause)} GROUP BY p.id"
            ' ORDER BY 5 DESC, p.name COLLATE "C", p.id',
            params,
        )
        return [OwnerTotal(r[0], r[1], int(r[2]), float(r[3]), float(r[4])) for r in rows]

    def main_currency(self, owner_ids: list[int] | None) -> str:
        """The currency most of these deals are in (what totals are shown in)."""
        clause, params = books.deals(owner_ids)
        row = self._c.execute(
            f"SELECT currency FROM deals d WHERE {pg(clause)} GROUP BY currency"
            ' ORDER BY count(*) DESC, currency COLLATE "C" LIMIT 1',
            params,
        ).fetchone()
        return str(row[0]) if row else "BRL"

    def deal_rows(
        self,
        owner_ids: list[int] | None,
        *,
        account_id: int | None = None,
        status: str | None = "open",
        close_from: date | None = None,
        close_to: date | None = None,
        idle_since: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[DealRow]:
        """Deals in the asker's book, filtered; `idle_since` (a UTC timestamp) keeps only deals
        their owner has not touched since then (stalled; see _TOUCH). The order ends on the id so
        that pages (`offset`) neither repeat nor skip a deal."""
        clause, params = books.deals(owner_ids)
        where = [pg(clause)]
        if status:
            where.append("d.status = %s")
            params.append(status)
        if account_id is not None:
            where.append("d.account_id = %s")
            params.append(account_id)
        if close_from is not None and close_to is not None:
            where.append("d.close_date BETWEEN %s AND %s")
            params += [close_from.isoformat(), close_to.isoformat()]
        sql = f"{_ROW} WHERE {' AND '.join(where)}"
        if idle_since is not None:
            # ORDER BY 1: the deal's id, by position (the row has three columns named id);
            # never-touched deals first, as SQLite sorts NULLs.
            sql = (
                f"SELECT * FROM ({sql}) AS r WHERE coalesce(last_touch, '') < %s"
                ' ORDER BY last_touch COLLATE "C" NULLS FIRST, 1'
            )
            params.append(idle_since)
        elif close_from is not None:
            sql += " ORDER BY d.close_date, d.amount DESC, d.id"
        else:
            sql += " ORDER BY d.amount DESC, d.id"
        rows = self._c.execute(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset]).fetchall()
        found = _labels_sql.load(self._c)
        return [
            replace(DealRow(*r), stage_others=labels.others(found, "stage", r[6])) for r in rows
        ]

    def count_deals(
        self,
        owner_ids: list[int] | None,
        *,
        close_from: date | None = None,
        close_to: date | None = None,
        idle_since: str | None = None,
    ) -> tuple[int, float]:
        """How many open deals match, and their total amount (for "and N more")."""
        clause, params = books.deals(owner_ids)
        sql = (
            f"SELECT d.amount, d.account_id FROM deals d WHERE d.status = 'open' AND {pg(clause)}"
        )
        if close_from is not None and close_to is not None:
            sql += " AND d.close_date BETWEEN %s AND %s"
            params += [close_from.isoformat(), close_to.isoformat()]
        if idle_since is not None:
            sql += f" AND coalesce({_TOUCH}, '') < %s"
            params.append(idle_since)
        row = self._c.execute(
            f"SELECT count(*), coalesce(sum(amount), 0) FROM ({sql}) AS r", params
        ).fetchone()
        assert row is not None
        return int(row[0]), float(row[1])

    def forecast_by_owner(
        self, owner_ids: list[int] | None, start: date, end: date, commit_probability: float = 0.7
    ) -> list[OwnerForecast]:
        """Forecast per rep for deals closing (or won) in [start, end]."""
        clause, params = books.deals(owner_ids)
        s, e = start.isoformat(), end.isoformat()
        in_period = "d.status = 'open' AND d.close_date BETWEEN %s AND %s"
        won = "d.status = 'won' AND substr(d.closed_at, 1, 10) BETWEEN %s AND %s"
        rows = self._c.execute(
            f"SELECT p.id, p.name,"
            f" sum(CASE WHEN {won} THEN d.amount ELSE 0 END),"
            f" sum(CASE WHEN {in_period} THEN d.amount * s.probability ELSE 0 END),"
            f" sum(CASE WHEN {in_period} AND s.probability >= %s THEN d.amount ELSE 0 END),"
            f" sum(CASE WHEN {in_period} THEN d.amount ELSE 0 END),"
            f" count(*) FILTER (WHERE {in_period})"
            f" FROM deals d JOIN stages s ON s.key = d.stage_key JOIN people p ON p.id = d.owner_id"
            f" WHERE {pg(clause)} AND (({in_period}) OR ({won})) GROUP BY p.id"
            ' ORDER BY p.name COLLATE "C", p.id',
            [s, e, s, e, s, e, commit_probability, s, e, s, e, *params, s, e, s, e],
        )
        out = []
        for pid, name, w, weighted, committed, open_amount, n in rows:
            w, weighted, committed, open_amount = (
                float(w), float(weighted), float(committed), float(open_amount)
            )  # fmt: skip
            out.append(
                OwnerForecast(
                    pid, name, Forecast(w, w + weighted, w + committed, w + open_amount, int(n))
                )
            )
        return out

    def latest_open_deal(self, account_id: int, owner_id: int) -> Deal | None:
        """The owner's most recently touched open deal at an account (where a said amount goes)."""
        row = self._c.execute(
            f"SELECT {_COLS} FROM deals WHERE account_id = %s AND owner_id = %s AND"
            " status = 'open' ORDER BY updated_at DESC, id DESC LIMIT 1",
            (account_id, owner_id),
        ).fetchone()
        return Deal(*row) if row else None

    def only_open_deal(self, account_id: int, owner_id: int) -> int | None:
        """The id of the owner's one open deal at an account; None when they have none or several
        (a log can't tell which of several it is about)."""
        rows = self._hot.all(
            "SELECT id FROM deals WHERE account_id = %s AND owner_id = %s AND status = 'open'"
            " LIMIT 2",
            (account_id, owner_id),
        )
        return int(rows[0][0]) if len(rows) == 1 else None

    def is_open_in_book(self, deal_id: int, owner_ids: list[int] | None) -> bool:
        """Whether a deal is still open and owned inside this book (checked again on confirm)."""
        clause, params = books.deals(owner_ids)
        row = self._c.execute(
            f"SELECT 1 FROM deals d WHERE d.id = %s AND d.status = 'open' AND {pg(clause)}",
            [deal_id, *params],
        ).fetchone()
        return row is not None

"""Deals: stage, amount, close date and status, with every change kept in deal_changes."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

from storage import audit, books, labels
from storage.audit import Actor
from storage.errors import ConstraintError
from storage.rowids import inserted_id
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
    deal = get_deal(conn, inserted_id(cur))
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


# --- what the conversation asks about a book of deals (pipeline, forecast, closing, stalled) ---
# Every query takes `owner_ids` from people.visible_owner_ids: the book the asker may see
# (None: everyone's). Visibility lives in storage.books, in the WHERE clause, never in the
# rendering.


@dataclass(frozen=True)
class StageTotal:
    key: str
    label_pt: str
    label_en: str
    probability: float
    count: int
    amount: float
    weighted: float
    # Labels beyond pt-BR and English, from the labels table as the stage list reads them.
    others: tuple[tuple[str, str], ...] = ()

    def label(self, locale: str) -> str:
        return labels.pick(locale, self.label_pt, self.label_en, self.others)


def pipeline_by_stage(
    conn: sqlite3.Connection, owner_ids: list[int] | None, stage_key: str | None = None
) -> list[StageTotal]:
    """Open deals per stage (every stage listed, empty ones with zeros), in pipeline order."""
    clause, params = books.deals(owner_ids)
    only = " WHERE s.key = ?" if stage_key else ""
    rows = conn.execute(
        "SELECT s.key, s.label_pt, s.label_en, s.probability, count(d.id),"
        " coalesce(sum(d.amount), 0), coalesce(sum(d.amount * s.probability), 0)"
        f" FROM stages s LEFT JOIN deals d ON d.stage_key = s.key AND d.status = 'open'"
        f" AND {clause}{only} GROUP BY s.key ORDER BY s.position",
        [*params, *([stage_key] if stage_key else [])],
    )
    found = labels.load(conn)
    return [replace(StageTotal(*r), others=labels.others(found, "stage", r[0])) for r in rows]


@dataclass(frozen=True)
class OwnerTotal:
    owner_id: int
    name: str
    count: int
    amount: float
    weighted: float


def pipeline_by_owner(conn: sqlite3.Connection, owner_ids: list[int] | None) -> list[OwnerTotal]:
    """Open pipeline per rep, biggest weighted first (a manager's per-rep breakdown)."""
    clause, params = books.deals(owner_ids)
    rows = conn.execute(
        "SELECT p.id, p.name, count(d.id), coalesce(sum(d.amount), 0),"
        " coalesce(sum(d.amount * s.probability), 0) FROM deals d"
        " JOIN stages s ON s.key = d.stage_key JOIN people p ON p.id = d.owner_id"
        f" WHERE d.status = 'open' AND {clause} GROUP BY p.id ORDER BY 5 DESC, p.name",
        params,
    )
    return [OwnerTotal(*r) for r in rows]


def main_currency(conn: sqlite3.Connection, owner_ids: list[int] | None) -> str:
    """The currency most of these deals are in (what totals are shown in)."""
    clause, params = books.deals(owner_ids)
    row = conn.execute(
        f"SELECT currency FROM deals d WHERE {clause} GROUP BY currency"
        " ORDER BY count(*) DESC LIMIT 1",
        params,
    ).fetchone()
    return row[0] if row else "BRL"


@dataclass(frozen=True)
class DealRow:
    """A deal with what answers show beside it: account, owner, stage and last touch."""

    id: int
    title: str
    account_id: int
    account_name: str
    owner_id: int
    owner_name: str
    stage_key: str
    stage_pt: str
    stage_en: str
    probability: float
    amount: float
    currency: str
    close_date: str | None
    status: str
    last_touch: str | None
    # Stage labels beyond pt-BR and English, from the labels table as the stage list reads them.
    stage_others: tuple[tuple[str, str], ...] = ()

    def stage_label(self, locale: str) -> str:
        return labels.pick(locale, self.stage_pt, self.stage_en, self.stage_others)


# A deal's last touch is its owner's latest at the account (or one logged on the deal itself):
# the same to everyone who may see the deal, and never another rep's visit.
_TOUCH = books.last_touch(books.OwnerOf("d.owner_id"), "d.account_id")[0]
_ROW = (
    "SELECT d.id, d.title, a.id, a.name, p.id, p.name, s.key, s.label_pt, s.label_en,"
    " s.probability, d.amount, d.currency, d.close_date, d.status,"
    f" {_TOUCH} AS last_touch FROM deals d JOIN accounts a ON a.id = d.account_id"
    " JOIN people p ON p.id = d.owner_id JOIN stages s ON s.key = d.stage_key"
)


def deal_rows(
    conn: sqlite3.Connection,
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
    where = [clause]
    if status:
        where.append("d.status = ?")
        params.append(status)
    if account_id is not None:
        where.append("d.account_id = ?")
        params.append(account_id)
    if close_from is not None and close_to is not None:
        where.append("d.close_date BETWEEN ? AND ?")
        params += [close_from.isoformat(), close_to.isoformat()]
    sql = f"{_ROW} WHERE {' AND '.join(where)}"
    if idle_since is not None:
        # ORDER BY 1: the deal's id, by position (the row has three columns named id).
        sql = f"SELECT * FROM ({sql}) WHERE coalesce(last_touch, '') < ? ORDER BY last_touch, 1"
        params.append(idle_since)
    elif close_from is not None:
        sql += " ORDER BY d.close_date, d.amount DESC, d.id"
    else:
        sql += " ORDER BY d.amount DESC, d.id"
    rows = conn.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    found = labels.load(conn)
    return [replace(DealRow(*r), stage_others=labels.others(found, "stage", r[6])) for r in rows]


def count_deals(
    conn: sqlite3.Connection,
    owner_ids: list[int] | None,
    *,
    close_from: date | None = None,
    close_to: date | None = None,
    idle_since: str | None = None,
) -> tuple[int, float]:
    """How many open deals match, and their total amount (for "and N more")."""
    clause, params = books.deals(owner_ids)
    sql = f"SELECT d.amount, d.account_id FROM deals d WHERE d.status = 'open' AND {clause}"
    if close_from is not None and close_to is not None:
        sql += " AND d.close_date BETWEEN ? AND ?"
        params += [close_from.isoformat(), close_to.isoformat()]
    if idle_since is not None:
        sql += f" AND coalesce({_TOUCH}, '') < ?"
        params.append(idle_since)
    row = conn.execute(
        f"SELECT count(*), coalesce(sum(amount), 0) FROM ({sql})", params
    ).fetchone()
    return int(row[0]), float(row[1])


@dataclass(frozen=True)
class Forecast:
    """Money expected in a period: `weighted` by stage probability, `committed` counting only
    late stages, `best_case` counting every open deal; each includes what was already won."""

    won: float = 0.0
    weighted: float = 0.0
    committed: float = 0.0
    best_case: float = 0.0
    open_count: int = 0


@dataclass(frozen=True)
class OwnerForecast:
    owner_id: int
    name: str
    forecast: Forecast


def forecast_by_owner(
    conn: sqlite3.Connection,
    owner_ids: list[int] | None,
    start: date,
    end: date,
    commit_probability: float = 0.7,
) -> list[OwnerForecast]:
    """Forecast per rep for deals closing (or won) in [start, end]."""
    clause, params = books.deals(owner_ids)
    s, e = start.isoformat(), end.isoformat()
    in_period = "d.status = 'open' AND d.close_date BETWEEN ? AND ?"
    won = "d.status = 'won' AND substr(d.closed_at, 1, 10) BETWEEN ? AND ?"
    rows = conn.execute(
        f"SELECT p.id, p.name,"
        f" sum(CASE WHEN {won} THEN d.amount ELSE 0 END),"
        f" sum(CASE WHEN {in_period} THEN d.amount * s.probability ELSE 0 END),"
        f" sum(CASE WHEN {in_period} AND s.probability >= ? THEN d.amount ELSE 0 END),"
        f" sum(CASE WHEN {in_period} THEN d.amount ELSE 0 END),"
        f" sum(CASE WHEN {in_period} THEN 1 ELSE 0 END)"
        f" FROM deals d JOIN stages s ON s.key = d.stage_key JOIN people p ON p.id = d.owner_id"
        f" WHERE {clause} AND (({in_period}) OR ({won})) GROUP BY p.id ORDER BY p.name",
        [s, e, s, e, s, e, commit_probability, s, e, s, e, *params, s, e, s, e],
    )
    out = []
    for pid, name, w, weighted, committed, open_amount, n in rows:
        out.append(
            OwnerForecast(
                pid, name, Forecast(w, w + weighted, w + committed, w + open_amount, int(n))
            )
        )
    return out


def total_forecast(parts: list[OwnerForecast]) -> Forecast:
    return Forecast(
        *(
            sum(getattr(p.forecast, f) for p in parts)
            for f in ("won", "weighted", "committed", "best_case", "open_count")
        )
    )


def latest_open_deal(conn: sqlite3.Connection, account_id: int, owner_id: int) -> Deal | None:
    """The owner's most recently touched open deal at an account (where a said amount goes)."""
    row = conn.execute(
        "SELECT id FROM deals WHERE account_id = ? AND owner_id = ? AND"
        " status = 'open' ORDER BY updated_at DESC, id DESC LIMIT 1",
        (account_id, owner_id),
    ).fetchone()
    return get_deal(conn, row[0]) if row else None


def only_open_deal(conn: sqlite3.Connection, account_id: int, owner_id: int) -> int | None:
    """The id of the owner's one open deal at an account; None when they have none or several
    (a log can't tell which of several it is about)."""
    rows = conn.execute(
        "SELECT id FROM deals WHERE account_id = ? AND owner_id = ? AND status = 'open' LIMIT 2",
        (account_id, owner_id),
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def is_open_in_book(conn: sqlite3.Connection, deal_id: int, owner_ids: list[int] | None) -> bool:
    """Whether a deal is still open and owned inside this book (checked again on confirm)."""
    clause, params = books.deals(owner_ids)
    row = conn.execute(
        f"SELECT 1 FROM deals d WHERE d.id = ? AND d.status = 'open' AND {clause}",
        [deal_id, *params],
    ).fetchone()
    return row is not None

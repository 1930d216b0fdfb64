"""Bulk import and export on PostgreSQL (the SQLite twin: storage/sqlite/transfer.py).

The same plan written the same way, with PostgreSQL's bulk paths: new rows go in with COPY
(one stream, not a statement per row), their ids reserved up front from the tables' identity
sequences (so the sequences stay ahead of them and other processes never collide with an
import), and the updates and their audit rows are pipelined (sent without waiting for each
answer). SQLite's two tricks are left out on purpose: dropping secondary indexes for a big
load takes an ACCESS EXCLUSIVE lock that would stop every other process reading the table for
the whole import, and the page cache setting has no PostgreSQL counterpart per connection.
(One big-import exception, where the alternative is quadratic: see _copy.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from storage.audit import Actor
from storage.text import fold, name_key
from storage.timefmt import to_db
from storage.transfer import _ACCOUNT_COLS, Applied, Change, Row

Conn = psycopg.Connection[Any]

_CONTACT_COLS = ("account_id", "email", "phone", "role")


_DEAL_COLS = ("owner_id", "stage_key", "amount", "currency", "close_date", "status", "lost_reason")

_AUDIT_COLS = (
    "at",
    "actor_person_id",
    "actor",
    "entity",
    "entity_id",
    "action",
    "before",
    "after",
    "reason",
)


def _rows(conn: Conn, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    with conn.cursor(row_factory=dict_row) as cur:
        return list(cur.execute(sql, params))


def _reserve_ids(conn: Conn, table: str, count: int) -> list[int]:
    """`count` fresh ids from `table`'s identity sequence, in increasing order."""
    if not count:
        return []
    rows = conn.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        (table, count),
    ).fetchall()
    return sorted(r[0] for r in rows)


def _copy(conn: Conn, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """COPY the rows in. Into accounts, contacts or deals, the COPY is one statement for
    migration 0024's book_version trigger: one update of the counter, by the rows copied (the
    row triggers of 0013 made that one update per row: 20k accounts and contacts took 56 s,
    12.5 s without, so big imports used to turn the trigger off and add the count by hand)."""
    if not rows:
        return
    names = ", ".join(columns)
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _dump(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _object(pairs: Mapping[str, Any]) -> str:
    """What SQLite's json_object() writes for these pairs: compact, UTF-8 kept as it is."""
    return json.dumps(dict(pairs), ensure_ascii=False, separators=(",", ":"), default=str)


class _Audit:
    """Audit rows collected during an import and written with one COPY."""

    def __init__(self, actor: Actor, at: str, reason: str) -> None:
        self.actor, self.at, self.reason = actor, at, reason
        self.rows: list[tuple[Any, ...]] = []

    def add(
        self,
        entity: str,
        entity_id: int,
        action: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        *,
        raw_after: str | None = None,
    ) -> None:
        self.rows.append(
            (
                self.at,
                self.actor.person_id,
                self.actor.label,
                entity,
                str(entity_id),
                action,
                _dump(before),
                raw_after if raw_after is not None else _dump(after),
                self.reason,
            )
        )

    def created(self, entity: str, row_id: int, after: Mapping[str, Any]) -> None:
        """The audit row of a record just inserted (its `after` as SQLite's json_object)."""
        self.add(entity, row_id, "import", None, None, raw_after=_object(after))

    def flush(self, conn: Conn) -> None:
        _copy(conn, "audit_log", _AUDIT_COLS, self.rows)
        self.rows.clear()


def _insert_accounts(conn: Conn, rows: Sequence[Row], stamp: str, log: _Audit) -> dict[int, int]:
    ids = _reserve_ids(conn, "accounts", len(rows))
    refs: dict[int, int] = {}
    values = []
    for account_id, row in zip(ids, rows, strict=True):
        refs[row["ref"]] = account_id
        extra = tuple(row.get(c) for c in _ACCOUNT_COLS)
        values.append(
            (account_id, row["name"], fold(row["name"]), name_key(row["name"]), *extra)
            + (stamp, stamp)
        )
        log.created("account", account_id, {"name": row["name"], **_as_stored(extra)})
    _copy(
        conn,
        "accounts",
        ("id", "name", "name_folded", "name_key", *_ACCOUNT_COLS, "created_at", "updated_at"),
        values,
    )
    return refs


def _as_stored(extra: tuple[Any, ...]) -> dict[str, Any]:
    """The account's optional columns as its REAL columns keep them (5 becomes 5.0)."""
    return {
        c: float(v) if c in ("latitude", "longitude") and v is not None else v
        for c, v in zip(_ACCOUNT_COLS, extra, strict=True)
    }


def _account_id(value: int | None, refs: Mapping[int, int]) -> int | None:
    return refs[value] if value is not None and value < 0 else value


def _insert_contacts(
    conn: Conn, rows: Sequence[Row], refs: Mapping[int, int], stamp: str, log: _Audit
) -> None:
    ids = _reserve_ids(conn, "contacts", len(rows))
    values = []
    for contact_id, row in zip(ids, rows, strict=True):
        account_id = _account_id(row.get("account_id"), refs)
        email, phone, role = row.get("email"), row.get("phone"), row.get("role")
        values.append(
            (contact_id, account_id, row["name"], fold(row["name"]), email, phone, role)
            + (stamp, stamp)
        )
        log.created(
            "contact",
            contact_id,
            {
                "name": row["name"],
                "account_id": account_id,
                "email": email,
                "phone": phone,
                "role": role,
            },
        )
    _copy(
        conn,
        "contacts",
        ("id", "account_id", "name", "name_folded", "email", "phone", "role")
        + ("created_at", "updated_at"),
        values,
    )


def _closed_at(row: Mapping[str, Any], stamp: str) -> str | None:
    """A closed deal closed on its CRM close date (so win rates per period stay right)."""
    if row["status"] == "open":
        return None
    return f"{row['close_date']}T00:00:00+00:00" if row.get("close_date") else stamp


def _insert_deals(
    conn: Conn,
    rows: Sequence[Row],
    refs: Mapping[int, int],
    stamp: str,
    actor: Actor,
    log: _Audit,
) -> None:
    ids = _reserve_ids(conn, "deals", len(rows))
    values = []
    for deal_id, row in zip(ids, rows, strict=True):
        account = refs.get(row["account_id"], row["account_id"])
        values.append(
            (
                deal_id,
                account,
                row["owner_id"],
                row["title"],
                row["stage_key"],
                row["amount"],
                row["currency"],
                row.get("close_date"),
                row["status"],
                row.get("lost_reason"),
                stamp,
                _closed_at(row, stamp),
                stamp,
                stamp,
            )
        )
        log.created(
            "deal",
            deal_id,
            {
                "account_id": account,
                "title": row["title"],
                # A REAL column: SQLite's json_object writes the stored value, 100.0 for 100.
                **{c: float(row[c]) if c == "amount" else row.get(c) for c in _DEAL_COLS},
            },
        )
    _copy(
        conn,
        "deals",
        ("id", "account_id", "owner_id", "title", "stage_key", "amount", "currency")
        + ("close_date", "status", "lost_reason", "stage_changed_at", "closed_at")
        + ("created_at", "updated_at"),
        values,
    )
    if ids:
        conn.execute(
            "INSERT INTO deal_changes (deal_id, at, to_stage, to_status, amount, actor)"
            " SELECT id, %s, stage_key, status, amount, %s FROM deals WHERE id = ANY(%s)"
            " ORDER BY id",
            (stamp, actor.label, ids),
        )


def _update(
    table: str,
    entity: str,
    conn: Conn,
    updates: Sequence[Change],
    refs: Mapping[int, int],
    stamp: str,
    log: _Audit,
) -> None:
    for update in updates:
        changes = dict(update.changes)
        if "account_id" in changes:
            changes["account_id"] = _account_id(changes["account_id"], refs)
        sets = ", ".join(f"{column} = %s" for column in changes)
        conn.execute(
            f"UPDATE {table} SET {sets}, updated_at = %s WHERE id = %s",
            [*changes.values(), stamp, update.id],
        )
        log.add(entity, update.id, "import_update", dict(update.before), changes)


def _update_deals(
    conn: Conn, updates: Sequence[Change], stamp: str, actor: Actor, log: _Audit
) -> None:
    for update in updates:
        before, changes = update.before, dict(update.changes)
        after = {**before, **changes}
        if changes.get("stage_key", before["stage_key"]) != before["stage_key"]:
            changes["stage_changed_at"] = stamp
        if after["status"] != before["status"]:
            changes["closed_at"] = _closed_at(after, stamp)
        sets = ", ".join(f"{column} = %s" for column in changes)
        conn.execute(
            f"UPDATE deals SET {sets}, updated_at = %s WHERE id = %s",
            [*changes.values(), stamp, update.id],
        )
        if after["stage_key"] != before["stage_key"] or after["status"] != before["status"]:
            conn.execute(
                "INSERT INTO deal_changes (deal_id, at, from_stage, to_stage, from_status,"
                " to_status, amount, actor) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    update.id,
                    stamp,
                    before["stage_key"],
                    after["stage_key"],
                    before["status"],
                    after["status"],
                    after["amount"],
                    actor.label,
                ),
            )
        log.add("deal", update.id, "import_update", dict(before), dict(update.changes))


# SQLite's orders: names byte by byte (COLLATE "C"), a contact without a company first.
_EXPORTS = {
    "accounts": "SELECT name, segment, city, state, website, latitude, longitude FROM accounts"
    ' ORDER BY name_folded COLLATE "C", id',
    "contacts": "SELECT c.name, a.name AS account, c.email, c.phone, c.role FROM contacts c"
    ' LEFT JOIN accounts a ON a.id = c.account_id ORDER BY a.name_folded COLLATE "C"'
    " NULLS FIRST, c.id",
    "deals": "SELECT a.name AS account, d.title, d.stage_key AS stage, d.amount, d.currency,"
    " d.close_date, p.name AS owner, d.status, d.lost_reason FROM deals d"
    " JOIN accounts a ON a.id = d.account_id JOIN people p ON p.id = d.owner_id"
    ' ORDER BY a.name_folded COLLATE "C", d.id',
    "interactions": "SELECT i.occurred_at, i.kind, p.name AS person, a.name AS account,"
    " d.title AS deal, c.name AS contact, i.outcome, i.body, i.latitude,"
    " i.longitude FROM interactions i JOIN people p ON p.id = i.person_id"
    " LEFT JOIN accounts a ON a.id = i.account_id"
    " LEFT JOIN deals d ON d.id = i.deal_id"
    ' LEFT JOIN contacts c ON c.id = i.contact_id ORDER BY i.occurred_at COLLATE "C", i.id',
}

# Rows fetched per round trip while an export streams.
_EXPORT_BATCH = 2_000


class PgTransfer:
    """Transfer on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def snapshot(self, kind: str) -> dict[str, list[dict[str, Any]]]:
        """What an import of `kind` plans against: accounts always; contacts, deals, stages and
        people only when that kind needs them."""
        out: dict[str, list[Row]] = {
            "accounts": _rows(
                self._c,
                "SELECT id, name, " + ", ".join(_ACCOUNT_COLS) + " FROM accounts ORDER BY id",
            ),
        }
        if kind == "contacts":
            out["contacts"] = _rows(
                self._c,
                "SELECT id, name, " + ", ".join(_CONTACT_COLS) + " FROM contacts ORDER BY id",
            )
        if kind == "deals":
            out["deals"] = _rows(
                self._c,
                "SELECT id, account_id, title, "
                + ", ".join(_DEAL_COLS)
                + " FROM deals ORDER BY id",
            )
            out["stages"] = _rows(
                self._c, "SELECT key, position, label_pt, label_en FROM stages ORDER BY position"
            )
            out["people"] = _rows(self._c, "SELECT id, name, email FROM people ORDER BY id")
        return out

    def apply_import(
        self,
        *,
        actor: Actor,
        now: datetime,
        reason: str,
        new_accounts: Sequence[dict[str, Any]] = (),
        account_updates: Sequence[Change] = (),
        new_contacts: Sequence[dict[str, Any]] = (),
        contact_updates: Sequence[Change] = (),
        new_deals: Sequence[dict[str, Any]] = (),
        deal_updates: Sequence[Change] = (),
    ) -> Applied:
        """Write an import plan: inserts in bulk, then updates, every change audited.

        New rows carry a negative `ref`; `account_id` values that are negative refer to accounts
        created by the same call. Run inside one transaction (Store.write).
        """
        stamp = to_db(now)
        log = _Audit(actor, stamp, reason)
        refs = _insert_accounts(self._c, new_accounts, stamp, log)
        _insert_contacts(self._c, new_contacts, refs, stamp, log)
        _insert_deals(self._c, new_deals, refs, stamp, actor, log)
        with self._c.pipeline():  # updates sent back to back, answers read at the end
            _update("accounts", "account", self._c, account_updates, refs, stamp, log)
            _update("contacts", "contact", self._c, contact_updates, refs, stamp, log)
            _update_deals(self._c, deal_updates, stamp, actor, log)
        log.flush(self._c)
        return Applied(
            len(new_accounts),
            len(new_contacts),
            len(new_deals),
            len(account_updates) + len(contact_updates) + len(deal_updates),
        )

    def export_rows(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every record of `kind` with names instead of ids, in a stable order, one at a time.

        A server-side cursor fetched in batches (the whole export never sits in memory); the
        caller consumes it inside its read's transaction, as on SQLite.
        """
        with self._c.cursor("ritmo_export", row_factory=dict_row) as cur:
            cur.itersize = _EXPORT_BATCH
            cur.execute(_EXPORTS[kind])
            yield from cur

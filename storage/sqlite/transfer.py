"""The SQLite SQL of storage/transfer.py's repository: SqliteTransfer on one connection.

The records it returns live in storage/transfer.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import chain
from typing import Any

from storage.audit import Actor
from storage.text import fold, name_key
from storage.timefmt import to_db
from storage.transfer import (
    _ACCOUNT_COLS,
    REBUILD_MIN_ROWS,
    Applied,
    Change,
    Row,
)

_CONTACT_COLS = ("account_id", "email", "phone", "role")


_DEAL_COLS = ("owner_id", "stage_key", "amount", "currency", "close_date", "status", "lost_reason")


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def _insert_rows(conn: sqlite3.Connection, head: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """`head` ("INSERT INTO t (a, b)") with many rows per statement instead of one.

    Each statement SQLite runs for an insert into a table with foreign keys opens and closes
    a statement journal; a few hundred rows a statement instead of one cut that out of a
    bulk insert (a third of its time). Bounded by the connection's parameter limit.
    """
    if not rows:
        return
    width = len(rows[0])
    size = max(1, min(500, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    group = "(" + ", ".join("?" * width) + ")"
    full = f"{head} VALUES {', '.join([group] * size)}"
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        sql = full if len(chunk) == size else f"{head} VALUES {', '.join([group] * len(chunk))}"
        conn.execute(sql, list(chain.from_iterable(chunk)))


# Page cache for the import's transaction (KiB): the indexes being filled stay in memory
# instead of being spilled to the WAL and read back. The connection's own size is restored.
_IMPORT_CACHE_KIB = 65_536


def _droppable_indexes(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE sql) of the table's plain secondary indexes: never a UNIQUE one, whose
    check must run on every row, nor the automatic ones behind PRIMARY KEY/UNIQUE."""
    plain = [
        row[1]
        for row in conn.execute(f"PRAGMA index_list({table})")
        if row[2] == 0 and row[3] == "c"
    ]
    sql = dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
    )
    return [(name, sql[name]) for name in plain if name in sql]


@contextmanager
def _bulk_indexes(conn: sqlite3.Connection, table: str, adding: int, first: int) -> Iterator[None]:
    """Rebuild `table`'s secondary indexes after the block instead of row by row in it, when
    `adding` rows are many and at least as many as the table holds (ids below `first`).

    Only inside a transaction, so the drop can never outlive a failed import.
    """
    if adding < REBUILD_MIN_ROWS or adding < first - 1 or not conn.in_transaction:
        yield
        return
    indexes = _droppable_indexes(conn, table)
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        for _, sql in indexes:
            conn.execute(sql)


@contextmanager
def _import_cache(conn: sqlite3.Connection) -> Iterator[None]:
    """A larger page cache for one import, then the connection's own setting again."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    if previous >= 0 or -previous >= _IMPORT_CACHE_KIB:  # pages, or already large enough
        yield
        return
    conn.execute(f"PRAGMA cache_size = -{_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {previous}")


def _dump(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


class _Audit:
    """Audit rows collected during an import and written with one executemany."""

    def __init__(self, actor: Actor, at: str, reason: str) -> None:
        self.actor, self.at, self.reason = actor, at, reason
        self.rows: list[tuple[Any, ...]] = []

    def add(
        self,
        entity: str,
        entity_id: int,
        action: str,
        before: Mapping | None,
        after: Mapping | None,
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
                _dump(after),
                self.reason,
            )
        )

    def created(
        self,
        conn: sqlite3.Connection,
        table: str,
        entity: str,
        columns: Sequence[str],
        first: int,
        count: int,
    ) -> None:
        """One audit row per record just inserted with ids first…first+count-1.

        SQLite builds the JSON itself: one statement instead of a json.dumps per row.
        """
        pairs = ", ".join(f"'{c}', {c}" for c in columns)
        conn.execute(
            "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action,"
            f" after, reason) SELECT ?, ?, ?, ?, CAST(id AS TEXT), 'import', json_object({pairs}),"
            f" ? FROM {table} WHERE id >= ? AND id < ?",
            (
                self.at,
                self.actor.person_id,
                self.actor.label,
                entity,
                self.reason,
                first,
                first + count,
            ),
        )

    def flush(self, conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
            " after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.rows,
        )
        self.rows.clear()


def _insert_accounts(
    conn: sqlite3.Connection, rows: Sequence[Row], stamp: str, log: _Audit
) -> dict[int, int]:
    first = _next_id(conn, "accounts")
    refs: dict[int, int] = {}
    values = []
    for offset, row in enumerate(rows):
        account_id = first + offset
        refs[row["ref"]] = account_id
        values.append(
            (
                account_id,
                row["name"],
                fold(row["name"]),
                name_key(row["name"]),
                *(row.get(c) for c in _ACCOUNT_COLS),
                stamp,
                stamp,
            )
        )
    _insert_rows(
        conn,
        "INSERT INTO accounts (id, name, name_folded, name_key, segment, city, state, website,"
        " latitude, longitude, created_at, updated_at)",
        values,
    )
    log.created(conn, "accounts", "account", ("name", *_ACCOUNT_COLS), first, len(values))
    return refs


def _account_id(value: int | None, refs: Mapping[int, int]) -> int | None:
    return refs[value] if value is not None and value < 0 else value


def _insert_contacts(
    conn: sqlite3.Connection, rows: Sequence[Row], refs: Mapping[int, int], stamp: str, log: _Audit
) -> None:
    first = _next_id(conn, "contacts")
    values = []
    for offset, row in enumerate(rows):
        contact_id = first + offset
        account_id = _account_id(row.get("account_id"), refs)
        values.append(
            (
                contact_id,
                account_id,
                row["name"],
                fold(row["name"]),
                row.get("email"),
                row.get("phone"),
                row.get("role"),
                stamp,
                stamp,
            )
        )
    _insert_rows(
        conn,
        "INSERT INTO contacts (id, account_id, name, name_folded, email, phone, role,"
        " created_at, updated_at)",
        values,
    )
    log.created(conn, "contacts", "contact", ("name", *_CONTACT_COLS), first, len(values))


def _closed_at(row: Mapping[str, Any], stamp: str) -> str | None:
    """A closed deal closed on its CRM close date (so win rates per period stay right)."""
    if row["status"] == "open":
        return None
    return f"{row['close_date']}T00:00:00+00:00" if row.get("close_date") else stamp


def _insert_deals(
    conn: sqlite3.Connection,
    rows: Sequence[Row],
    refs: Mapping[int, int],
    stamp: str,
    actor: Actor,
    log: _Audit,
) -> None:
    first = _next_id(conn, "deals")
    store_id = refs.get  # ids pass through; only the (negative) refs are in `refs`
    values = []
    for deal_id, row in enumerate(rows, first):
        account, status, close_date = row["account_id"], row["status"], row.get("close_date")
        closed_at = (
            None
            if status == "open"
            # inlined _closed_at: one call less per row
            else (f"{close_date}T00:00:00+00:00" if close_date else stamp)
        )
        values.append(
            (
                deal_id,
                store_id(account, account),
                row["owner_id"],
                row["title"],
                row["stage_key"],
                row["amount"],
                row["currency"],
                close_date,
                status,
                row.get("lost_reason"),
                stamp,
                closed_at,
                stamp,
                stamp,
            )
        )
    with _bulk_indexes(conn, "deals", len(values), first):
        _insert_rows(
            conn,
            "INSERT INTO deals (id, account_id, owner_id, title, stage_key, amount,"
            " currency, close_date, status, lost_reason, stage_changed_at, closed_at,"
            " created_at, updated_at)",
            values,
        )
    with _bulk_indexes(conn, "deal_changes", len(values), _next_id(conn, "deal_changes")):
        conn.execute(
            "INSERT INTO deal_changes (deal_id, at, to_stage, to_status, amount, actor)"
            " SELECT id, ?, stage_key, status, amount, ? FROM deals WHERE id >= ? AND id < ?",
            (stamp, actor.label, first, first + len(values)),
        )
    log.created(conn, "deals", "deal", ("account_id", "title", *_DEAL_COLS), first, len(values))


def _update(
    table: str,
    entity: str,
    conn: sqlite3.Connection,
    updates: Sequence[Change],
    refs: Mapping[int, int],
    stamp: str,
    log: _Audit,
) -> None:
    for update in updates:
        changes = dict(update.changes)
        if "account_id" in changes:
            changes["account_id"] = _account_id(changes["account_id"], refs)
        sets = ", ".join(f"{column} = ?" for column in changes)
        conn.execute(
            f"UPDATE {table} SET {sets}, updated_at = ? WHERE id = ?",
            [*changes.values(), stamp, update.id],
        )
        log.add(entity, update.id, "import_update", dict(update.before), changes)


def _update_deals(
    conn: sqlite3.Connection, updates: Sequence[Change], stamp: str, actor: Actor, log: _Audit
) -> None:
    for update in updates:
        before, changes = update.before, dict(update.changes)
        after = {**before, **changes}
        if changes.get("stage_key", before["stage_key"]) != before["stage_key"]:
            changes["stage_changed_at"] = stamp
        if after["status"] != before["status"]:
            changes["closed_at"] = _closed_at(after, stamp)
        sets = ", ".join(f"{column} = ?" for column in changes)
        conn.execute(
            f"UPDATE deals SET {sets}, updated_at = ? WHERE id = ?",
            [*changes.values(), stamp, update.id],
        )
        if after["stage_key"] != before["stage_key"] or after["status"] != before["status"]:
            conn.execute(
                "INSERT INTO deal_changes (deal_id, at, from_stage, to_stage, from_status,"
                " to_status, amount, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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


_EXPORTS = {
    "accounts": "SELECT name, segment, city, state, website, latitude, longitude FROM accounts"
    " ORDER BY name_folded, id",
    "contacts": "SELECT c.name, a.name AS account, c.email, c.phone, c.role FROM contacts c"
    " LEFT JOIN accounts a ON a.id = c.account_id ORDER BY a.name_folded, c.id",
    "deals": "SELECT a.name AS account, d.title, d.stage_key AS stage, d.amount, d.currency,"
    " d.close_date, p.name AS owner, d.status, d.lost_reason FROM deals d"
    " JOIN accounts a ON a.id = d.account_id JOIN people p ON p.id = d.owner_id"
    " ORDER BY a.name_folded, d.id",
    "interactions": "SELECT i.occurred_at, i.kind, p.name AS person, a.name AS account,"
    " d.title AS deal, c.name AS contact, i.outcome, i.body, i.latitude,"
    " i.longitude FROM interactions i JOIN people p ON p.id = i.person_id"
    " LEFT JOIN accounts a ON a.id = i.account_id"
    " LEFT JOIN deals d ON d.id = i.deal_id"
    " LEFT JOIN contacts c ON c.id = i.contact_id ORDER BY i.occurred_at, i.id",
}


class SqliteTransfer:
    """Transfer on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
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
            out["stages"] = _rows(self._c, "SELECT key, position, label_pt, label_en FROM stages")
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
        created by the same call. Run inside one transaction (Store.write or db.transaction).
        """
        stamp = to_db(now)
        log = _Audit(actor, stamp, reason)
        audited = (
            len(new_accounts)
            + len(new_contacts)
            + len(new_deals)
            + len(account_updates)
            + len(contact_updates)
            + len(deal_updates)
        )
        with (
            _import_cache(self._c),
            _bulk_indexes(self._c, "audit_log", audited, _next_id(self._c, "audit_log")),
        ):
            refs = _insert_accounts(self._c, new_accounts, stamp, log)
            _insert_contacts(self._c, new_contacts, refs, stamp, log)
            _insert_deals(self._c, new_deals, refs, stamp, actor, log)
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
        """Every record of `kind` with names instead of ids, in a stable order, one at a time."""
        cur = self._c.execute(_EXPORTS[kind])
        names = [d[0] for d in cur.description]
        for values in cur:
            yield dict(zip(names, values, strict=True))

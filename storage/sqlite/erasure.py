"""The SQLite SQL of storage/erasure.py's repository: SqliteErasure on one connection.

The records it returns live in storage/erasure.py (shared by every backend).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from storage.audit import Actor
from storage.compaction import reindex_full_text
from storage.erasure import MIN_COPY, Changes, Rewrite, Scrub, Survey
from storage.text import fold, spelling_glob
from storage.timefmt import to_db

# Rows about her (linked to her contact) and about her company (linked to its account), as
# (table, linking column, the entity their audit rows are filed under).
_ABOUT_HER = (
    ("interactions", "contact_id", "interaction"),
    ("enrolments", "contact_id", "enrolment"),
    ("consents", "contact_id", None),
)


_ABOUT_COMPANY = (
    ("interactions", "account_id", "interaction"),
    ("follow_ups", "account_id", "follow_up"),
    ("deals", "account_id", "deal"),
    ("enrolments", "account_id", "enrolment"),
)


# The names of the people and contacts the store keeps: another record with her name is
# someone else (a homonym), not a mention of her. Her own record is rewritten on its own.
_OTHERS_NAMES = frozenset(
    {
        ("contacts", "name"),
        ("contacts", "name_folded"),
        ("people", "name"),
        ("people", "name_folded"),
    }
)


def _changes(
    conn: sqlite3.Connection,
    table: str,
    column: str,
    where: str,
    params: tuple[Any, ...],
    rewrite: Rewrite,
) -> Changes:
    """What `rewrite` would change in one column of the rows `where` selects."""
    cur = conn.execute(
        f'SELECT rowid, "{column}" FROM "{table}"'
        f" WHERE typeof(\"{column}\") = 'text' AND ({where})",
        params,
    )
    return {rowid: (old, new) for rowid, old in cur if (new := rewrite(old)) != old}


def _apply(
    conn: sqlite3.Connection, table: str, column: str, changes: Changes, counts: dict[str, int]
) -> None:
    if changes:
        conn.executemany(
            f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?',
            [(new, rowid) for rowid, (_, new) in changes.items()],
        )
        counts[f"{table}.{column}"] = counts.get(f"{table}.{column}", 0) + len(changes)


def _linked(
    conn: sqlite3.Connection, contact_id: int, scrub: Scrub, *, write: bool, counts: dict[str, int]
) -> dict[str, str]:
    """Rewrite (or, unless `write`, only work out) her linked rows and their audit rows.

    Returns {old text: new text} of the rows' texts that change, to find copies by.
    """
    account_id = conn.execute(
        "SELECT account_id FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()[0]
    copies: dict[str, str] = {}
    for links, key, rewrite in (
        (_ABOUT_HER, contact_id, scrub.about_her),
        (_ABOUT_COMPANY, account_id, scrub.about_company),
    ):
        for table, column, entity in links if key is not None else ():
            for text_column in _columns_of(conn, table):
                changes = _changes(conn, table, text_column, f'"{column}" = ?', (key,), rewrite)
                copies.update(changes.values())
                if write:
                    _apply(conn, table, text_column, changes, counts)
            if entity is not None and write:
                audited = (
                    f"entity = ? AND entity_id IN (SELECT CAST(id AS TEXT)"
                    f' FROM "{table}" WHERE "{column}" = ?)'
                )
                for text_column in ("before", "after", "reason"):
                    _apply(
                        conn,
                        "audit_log",
                        text_column,
                        _changes(conn, "audit_log", text_column, audited, (entity, key), rewrite),
                        counts,
                    )
    return copies


def _blank_audit(
    conn: sqlite3.Connection, contact_id: int, scrub: Scrub, counts: dict[str, int]
) -> None:
    """Her own audit rows keep which record changed and when, and nothing about her.

    Every value in their before/after except ids and times becomes the marker: a name, an
    e-mail, a phone, a role or a channel she opted out of are all about her. An earlier
    erasure's own row is left as it is.
    """
    rows = conn.execute(
        "SELECT id, before, after, reason FROM audit_log WHERE entity = 'contact'"
        " AND entity_id = ? AND action != 'forget'",
        (str(contact_id),),
    ).fetchall()
    for row_id, before, after, reason in rows:
        new = (
            _blank(before, scrub.marker),
            _blank(after, scrub.marker),
            None if reason is None else scrub.about_her(reason),
        )
        if new != (before, after, reason):
            conn.execute(
                "UPDATE audit_log SET before = ?, after = ?, reason = ? WHERE id = ?",
                (*new, row_id),
            )
            counts["audit_log.contact"] = counts.get("audit_log.contact", 0) + 1


def _blank(text: str | None, marker: str) -> str | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return json.dumps(marker)
    if not isinstance(value, Mapping):
        return json.dumps(marker)
    kept = {
        key: item if item is None or key == "id" or key.endswith(("_id", "_at")) else marker
        for key, item in value.items()
    }
    return json.dumps(kept, ensure_ascii=False)


def _sieve(column: str, scrub: Scrub) -> tuple[str, tuple[str, ...]]:
    """SQL keeping only the values of `column` that may mention her (see Scrub).

    A rewrite costs microseconds of Python a value, and a store has millions of texts that
    mention nobody; SQLite sifts them in C. An ASCII value (most of them: dates, keys, plain
    notes) can only hold her words without accents, which LIKE finds in any case; others are
    matched against every spelling with GLOB, slower. Her phone's digits in order, anything
    between them: a GLOB with a star between digits.
    """
    col = f'"{column}"'
    ascii_only = f"length({col}) = length(CAST({col} AS BLOB))"
    like = " OR ".join([f"{col} LIKE ?"] * len(scrub.words)) or "0"
    glob = " OR ".join([f"{col} GLOB ?"] * len(scrub.words)) or "0"
    tests = [
        f"instr({col}, '\\u') > 0",
        f"CASE WHEN {ascii_only} THEN {like} ELSE {glob} END",
        *[f"{col} GLOB ?"] * len(scrub.digits),
    ]
    params = (
        *(f"%{fold(w)}%" for w in scrub.words),
        *(spelling_glob(w) for w in scrub.words),
        *("*" + "*".join(d) + "*" for d in scrub.digits),
    )
    return " OR ".join(tests), params


def _sweeper(scrub: Scrub, copies: Mapping[str, str]) -> Rewrite:
    """The rewrite for every text of the store: copies of rewritten linked texts first (as
    they were written, or JSON-escaped), then her full name, e-mail and phone, then the words
    of her name where the text names her company."""
    forms: dict[str, str] = {}
    for old, new in copies.items():
        if len(old) >= MIN_COPY:
            forms[old] = new
            for ascii_only in (True, False):
                escaped = json.dumps(old, ensure_ascii=ascii_only)[1:-1]
                forms[escaped] = json.dumps(new, ensure_ascii=ascii_only)[1:-1]
    pattern = (
        re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
        if forms
        else None
    )

    def sweep(text: str) -> str:
        if pattern is not None:
            text = pattern.sub(lambda m: forms[m.group(0)], text)
        text = scrub.everywhere(text)
        return scrub.about_company(text) if scrub.names_company(text) else text

    return sweep


def _columns_of(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns of `table` that can hold text the store writes.

    Columns declared INTEGER/REAL can hold text in SQLite, but never text the store writes.
    """
    return [
        column[1]
        for column in conn.execute(f"PRAGMA table_xinfo('{table}')")
        if column[6] == 0
        and not any(w in (column[2] or "").upper() for w in ("INT", "REAL", "FLOA", "DOUB"))
    ]


def _text_columns(conn: sqlite3.Connection) -> list[tuple[str, str, tuple[str, ...] | None]]:
    """(table, column, key) for every column that can hold text, in every real table, but for
    the names of people and contacts (see _OTHERS_NAMES).

    Full-text indexes are never written directly: an external-content one (content=...) is
    rebuilt from its table, and FTS shadow tables are internal. `key` is None for a table with
    rowids; a table WITHOUT ROWID (none today; a later migration may add one) has no rowid to
    address a row by, so `key` names its primary-key columns and its rows are rewritten by key.
    """
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    compact = {
        name: (sql or "").replace(" ", "").replace("\n", "").lower() for name, sql in tables
    }
    virtual = {name for name, sql in compact.items() if sql.startswith("createvirtual")}
    out: list[tuple[str, str, tuple[str, ...] | None]] = []
    for name, _ in tables:
        if any(name.startswith(f"{v}_") for v in virtual) or "content=" in compact[name]:
            continue
        key = _primary_key(conn, name) if "withoutrowid" in compact[name] else None
        out.extend(
            (name, column, key)
            for column in _columns_of(conn, name)
            if (name, column) not in _OTHERS_NAMES
        )
    return out


def _primary_key(conn: sqlite3.Connection, table: str) -> tuple[str, ...]:
    """The primary-key columns of a table, in key order (a WITHOUT ROWID table always has one)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return tuple(column[1] for column in sorted(info, key=lambda c: c[5]) if column[5])


def _rewrite_by_key(
    conn: sqlite3.Connection,
    table: str,
    key: tuple[str, ...],
    column: str,
    sieve: tuple[str, tuple[str, ...]],
    rewrite: Rewrite,
    counts: dict[str, int],
) -> None:
    """Rewrite one column of a WITHOUT ROWID table, addressing rows by primary key.

    The survey records no rows of such a table (it has no rowids to record or to compare with
    rows added since): every row the sieve selects is read here, inside the forget's own
    transaction, and rewritten. The rows are read in full before the first UPDATE, because an
    UPDATE of a key column moves the row within the table being read.
    """
    where, params = sieve
    columns = ", ".join(f'"{k}"' for k in key)
    rows = conn.execute(
        f'SELECT {columns}, "{column}" FROM "{table}"'
        f" WHERE typeof(\"{column}\") = 'text' AND ({where})",
        params,
    ).fetchall()
    updates = [(new, *row[:-1]) for row in rows if (new := rewrite(row[-1])) != row[-1]]
    if updates:
        match = " AND ".join(f'"{k}" = ?' for k in key)
        conn.executemany(f'UPDATE "{table}" SET "{column}" = ? WHERE {match}', updates)
        counts[f"{table}.{column}"] = counts.get(f"{table}.{column}", 0) + len(updates)


class SqliteErasure:
    """Erasure on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def survey(self, contact_id: int, scrub: Scrub) -> Survey:
        """Find, without writing, every value outside her linked rows that `forget` will rewrite.

        Run it on a read connection: it reads every text of the store.
        """
        sweep = _sweeper(scrub, _linked(self._c, contact_id, scrub, write=False, counts={}))
        found: dict[tuple[str, str], tuple[int, ...]] = {}
        last_rowid: dict[str, int] = {}
        for table, column, key in _text_columns(self._c):
            if key is not None:
                continue  # no rowids: forget reads such a table in full (_rewrite_by_key)
            if table not in last_rowid:
                last_rowid[table] = self._c.execute(
                    f'SELECT coalesce(max(rowid), 0) FROM "{table}"'
                ).fetchone()[0]
            where, params = _sieve(column, scrub)
            hits = _changes(self._c, table, column, where, params, sweep)
            if hits:
                found[(table, column)] = tuple(hits)
        return Survey(found, last_rowid)

    def forget(
        self, contact_id: int, scrub: Scrub, found: Survey, *, actor: Actor, now: datetime
    ) -> dict[str, int]:
        """Erase a contact's personal data from every table, keeping a stub and an audit row.

        The contact row stays (deals, enrolments and interactions keep pointing at it) with
        `marker` for a name and no e-mail, phone or role; the audit rows about her keep only ids
        and times. Her linked rows are rewritten here in full; elsewhere, the values `found`
        lists and rows added since. Run inside one transaction; returns how many values changed,
        by table.column.
        """
        self._c.execute("PRAGMA secure_delete = ON")
        counts: dict[str, int] = {}
        sweep = _sweeper(scrub, _linked(self._c, contact_id, scrub, write=True, counts=counts))
        _blank_audit(self._c, contact_id, scrub, counts)
        self._c.execute(
            "UPDATE contacts SET name = ?, name_folded = ?, email = NULL, phone = NULL,"
            " role = NULL, updated_at = ? WHERE id = ?",
            (scrub.marker, fold(scrub.marker), to_db(now), contact_id),
        )
        for table, column, key in _text_columns(self._c):
            if key is not None:
                _rewrite_by_key(self._c, table, key, column, _sieve(column, scrub), sweep, counts)
                continue
            sieve, params = _sieve(column, scrub)
            where = f"rowid IN (SELECT value FROM json_each(?)) OR (rowid > ? AND ({sieve}))"
            rowids = json.dumps(found.found.get((table, column), ()))
            _apply(
                self._c,
                table,
                column,
                _changes(
                    self._c,
                    table,
                    column,
                    where,
                    (rowids, found.last_rowid.get(table, 0), *params),
                    sweep,
                ),
                counts,
            )
        reindex_full_text(self._c)
        self._c.execute(
            "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
            " after, reason) VALUES (?, ?, ?, 'contact', ?, 'forget', NULL, ?, 'LGPD erasure request')",
            (
                to_db(now),
                actor.person_id,
                actor.label,
                str(contact_id),
                json.dumps({"redacted": counts}, ensure_ascii=False),
            ),
        )
        return counts

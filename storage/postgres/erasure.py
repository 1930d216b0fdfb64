"""Erasing one contact (LGPD) on PostgreSQL (the SQLite twin: storage/sqlite/erasure.py).

The same rewrite of the same values: her linked rows in full, her audit rows blanked, and every
other text of the store that the sieve offers and the sweep changes. What differs is only how
rows are addressed and sifted:

- PostgreSQL has no rowid. A table keyed by one `id` (most) is surveyed by id, as SQLite's by
  rowid: `forget` rewrites the ids the survey found and rows with an id past the survey's
  largest. Any other table (keyed by a name, a token, or several columns: kv, callbacks,
  consents, labels…) is read whole inside `forget`'s own transaction and rewritten by its
  primary key, as SQLite does with a WITHOUT ROWID table. A table with no primary key
  (only ritmo_schema, the migration ledger) holds no text about anyone and is skipped.
- The sieve is one regular expression per word (each letter a class of every spelling that
  folds to it: SQLite's LIKE and GLOB in one), a `\\u` test for JSON escapes and a digits
  pattern, all on the column `COLLATE "C"` (a case-insensitive column refuses regexes).

Rewriting rows leaves the old tuples (and old index entries) in the table files until a
vacuum, and a plain VACUUM only marks their space free; `compact` below runs VACUUM FULL,
which writes each table and its indexes afresh. It cannot run inside a transaction, so the
forget command runs it after `forget` committed, on a connection of its own (see compact).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.erasure import MIN_COPY, Rewrite, Scrub, Survey
from storage.text import fold, spellings
from storage.timefmt import to_db

Conn = psycopg.Connection[Any]
Key = tuple[Any, ...]
KeyedChanges = dict[Key, tuple[str, str]]  # primary key -> (old text, new text)

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

_TEXT_TYPES = ("text", "character varying", "character")

_PRIMARY_KEYS = """
SELECT c.relname, array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
FROM pg_class c
JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
GROUP BY c.relname
"""

_TEXT_COLUMNS = """
SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
JOIN information_schema.tables t USING (table_schema, table_name)
WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
  AND c.data_type = ANY(%s)
ORDER BY c.table_name, c.ordinal_position
"""


def _keys(conn: Conn) -> dict[str, tuple[str, ...]]:
    """Every table's primary-key columns, in key order (tables without one are left out)."""
    return {table: tuple(columns) for table, columns in conn.execute(_PRIMARY_KEYS)}


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _changes(
    conn: Conn,
    table: str,
    column: str,
    key: tuple[str, ...],
    where: str,
    params: Iterable[Any],
    rewrite: Rewrite,
) -> KeyedChanges:
    """What `rewrite` would change in one column of the rows `where` selects, by key."""
    rows = conn.execute(
        f'SELECT {_quoted(key)}, "{column}" FROM "{table}"'
        f' WHERE "{column}" IS NOT NULL AND ({where})',
        tuple(params),
    ).fetchall()
    width = len(key)
    return {
        tuple(row[:width]): (row[width], new)
        for row in rows
        if (new := rewrite(row[width])) != row[width]
    }


def _apply(
    conn: Conn,
    table: str,
    column: str,
    key: tuple[str, ...],
    changes: KeyedChanges,
    counts: dict[str, int],
) -> None:
    if changes:
        match = " AND ".join(f'"{k}" = %s' for k in key)
        with conn.cursor() as cur:
            cur.executemany(
                f'UPDATE "{table}" SET "{column}" = %s WHERE {match}',
                [(new, *row_key) for row_key, (_, new) in changes.items()],
            )
        counts[f"{table}.{column}"] = counts.get(f"{table}.{column}", 0) + len(changes)


def _columns_of(conn: Conn, table: str) -> list[str]:
    """The columns of `table` that can hold text."""
    return [
        column
        for name, column in conn.execute(_TEXT_COLUMNS, (list(_TEXT_TYPES),))
        if name == table
    ]


def _linked(
    conn: Conn, contact_id: int, scrub: Scrub, *, write: bool, counts: dict[str, int]
) -> dict[str, str]:
    """Rewrite (or, unless `write`, only work out) her linked rows and their audit rows.

    Returns {old text: new text} of the rows' texts that change, to find copies by.
    """
    row = conn.execute("SELECT account_id FROM contacts WHERE id = %s", (contact_id,)).fetchone()
    account_id = row[0] if row else None
    keys = _keys(conn)
    copies: dict[str, str] = {}
    for links, link_key, rewrite in (
        (_ABOUT_HER, contact_id, scrub.about_her),
        (_ABOUT_COMPANY, account_id, scrub.about_company),
    ):
        for table, column, entity in links if link_key is not None else ():
            for text_column in _columns_of(conn, table):
                changes = _changes(
                    conn, table, text_column, keys[table], f'"{column}" = %s', (link_key,), rewrite
                )
                copies.update(changes.values())
                if write:
                    _apply(conn, table, text_column, keys[table], changes, counts)
            if entity is not None and write:
                audited = (
                    f"entity = %s AND entity_id IN (SELECT id::text"
                    f' FROM "{table}" WHERE "{column}" = %s)'
                )
                for text_column in ("before", "after", "reason"):
                    _apply(
                        conn,
                        "audit_log",
                        text_column,
                        ("id",),
                        _changes(
                            conn,
                            "audit_log",
                            text_column,
                            ("id",),
                            audited,
                            (entity, link_key),
                            rewrite,
                        ),
                        counts,
                    )
    return copies


def _blank_audit(conn: Conn, contact_id: int, scrub: Scrub, counts: dict[str, int]) -> None:
    """Her own audit rows keep which record changed and when, and nothing about her (as
    SQLite's): one pipelined UPDATE per row that changes."""
    rows = conn.execute(
        "SELECT id, before, after, reason FROM audit_log WHERE entity = 'contact'"
        " AND entity_id = %s AND action != 'forget' ORDER BY id",
        (str(contact_id),),
    ).fetchall()
    updates = []
    for row_id, before, after, reason in rows:
        new = (
            _blank(before, scrub.marker),
            _blank(after, scrub.marker),
            None if reason is None else scrub.about_her(reason),
        )
        if new != (before, after, reason):
            updates.append((*new, row_id))
    if updates:
        with conn.cursor() as cur:
            cur.executemany(
                "UPDATE audit_log SET before = %s, after = %s, reason = %s WHERE id = %s", updates
            )
        counts["audit_log.contact"] = counts.get("audit_log.contact", 0) + len(updates)


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


def _literal(char: str) -> str:
    """One character as a regular-expression literal (a backslash before any non-alphanumeric;
    before an alphanumeric it would start an escape)."""
    return char if char.isalnum() else "\\" + char


def _spelling_regex(word: str) -> str:
    """A regular expression matching `word` in any case or accent (SQLite's LIKE and GLOB)."""
    table = spellings()
    return "".join(
        "[" + "".join(_literal(c) for c in table[char]) + "]" if char in table else _literal(char)
        for char in fold(word)
    )


def _sieve(column: str, scrub: Scrub) -> tuple[str, tuple[str, ...]]:
    """SQL keeping only the values of `column` that may mention her (see Scrub).

    Never narrower than SQLite's sieve: a JSON escape, any spelling of one of her words, or her
    phone's digits in order with anything between them.
    """
    col = f'"{column}" COLLATE "C"'
    tests = [
        f"strpos({col}, '\\u') > 0",
        *[f"{col} ~ %s"] * len(scrub.words),
        *[f"{col} ~ %s"] * len(scrub.digits),
    ]
    params = (
        *(_spelling_regex(w) for w in scrub.words),
        *(".*".join(d) for d in scrub.digits),
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


def _text_columns(conn: Conn) -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, column, primary key) for every text column of every table that has a primary
    key, but for the names of people and contacts (see _OTHERS_NAMES)."""
    keys = _keys(conn)
    return [
        (table, column, keys[table])
        for table, column in conn.execute(_TEXT_COLUMNS, (list(_TEXT_TYPES),))
        if table in keys and (table, column) not in _OTHERS_NAMES
    ]


def _by_id(key: tuple[str, ...]) -> bool:
    return key == ("id",)


class PgErasure:
    """Erasure on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def survey(self, contact_id: int, scrub: Scrub) -> Survey:
        """Find, without writing, every value outside her linked rows that `forget` will rewrite.

        Run it on a read connection (one snapshot): it reads every text of the store. Tables
        keyed by `id` are recorded; others are read whole by `forget` itself.
        """
        sweep = _sweeper(scrub, _linked(self._c, contact_id, scrub, write=False, counts={}))
        found: dict[tuple[str, str], tuple[int, ...]] = {}
        last_id: dict[str, int] = {}
        for table, column, key in _text_columns(self._c):
            if not _by_id(key):
                continue
            if table not in last_id:
                row = self._c.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()
                last_id[table] = int(row[0]) if row else 0
            where, params = _sieve(column, scrub)
            hits = _changes(self._c, table, column, key, where, params, sweep)
            if hits:
                found[(table, column)] = tuple(sorted(k[0] for k in hits))
        return Survey(found, last_id)

    def forget(
        self, contact_id: int, scrub: Scrub, found: Survey, *, actor: Actor, now: datetime
    ) -> dict[str, int]:
        """Erase a contact's personal data from every table, keeping a stub and an audit row.

        As SQLite's: the contact row stays with `marker` for a name and no e-mail, phone or
        role; her audit rows keep only ids and times; her linked rows are rewritten in full;
        elsewhere, the values `found` lists and rows added since (ids past the survey's), and
        every sifted row of a table not keyed by id. Returns how many values changed, by
        table.column. The old row versions stay in the files until `compact` runs.
        """
        counts: dict[str, int] = {}
        sweep = _sweeper(scrub, _linked(self._c, contact_id, scrub, write=True, counts=counts))
        _blank_audit(self._c, contact_id, scrub, counts)
        self._c.execute(
            "UPDATE contacts SET name = %s, name_folded = %s, email = NULL, phone = NULL,"
            " role = NULL, updated_at = %s WHERE id = %s",
            (scrub.marker, fold(scrub.marker), to_db(now), contact_id),
        )
        for table, column, key in _text_columns(self._c):
            sieve, params = _sieve(column, scrub)
            if _by_id(key):
                where = f"id = ANY(%s) OR (id > %s AND ({sieve}))"
                args: tuple[Any, ...] = (
                    list(found.found.get((table, column), ())),
                    found.last_rowid.get(table, 0),
                    *params,
                )
            else:
                where, args = sieve, params
            changes = _changes(self._c, table, column, key, where, args, sweep)
            _apply(self._c, table, column, key, changes, counts)
        self._c.execute(
            "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
            " after, reason) VALUES (%s, %s, %s, 'contact', %s, 'forget', NULL, %s,"
            " 'LGPD erasure request')",
            (
                to_db(now),
                actor.person_id,
                actor.label,
                str(contact_id),
                json.dumps({"redacted": counts}, ensure_ascii=False),
            ),
        )
        return counts


def compact(url: str, tables: Iterable[str] | None = None) -> bool:
    """Leave only live rows in the tables' files after an erasure committed: VACUUM FULL
    writes each table, its TOAST table and its indexes afresh, so the row versions `forget`
    replaced (and any older dead ones) are gone from them. Then a CHECKPOINT, so the new files
    are what is on disk. The planner's statistics are taken again and their catalog rewritten
    (they keep sample values). False when the server did not allow the last two steps (they
    need a superuser: VACUUM of pg_statistic, CHECKPOINT); the tables were still rewritten.

    `tables` None means every table of the schema, as SQLite's VACUUM rewrites the whole
    file: a text rewritten long ago (a renamed contact) left dead versions in its table too.
    VACUUM FULL holds an ACCESS EXCLUSIVE lock on one table at a time: the bot waits for each.
    What this cannot reach is said by the forget command: WAL segments not yet recycled, WAL
    archives and replicas, and backups taken before.

    Raises:
        psycopg.Error: the server refused or failed the VACUUM (translate at the caller).
    """
    with psycopg.connect(url, autocommit=True) as conn:  # VACUUM refuses a transaction
        names = (
            list(tables)
            if tables is not None
            else [
                r[0]
                for r in conn.execute(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
                    " ORDER BY tablename"
                )
            ]
        )
        for name in names:
            conn.execute(f'VACUUM FULL "{name}"')
            # The planner's statistics keep sample values (a most common name) in
            # pg_statistic: taken afresh from the live rows, then that catalog rewritten too.
            conn.execute(f'ANALYZE "{name}"')
        try:
            conn.execute("VACUUM FULL pg_catalog.pg_statistic")
            conn.execute("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            return False
    return True

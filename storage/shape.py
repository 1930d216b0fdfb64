"""The shape of a store's schema, read the same way from SQLite and from PostgreSQL.

Two uses: the schema-equivalence test holds the two engines' migrations together (tables,
columns, keys, CHECKs, indexes, triggers, compared in engine-neutral terms), and
`ritmo store move` copies every table generically from the column lists read here, so a
table added by a later migration is moved without anyone touching the copier.

Each engine's name search has its own machinery (SQLite: FTS5 virtual tables kept by
triggers; PostgreSQL: GIN and trigram indexes on the table itself); those are reported apart,
as `search`, not mixed into the tables and indexes that must match one for one.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

# Tables that exist on one engine only by design: PostgreSQL keeps its schema version in a
# table (SQLite uses PRAGMA user_version).
ENGINE_ONLY_TABLES = frozenset({"ritmo_schema"})
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
_FK_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL",
               "d": "SET DEFAULT"}  # fmt: skip


@dataclass(frozen=True)
class Column:
    name: str
    family: str  # integer, real, text, numeric, blob
    nullable: bool
    has_default: bool


@dataclass(frozen=True)
class Index:
    columns: tuple[str, ...]  # "<expr>" for an expression
    unique: bool
    partial: bool


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]
    on_update: str
    on_delete: str


@dataclass
class Table:
    name: str
    columns: list[Column] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
    indexes: list[Index] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    checks: list[frozenset[str]] = field(default_factory=list)  # the columns each names
    triggers: list[str] = field(default_factory=list)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def normalized(self) -> dict[str, Any]:
        """Everything compared, in an order-independent form (column order is kept)."""
        return {
            "columns": self.columns,
            "primary_key": self.primary_key,
            "indexes": sorted(self.indexes, key=repr),
            "foreign_keys": sorted(self.foreign_keys, key=repr),
            "checks": sorted(sorted(c) for c in self.checks),
            "triggers": sorted(self.triggers),
        }


# Foreign keys PostgreSQL keeps with triggers instead of a constraint, by (table, key), with
# the (table, trigger) pairs that do the key's job: read back as the key SQLite declares when
# every one of them is there. outbox.person_id: migration 0028 (a statement's rows checked at
# once, where the key's check was a query per row).
TRIGGER_KEPT_KEYS: dict[tuple[str, ForeignKey], tuple[tuple[str, str], ...]] = {
    ("outbox", ForeignKey(("person_id",), "people", ("id",), "NO ACTION", "CASCADE")): (
        ("outbox", "outbox_person_insert"),
        ("outbox", "outbox_person_update"),
        ("people", "outbox_person_delete"),
        ("people", "outbox_person_id_update"),
    ),
}


def _as_foreign_key(
    tables: dict[str, Table], table: str, key: ForeignKey, triggers: tuple[tuple[str, str], ...]
) -> None:
    if table not in tables or not all(
        t in tables and name in tables[t].triggers for t, name in triggers
    ):
        return
    for t, name in triggers:
        tables[t].triggers.remove(name)
    tables[table].foreign_keys.append(key)


@dataclass
class Schema:
    tables: dict[str, Table]
    search: dict[str, list[str]]  # table -> names of its name-search structures


def _family_sqlite(declared: str) -> str:
    # SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), in their order.
    upper = declared.upper()
    if "INT" in upper:
        return "integer"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if not upper or "BLOB" in upper:
        return "blob"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "numeric"


def _family_postgres(data_type: str) -> str:
    if data_type in ("bigint", "integer", "smallint"):
        return "integer"
    if data_type in ("double precision", "real"):
        return "real"
    if data_type in ("text", "character varying", "character", "USER-DEFINED"):
        return "text"
    if data_type == "bytea":
        return "blob"
    return "numeric"


def _check_bodies(create_sql: str) -> list[str]:
    """The expression of every CHECK in a CREATE TABLE statement, parentheses balanced."""
    bodies = []
    for match in re.finditer(r"\bCHECK\s*\(", create_sql, re.IGNORECASE):
        depth, start = 1, match.end()
        index = start
        while depth and index < len(create_sql):
            depth += {"(": 1, ")": -1}.get(create_sql[index], 0)
            index += 1
        bodies.append(create_sql[start : index - 1])
    return bodies


def _named_columns(expression: str, columns: list[str]) -> frozenset[str]:
    bare = _STRING.sub("''", expression)
    return frozenset(word for word in _IDENT.findall(bare) if word in columns)


def read_sqlite(conn: sqlite3.Connection) -> Schema:
    """The shape of a SQLite store (FTS5 tables and their shadow tables go to `search`)."""
    listed = conn.execute("PRAGMA table_list").fetchall()
    kinds = {row[1]: row[2] for row in listed if row[0] == "main"}
    search: dict[str, list[str]] = {}
    virtual = [name for name, kind in kinds.items() if kind == "virtual"]
    for name in virtual:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        content = re.search(r"content\s*=\s*'(\w+)'", sql)
        search.setdefault(content.group(1) if content else name, []).append(name)
    tables = {
        name: _sqlite_table(conn, name)
        for name, kind in sorted(kinds.items())
        if kind == "table" and not name.startswith("sqlite_")
    }
    for name, sql, table in conn.execute(
        "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        if table in tables and not any(v in sql for v in virtual):
            tables[table].triggers.append(name)
    return Schema(tables, {t: sorted(n) for t, n in search.items()})


def _sqlite_table(conn: sqlite3.Connection, name: str) -> Table:
    table = Table(name)
    info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
    pk = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    table.primary_key = tuple(pk)
    for _cid, column, declared, notnull, default, _pk in info:
        nullable = not notnull and column not in pk
        table.columns.append(
            Column(column, _family_sqlite(declared), nullable, default is not None)
        )
    for _seq, index, unique, origin, partial in conn.execute(
        f'PRAGMA index_list("{name}")'
    ).fetchall():
        if origin == "pk":
            continue
        cols = conn.execute(f'PRAGMA index_info("{index}")').fetchall()
        names = tuple(c[2] if c[2] is not None else "<expr>" for c in cols)
        table.indexes.append(Index(names, bool(unique), bool(partial)))
    by_id: dict[int, list[tuple[Any, ...]]] = {}
    for row in conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall():
        by_id.setdefault(row[0], []).append(row)
    for rows in by_id.values():
        rows.sort(key=lambda r: r[1])
        ref = rows[0][2]
        to = [r[4] for r in rows]
        if any(t is None for t in to):
            to = [r[1] for r in conn.execute(f'PRAGMA table_info("{ref}")') if r[5]]
        table.foreign_keys.append(
            ForeignKey(tuple(r[3] for r in rows), ref, tuple(to), rows[0][5], rows[0][6])
        )
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    table.checks = [_named_columns(b, table.column_names) for b in _check_bodies(sql)]
    return table


_PG_COLUMNS = """
SELECT table_name, column_name, data_type, is_nullable = 'YES', column_default IS NOT NULL
FROM information_schema.columns WHERE table_schema = current_schema()
ORDER BY table_name, ordinal_position
"""
_PG_CONSTRAINTS = """
SELECT t.relname, c.contype, c.conname,
       ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i),
       r.relname,
       ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i),
       c.confupdtype, c.confdeltype
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
LEFT JOIN pg_class r ON r.oid = c.confrelid
WHERE t.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'f', 'c')
"""
_PG_INDEXES = """
SELECT t.relname, i.relname, x.indisunique, x.indpred IS NOT NULL, am.amname,
       ARRAY(SELECT coalesce(a.attname, '<expr>') FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
             LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n
             ORDER BY k.o)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_am am ON am.oid = i.relam
WHERE t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary
"""
_PG_TRIGGERS = """
SELECT t.relname, g.tgname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
WHERE t.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal
"""


def read_postgres(conn: Any) -> Schema:
    """The shape of a PostgreSQL store (a psycopg connection); GIN/GiST indexes and the
    expression indexes over name words go to `search`."""
    tables: dict[str, Table] = {}
    for table, column, data_type, nullable, has_default in conn.execute(_PG_COLUMNS):
        entry = tables.setdefault(table, Table(table))
        entry.columns.append(Column(column, _family_postgres(data_type), nullable, has_default))
    for table, kind, _name, cols, ref, ref_cols, on_update, on_delete in conn.execute(
        _PG_CONSTRAINTS
    ):
        entry = tables[table]
        if kind == "p":
            entry.primary_key = tuple(cols)
        elif kind == "f":
            entry.foreign_keys.append(
                ForeignKey(tuple(cols), ref, tuple(ref_cols), _FK_ACTIONS[on_update],
                           _FK_ACTIONS[on_delete])
            )  # fmt: skip
        else:
            entry.checks.append(frozenset(cols))
    search: dict[str, list[str]] = {}
    for table, name, unique, partial, method, cols in conn.execute(_PG_INDEXES):
        if method != "btree":
            search.setdefault(table, []).append(name)
        else:
            tables[table].indexes.append(Index(tuple(cols), unique, partial))
    for table, name in conn.execute(_PG_TRIGGERS):
        tables[table].triggers.append(name)
    for (table, key), triggers in TRIGGER_KEPT_KEYS.items():
        _as_foreign_key(tables, table, key, triggers)
    return Schema(
        {name: tables[name] for name in sorted(tables)},
        {t: sorted(n) for t, n in search.items()},
    )

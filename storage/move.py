"""`ritmo store move`: copy a whole stopped store into an empty one, SQLite ⇄ PostgreSQL.

Generic over tables: the list of tables and their columns is read from the schema
(storage/shape.py), so a table a later migration adds is moved without touching this file. The
target is filled in ONE transaction (all or nothing); each table's row count and a checksum of
its rows are compared on both sides before that transaction commits. A checksum is the sum of
one 64-bit hash per row, so it does not depend on the order rows come back in (SQLite and a
PostgreSQL with another collation order text keys differently).

Two kinds of derived data are handled without naming any table: rows a fresh schema already
holds (the `book_version` counter) are replaced by the source's after every other table is
loaded, since triggers move them during the load; and on PostgreSQL user triggers are off
during the load (they only maintain such derived rows) and foreign keys are checked once at the
end, so tables that refer to each other (teams ⇄ people) load in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from storage import shape
from storage.errors import StoreError
from storage.sqlite import db

CHUNK = 5_000
_MASK = (1 << 64) - 1
Progress = Callable[[str, int, int], None]  # (table, rows copied so far, rows in the table)


class MoveRefused(StoreError):
    """The move cannot start; `reason` is a key the CLI words in the person's language."""

    def __init__(self, reason: str, **details: Any) -> None:
        super().__init__(f"{reason}: {details}")
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Location:
    """Where a store lives: a SQLite file, or a PostgreSQL URL."""

    engine: str  # "sqlite" or "postgres"
    target: str  # the file path, or the libpq URL

    @property
    def display(self) -> str:
        """What to print: a file's path, or a database and host without the password."""
        if self.engine == "sqlite":
            return self.target
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(self.target)
        return f"postgresql {info.get('dbname', '?')} @ {info.get('host', 'localhost')}"


def parse_location(text: str) -> Location:
    """`postgresql://…` (or `postgres://…`), `sqlite:///relative.db` or `sqlite:////abs.db`
    (SQLAlchemy's spelling), or a plain file path."""
    if text.startswith(("postgresql://", "postgres://")):
        return Location("postgres", text)
    if text.startswith("sqlite:///"):
        return Location("sqlite", str(Path(text[len("sqlite:///") :]).resolve()))
    if text.startswith("sqlite://"):
        raise MoveRefused("bad_url", url=text)
    if "://" in text:
        raise MoveRefused("bad_url", url=text)
    return Location("sqlite", str(Path(text).resolve()))


@dataclass(frozen=True)
class Moved:
    table: str
    rows: int
    checksum: int


def row_hash(row: Iterable[Any]) -> int:
    """One row's 64-bit hash, its values' types included (1, 1.0 and '1' differ).

    Python's own hash, so it is the same for a value whichever engine it came from, within
    this process (str hashes are salted per process): the checksum verifies one move, it is
    not a fingerprint to keep. A digest of each row's repr cost 4x the time of the whole copy's
    hashing on a 290k-row store.
    """
    values = tuple(row)
    return hash((values, tuple(map(type, values)))) & _MASK


def checksum(rows: Iterable[Iterable[Any]]) -> tuple[int, int]:
    """(row count, order-independent checksum) of some rows."""
    count = total = 0
    for row in rows:
        count += 1
        total = (total + row_hash(row)) & _MASK
    return count, total


class _Side(Protocol):
    """One store as the copier sees it: its schema, its rows, and how to load rows into it."""

    schema: shape.Schema

    def rows(self, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]: ...
    def count(self, table: str) -> int: ...
    def load(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None: ...
    def clear(self, table: str) -> None: ...
    def reading(self) -> AbstractContextManager[None]: ...
    def loading(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


class _SqliteSide:
    def __init__(self, path: str, *, must_exist: bool) -> None:
        if must_exist and not Path(path).is_file():
            raise MoveRefused("no_store", path=path)
        if not Path(path).parent.is_dir():
            raise MoveRefused("folder_missing", folder=str(Path(path).parent))
        self.conn = db.connect_sync(path)
        self.schema = shape.read_sqlite(self.conn)

    def rows(self, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
        cursor = self.conn.execute(f'SELECT {_quoted(columns)} FROM "{table}"')
        while chunk := cursor.fetchmany(CHUNK):
            yield from (tuple(r) for r in chunk)

    def count(self, table: str) -> int:
        return int(self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    def load(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f'INSERT INTO "{table}" ({_quoted(columns)}) VALUES ({marks})', rows)

    def clear(self, table: str) -> None:
        self.conn.execute(f'DELETE FROM "{table}"')

    @contextmanager
    def reading(self) -> Iterator[None]:
        self.conn.execute("BEGIN")  # one snapshot of the whole file
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    @contextmanager
    def loading(self) -> Iterator[None]:
        # Tables that refer to each other load in any order; every reference is checked once
        # at the end, before COMMIT.
        self.conn.execute("PRAGMA foreign_keys=OFF")
        try:
            with db.transaction(self.conn):
                yield
                broken = self.conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MoveRefused("broken_reference", table=broken[0][0])
        finally:
            self.conn.execute("PRAGMA foreign_keys=ON")

    def close(self) -> None:
        self.conn.close()


_PG_FOREIGN_KEYS = """
SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY conname
"""


def _broken_reference_sql(table: str, key: shape.ForeignKey) -> str:
    """A row of `table` whose `key` names no row of its parent (the check ADD CONSTRAINT makes,
    for a key kept by triggers)."""
    joined = " AND ".join(
        f'p."{parent}" = c."{child}"'
        for child, parent in zip(key.columns, key.ref_columns, strict=True)
    )
    present = " AND ".join(f'c."{child}" IS NOT NULL' for child in key.columns)
    return (
        f'SELECT 1 FROM "{table}" c WHERE {present}'
        f' AND NOT EXISTS (SELECT 1 FROM "{key.table}" p WHERE {joined}) LIMIT 1'
    )


class _PostgresSide:
    def __init__(self, url: str) -> None:
        import psycopg

        from storage.postgres import schema as pg_schema

        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise MoveRefused("unreachable", detail=str(exc).strip().splitlines()[0]) from exc
        pg_schema.migrate(self.conn)
        self.schema = shape.read_postgres(self.conn)

    def rows(self, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
        with self.conn.cursor(name=f"move_{table}") as cursor:  # server-side: streams
            cursor.execute(f'SELECT {_quoted(columns)} FROM "{table}"')
            while chunk := cursor.fetchmany(CHUNK):
                yield from chunk

    def count(self, table: str) -> int:
        row = self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        return int(row[0]) if row else 0

    def load(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cursor:
            with cursor.copy(f'COPY "{table}" ({_quoted(columns)}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            self._identity_past_max(cursor, table)

    def _identity_past_max(self, cursor: Any, table: str) -> None:
        # Rows came with their ids; the next id the table hands out must be past them.
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema ="
            " current_schema() AND table_name = %s AND is_identity = 'YES'",
            (table,),
        )
        for (column,) in cursor.fetchall():
            cursor.execute(
                f'SELECT setval(pg_get_serial_sequence(%s, %s), max("{column}"))'
                f' FROM "{table}" HAVING max("{column}") IS NOT NULL',
                (f'"{table}"', column),
            )

    def clear(self, table: str) -> None:
        self.conn.execute(f'DELETE FROM "{table}"')

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield

    @contextmanager
    def loading(self) -> Iterator[None]:
        # As pg_restore does: foreign keys are dropped for the load and added back at the end,
        # where PostgreSQL checks each one with a single join instead of a trigger per row
        # (a 290k-row store: 12 s of per-row checks). All inside the one transaction.
        import psycopg

        triggered = [t.name for t in self.schema.tables.values() if t.triggers]
        # and the tables whose foreign key PostgreSQL keeps with triggers (migration 0028:
        # shape reads those as the key, so they are not in `triggers`): off for the load like
        # the keys, their references checked at the end like the keys'
        for kept_by in shape.TRIGGER_KEPT_KEYS.values():
            triggered += [t for t, _ in kept_by if t not in triggered]
        with self.conn.transaction():
            keys = self.conn.execute(_PG_FOREIGN_KEYS).fetchall()
            for table, name, _ in keys:
                self.conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for table in triggered:
                self.conn.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            yield
            for table in triggered:
                self.conn.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
            for table, name, definition in keys:
                try:
                    self.conn.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                except psycopg.errors.ForeignKeyViolation:
                    raise MoveRefused("broken_reference", table=table) from None
            for (table, key), _ in shape.TRIGGER_KEPT_KEYS.items():
                if self.conn.execute(_broken_reference_sql(table, key)).fetchone():
                    raise MoveRefused("broken_reference", table=table)

    def close(self) -> None:
        self.conn.close()


def open_side(location: Location, *, must_exist: bool) -> _Side:
    """Open (and migrate to the latest schema) the store at `location`; a SQLite file that
    does not exist is created, unless it `must_exist` (the source of a move)."""
    if location.engine == "postgres":
        return _PostgresSide(location.target)
    return _SqliteSide(location.target, must_exist=must_exist)


def _seeded_tables() -> set[str]:
    """Tables a freshly migrated store already has rows in (book_version's counter)."""
    conn = db.connect_sync(":memory:")
    try:
        names = shape.read_sqlite(conn).tables
        return {t for t in names if conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()}
    finally:
        conn.close()


def _plan(source: _Side, target: _Side) -> tuple[list[str], set[str]]:
    """The tables to copy (seeded ones last) and which are seeded; refuses a target that is
    not empty or whose tables do not match the source's."""
    wanted = {n for n in source.schema.tables if n not in shape.ENGINE_ONLY_TABLES}
    have = {n for n in target.schema.tables if n not in shape.ENGINE_ONLY_TABLES}
    if wanted != have:
        raise MoveRefused("schemas_differ", tables=", ".join(sorted(wanted ^ have)))
    for name in sorted(wanted):
        if source.schema.tables[name].column_names != target.schema.tables[name].column_names:
            raise MoveRefused("schemas_differ", tables=name)
    seeded = _seeded_tables()
    for name in sorted(wanted - seeded):
        rows = target.count(name)
        if rows:
            raise MoveRefused("target_not_empty", table=name, rows=rows)
    return sorted(wanted - seeded) + sorted(wanted & seeded), seeded


def move(
    source_at: Location, target_at: Location, progress: Progress | None = None
) -> list[Moved]:
    """Copy every table of the store at `source_at` into the empty store at `target_at`.

    Both are migrated to the latest schema first. Returns one entry per table (rows copied,
    checksum), after the target's transaction committed with every count and checksum equal.

    Raises:
        MoveRefused: same store, target not empty, schemas differ, unreachable server,
            or a table that did not arrive whole (then nothing was written).
    """
    if source_at == target_at:
        raise MoveRefused("same_store")
    source = open_side(source_at, must_exist=True)
    try:
        target = open_side(target_at, must_exist=False)
        try:
            return _copy(source, target, progress)
        finally:
            target.close()
    finally:
        source.close()


def _copy(source: _Side, target: _Side, progress: Progress | None) -> list[Moved]:
    tables, seeded = _plan(source, target)
    moved: list[Moved] = []
    with source.reading(), target.loading():
        for name in tables:
            columns = source.schema.tables[name].column_names
            total = source.count(name)
            sums = _Tally()
            if name in seeded:
                target.clear(name)
            target.load(name, columns, sums.watch(source.rows(name, columns), name, total,
                                                  progress))  # fmt: skip
            arrived = checksum(target.rows(name, columns))
            if (sums.count, sums.total) != arrived or sums.count != total:
                raise MoveRefused("verify_failed", table=name)
            moved.append(Moved(name, sums.count, sums.total))
    return moved


class _Tally:
    """Counts and checksums rows as they stream from the source to the target (one pass)."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0

    def watch(
        self, rows: Iterable[tuple[Any, ...]], table: str, expected: int, progress: Progress | None
    ) -> Iterator[tuple[Any, ...]]:
        for row in rows:
            self.count += 1
            self.total = (self.total + row_hash(row)) & _MASK
            if progress and self.count % CHUNK == 0:
                progress(table, self.count, expected)
            yield row
        if progress:
            progress(table, self.count, expected)

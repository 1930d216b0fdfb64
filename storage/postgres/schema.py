"""PostgreSQL's schema: its numbered migrations, applied with the same version numbers as SQLite's.

SQLite keeps its version in `PRAGMA user_version`; PostgreSQL has no such slot, so the version
lives in a one-row table, `ritmo_schema` (the only table SQLite does not have). Each migration
runs in its own transaction together with the version bump, under a table lock, so two
processes starting at once migrate once, and a failure leaves the previous version whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg

from storage.errors import StoreError, StoreTooNew

VERSION_TABLE = "ritmo_schema"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every PostgreSQL migration shipped with the package, in the order they apply."""
    folder = resources.files("storage.postgres") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found, key=lambda m: m.version)


def latest_version() -> int:
    return max((m.version for m in migrations()), default=0)


def current_version(conn: psycopg.Connection) -> int:
    """The schema version of the database behind `conn` (0: no ritmo schema yet)."""
    exists = conn.execute("SELECT to_regclass(%s)", (VERSION_TABLE,)).fetchone()
    if exists is None or exists[0] is None:
        return 0
    row = conn.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection) -> int:
    """Bring the schema up to date; returns the version it ends at.

    Raises:
        StoreTooNew: the database is at a version this code does not know.
        StoreError: a migration failed (rolled back; the message names it).
    """
    with conn.transaction():
        conn.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version bigint NOT NULL)")
        conn.execute(f"LOCK TABLE {VERSION_TABLE} IN EXCLUSIVE MODE")
        if conn.execute(f"SELECT count(*) FROM {VERSION_TABLE}").fetchone() == (0,):
            conn.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)")
    latest = latest_version()
    for migration in migrations():
        try:
            with conn.transaction():
                conn.execute(f"LOCK TABLE {VERSION_TABLE} IN EXCLUSIVE MODE")
                current = current_version(conn)
                if current > latest:
                    raise StoreTooNew(current, latest)
                if migration.version <= current:
                    continue
                conn.execute(migration.sql.encode("utf-8"))  # several statements: no params
                conn.execute(f"UPDATE {VERSION_TABLE} SET version = %s", (migration.version,))
        except psycopg.Error as exc:
            raise StoreError(f"migration {migration.name} failed: {exc}") from exc
    return current_version(conn)

"""SQLite's and PostgreSQL's migrations build the same schema: a change to one without the
other fails here (tables, columns, keys, CHECKs, indexes, triggers, name search)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from storage import shape
from storage.postgres import schema
from storage.sqlite import db

# The word index: SQLite's FTS5 table -> the PostgreSQL GIN indexes that do its job.
SEARCH = {
    "accounts": {"accounts_words": ["accounts_word_heads", "accounts_words"]},
    "contacts": {"contacts_words": ["contacts_word_heads", "contacts_words"]},
}


def differences(lite: shape.Schema, pg: shape.Schema) -> list[str]:
    """Every way the two schemas differ, one readable line each (empty: equivalent)."""
    found = []
    tables = set(lite.tables) | (set(pg.tables) - shape.ENGINE_ONLY_TABLES)
    for name in sorted(tables):
        if name not in lite.tables or name not in pg.tables:
            found.append(f"{name}: only on {'PostgreSQL' if name in pg.tables else 'SQLite'}")
            continue
        a, b = lite.tables[name].normalized(), pg.tables[name].normalized()
        found += [
            f"{name}.{key}: sqlite {a[key]} != postgres {b[key]}" for key in a if a[key] != b[key]
        ]
    expected = {
        table: sorted(i for fts in lite.search.get(table, []) for i in SEARCH[table][fts])
        for table in lite.search
    }
    if expected != pg.search:
        found.append(f"name search: sqlite {lite.search} -> expected {expected}, got {pg.search}")
    return found


@pytest.fixture
def lite(tmp_path: Path) -> shape.Schema:
    conn = db.connect_sync(tmp_path / "ritmo.db")
    try:
        return shape.read_sqlite(conn)
    finally:
        conn.close()


def _pg(url: str) -> shape.Schema:
    with psycopg.connect(url) as conn:
        return shape.read_postgres(conn)


def test_both_engines_number_their_migrations_alike() -> None:
    assert [m.version for m in schema.migrations()] == [m.version for m in db.migrations()]


def test_the_migrated_schemas_are_equivalent(lite: shape.Schema, pg_url: str) -> None:
    pg = _pg(pg_url)
    assert differences(lite, pg) == []
    # The comparison really looked: the schema is all there on both sides.
    assert len(lite.tables) >= 26
    assert any(i.partial and i.unique for i in pg.tables["enrolments"].indexes)
    assert len(pg.tables["book_version"].triggers) == 0  # triggers sit on the tables they watch
    assert len(pg.tables["accounts"].triggers) == 3


@pytest.mark.parametrize(
    "change, expected",
    [
        ("ALTER TABLE deals ADD COLUMN probability double precision", "deals.columns"),
        ("CREATE INDEX deals_title ON deals(title)", "deals.indexes"),
        ("ALTER TABLE people ALTER COLUMN email SET NOT NULL", "people.columns"),
        ("ALTER TABLE stages ADD CHECK (label_pt <> '')", "stages.checks"),
        ("ALTER TABLE kv ADD UNIQUE (value)", "kv.indexes"),
        ("CREATE TABLE notes (id bigint PRIMARY KEY)", "notes: only on PostgreSQL"),
        ("DROP INDEX contacts_word_heads", "name search"),
    ],
)
def test_a_change_on_one_side_only_is_caught(
    lite: shape.Schema, pg_url: str, change: str, expected: str
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(change)
    found = differences(lite, _pg(pg_url))
    assert found and all(line.startswith(expected) for line in found), found


def test_a_column_added_to_sqlite_only_is_caught(tmp_path: Path, pg_url: str) -> None:
    conn = db.connect_sync(tmp_path / "ritmo.db")
    conn.execute("ALTER TABLE accounts ADD COLUMN region TEXT")
    conn.execute("CREATE INDEX accounts_region ON accounts(region)")
    found = differences(shape.read_sqlite(conn), _pg(pg_url))
    conn.close()
    assert [line.split(":")[0] for line in found] == ["accounts.columns", "accounts.indexes"]


def test_migrating_twice_changes_nothing(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        before = shape.read_postgres(conn)
        assert schema.migrate(conn) == schema.latest_version()
        after = shape.read_postgres(conn)
    assert {n: t.normalized() for n, t in before.tables.items()} == {
        n: t.normalized() for n, t in after.tables.items()
    }
    assert before.search == after.search

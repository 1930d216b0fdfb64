"""book_version on PostgreSQL: a statement that inserts or deletes many names moves the counter
by as many as SQLite's per-row triggers would, in one update of its row (migration 0024), so a
bulk insert no longer grows a chain of row versions one per account."""

from __future__ import annotations

import psycopg

STAMP = "2026-03-04T15:00:00+00:00"


def _version(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT version FROM book_version").fetchone()[0]


def _counter_updates(conn: psycopg.Connection) -> int:
    """Updates of the counter row in this transaction so far (the server's own count)."""
    return conn.execute(
        "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'book_version'"
    ).fetchone()[0]


def test_a_bulk_insert_and_delete_move_the_version_by_their_rows_in_one_update(
    pg_url: str,
) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute(
            "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
            " VALUES ('Rep', 'rep', 'rep', 'UTC', 'en', %s)",
            (STAMP,),
        )
        before = _version(conn)
        conn.execute(
            "INSERT INTO accounts (name, name_folded, name_key, owner_id, created_at,"
            " updated_at) SELECT 'A ' || i, 'a ' || i, 'a ' || i, 1, %s, %s"
            " FROM generate_series(1, 1000) i",
            (STAMP, STAMP),
        )
        assert _version(conn) == before + 1000  # what SQLite's row triggers reach
        assert _counter_updates(conn) == 1
        conn.execute("DELETE FROM accounts WHERE id % 2 = 0")
        assert _version(conn) == before + 1500
        assert _counter_updates(conn) == 2
        conn.execute("DELETE FROM accounts WHERE id < 0")  # touched nothing
        assert _version(conn) == before + 1500
        assert _counter_updates(conn) == 2


def test_renaming_an_account_still_moves_the_version(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute(
            "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
            " VALUES ('Rep', 'rep', 'rep', 'UTC', 'en', %s)",
            (STAMP,),
        )
        conn.execute(
            "INSERT INTO accounts (name, name_folded, name_key, owner_id, created_at,"
            " updated_at) VALUES ('Acme', 'acme', 'acme', 1, %s, %s)",
            (STAMP, STAMP),
        )
        before = _version(conn)
        conn.execute("UPDATE accounts SET name = 'Acme Ltda'")
        assert _version(conn) == before + 1

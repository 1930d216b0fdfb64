"""The due scan's update on PostgreSQL probes the primary key for each staged step instead of
reading every enrolment: at 1M enrolments the sequential scan was 1.8 s of a 3.4 s update
(benchmarks/RESULTS.md, "PostgreSQL beside SQLite")."""

from __future__ import annotations

import psycopg

from storage.postgres.due_scan import MARK_SQL

ENROLMENTS, STAGED = 50_000, 5_000  # the benchmark's small size: 10 % due at once
STAMP = "2026-03-04T15:00:00+00:00"


def _fill(conn: psycopg.Connection) -> None:
    """One rep, one cadence, and ENROLMENTS accounts each with its active enrolment."""
    # The accounts' name-search indexes and book-version triggers (one counter row updated per
    # account) only slow this fill down; the plan under test is enrolments'.
    conn.execute("ALTER TABLE accounts DISABLE TRIGGER USER")
    for (name,) in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'accounts'"
        " AND indexname <> 'accounts_pkey'"
    ).fetchall():
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute(
        "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
        " VALUES ('Rep', 'rep', 'rep', 'UTC', 'en', %s)",
        (STAMP,),
    )
    conn.execute(
        "INSERT INTO cadences (key, name_pt, name_en, kind, definition, updated_at)"
        " VALUES ('c', 'c', 'c', 'account', '{}', %s)",
        (STAMP,),
    )
    conn.execute(
        "INSERT INTO accounts (name, name_folded, name_key, owner_id, created_at, updated_at)"
        " SELECT 'A ' || i, 'a ' || i, 'a ' || i, 1, %s, %s FROM generate_series(1, %s) i",
        (STAMP, STAMP, ENROLMENTS),
    )
    conn.execute(
        "INSERT INTO enrolments (cadence_key, account_id, owner_id, due_at, started_at,"
        " updated_at) SELECT 'c', i, 1, %s, %s, %s FROM generate_series(1, %s) i",
        (STAMP, STAMP, STAMP, ENROLMENTS),
    )
    conn.execute("ANALYZE")


def test_marking_staged_steps_reads_only_their_rows(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        _fill(conn)
        conn.execute("CREATE TEMP TABLE due_now (id bigint PRIMARY KEY, owner_id bigint,"
                     " step_index bigint, due_at text)")  # fmt: skip
        conn.execute(
            "INSERT INTO pg_temp.due_now SELECT id, owner_id, step_index, due_at"
            " FROM enrolments WHERE id %% 10 = 0 LIMIT %s",
            (STAGED,),
        )
        plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN {MARK_SQL}"))
        assert "Seq Scan on enrolments" not in plan, plan
        assert "enrolments_pkey" in plan, plan
        marked = conn.execute(MARK_SQL).rowcount
        assert marked == STAGED
        left = conn.execute("SELECT count(*) FROM enrolments WHERE notified_step IS NULL")
        assert left.fetchone() == (ENROLMENTS - STAGED,)

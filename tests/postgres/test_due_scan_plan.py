"""The due scan's plans on PostgreSQL, at the benchmark's mix of rows (benchmarks/RESULTS.md,
"PostgreSQL beside SQLite" and "PostgreSQL's targets"):

- staging the due steps reads the partial index enrolments_unnotified, not the overdue steps
  already reminded (migration 0025 dropped the (state, due_at) index the planner took instead:
  90 ms against 15-25 ms at 1M enrolments);
- marking the staged steps probes the primary key per staged step instead of reading every
  enrolment (the sequential scan was 1.8 s of a 3.4 s update at 1M enrolments);
- queueing the reminders skips the keys already queued with an anti-join, not ON CONFLICT's
  speculative insertion (one more WAL record and index probe per reminder), which is safe
  because two scans never run at once (the advisory lock staging takes).
"""

from __future__ import annotations

import threading
from datetime import datetime

import psycopg

from storage.postgres.due_scan import DUE_SQL, MARK_SQL, QUEUE_SQL, PgDueScan

ENROLMENTS, STAGED = 50_000, 5_000  # the benchmark's small size: 10 % due at once
REMINDED = ENROLMENTS // 10  # overdue and already reminded, as in benchmarks/scenarios/cadence
STAMP = "2026-03-04T15:00:00+00:00"


def _fill(conn: psycopg.Connection) -> None:
    """One rep, one cadence, and ENROLMENTS accounts each with its active enrolment: the first
    STAGED due and not reminded, the next REMINDED due and reminded (all within the last 10
    hours), the rest due in the next 90 days: the due times of benchmarks/scenarios/cadence."""
    # The accounts' name-search indexes and book-version triggers (one counter row updated per
    # account) only slow this fill down; the plans under test are enrolments'.
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
        "INSERT INTO enrolments (cadence_key, account_id, owner_id, due_at, notified_step,"
        " started_at, updated_at) SELECT 'c', i, 1, to_char((%(at)s::timestamptz"
        "  + CASE WHEN i <= %(past)s THEN make_interval(mins => -(i %% 600))"
        "    ELSE make_interval(days => 1 + i %% 90) END) AT TIME ZONE 'UTC',"
        '  \'YYYY-MM-DD"T"HH24:MI:SS"+00:00"\'),'
        " CASE WHEN i > %(staged)s AND i <= %(past)s THEN 0 END, %(at)s, %(at)s"
        " FROM generate_series(1, %(n)s) i",
        {"past": STAGED + REMINDED, "staged": STAGED, "at": STAMP, "n": ENROLMENTS},
    )
    conn.execute("ANALYZE")


def test_staging_due_steps_reads_only_the_unreminded_ones(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        _fill(conn)
        # A limit below the overdue rows' count, as the scan's 20k is at 1M enrolments (120k).
        plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN {DUE_SQL}", (STAMP, STAGED)))
        assert "enrolments_unnotified" in plan, plan
        assert "Seq Scan on enrolments" not in plan, plan
        due = conn.execute(DUE_SQL, (STAMP, STAGED)).fetchall()
        assert sorted(row[0] for row in due) == list(range(1, STAGED + 1))


def test_marking_staged_steps_reads_only_their_rows(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        _fill(conn)
        conn.execute("CREATE TEMP TABLE due_now (id bigint PRIMARY KEY, owner_id bigint,"
                     " step_index bigint, due_at text)")  # fmt: skip
        conn.execute(
            "INSERT INTO pg_temp.due_now SELECT id, owner_id, step_index, due_at"
            " FROM enrolments WHERE id > %s AND id %% 8 = 0 LIMIT %s",
            (STAGED + REMINDED, STAGED),
        )
        plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN {MARK_SQL}"))
        assert "Seq Scan on enrolments" not in plan, plan
        assert "enrolments_pkey" in plan, plan
        marked = conn.execute(MARK_SQL).rowcount
        assert marked == STAGED
        left = conn.execute("SELECT count(*) FROM enrolments WHERE notified_step IS NULL")
        assert left.fetchone() == (ENROLMENTS - STAGED - REMINDED,)


def _scan(conn: psycopg.Connection, limit: int = STAGED) -> int:
    scan = PgDueScan(conn)
    owners = scan.stage_due(datetime.fromisoformat(STAMP), limit)
    return scan.queue_staged([(o, STAMP, False) for o in owners], datetime.fromisoformat(STAMP))


def test_queueing_reminders_inserts_each_row_once_without_speculation(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        _fill(conn)
    with psycopg.connect(pg_url) as conn:
        PgDueScan(conn).stage_due(datetime.fromisoformat(STAMP), STAGED)
        args = (STAMP, [1], [STAMP], [False])
        plan = "\n".join(r[0] for r in conn.execute(f"EXPLAIN {QUEUE_SQL}", args))
        assert "Conflict" not in plan, plan  # ON CONFLICT's speculative insertion is gone
        conn.rollback()
        # one already queued (a step moved back to a time it was reminded at) is skipped
        conn.execute(
            "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at,"
            " created_at) VALUES (1, 'reminder', %s, '{}', %s, %s)",
            (f"reminder:7:0:{_due_of(conn, 7)}", STAMP, STAMP),
        )
        assert _scan(conn) == STAGED - 1
        conn.commit()
        assert _scan(conn) == 0
        conn.commit()
        queued = conn.execute("SELECT count(*) FROM outbox WHERE kind = 'reminder'").fetchone()
        assert queued == (STAGED,)


def _due_of(conn: psycopg.Connection, enrolment: int) -> str:
    row = conn.execute("SELECT due_at FROM enrolments WHERE id = %s", (enrolment,)).fetchone()
    assert row is not None
    return str(row[0])


def test_two_scans_at_once_queue_each_step_once_and_both_commit(pg_url: str) -> None:
    # A leader and a stale process during a lease handover: the second scan waits for the
    # first to commit, then stages nothing (every step is marked), and fails on no duplicate.
    with psycopg.connect(pg_url, autocommit=True) as conn:
        _fill(conn)
    with psycopg.connect(pg_url) as first, psycopg.connect(pg_url) as second:
        assert _scan(first) == STAGED  # not committed yet
        answers: list[int] = []
        waiting = threading.Thread(target=lambda: answers.append(_scan(second)))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive() and answers == []  # held at the lock, before staging
        first.commit()
        waiting.join(10)
        second.commit()
        assert answers == [0]
        queued = first.execute("SELECT count(DISTINCT dedupe_key), count(*) FROM outbox")
        assert queued.fetchone() == (STAGED, STAGED)

"""The due scan on PostgreSQL (the SQLite twin: storage/sqlite/due_scan.py).

The same two steps in one transaction: stage the due steps in a temporary table, then queue one
reminder each with a single INSERT ... SELECT and mark them notified. The owners' reachable
times travel as three arrays in that same statement (one round trip, where SQLite fills a
second temporary table row by row).

Scans take a transaction-level advisory lock before staging, so two processes' scans (a
leader and a stale one during a lease handover) run one after the other: the second stages
after the first committed and finds its steps marked. That is what lets the reminders' INSERT
skip the keys already queued with an anti-join instead of `ON CONFLICT DO NOTHING`, whose
speculative insertion cost one more WAL record and index probe per row (benchmarks/RESULTS.md,
"The due scan's per-row work on PostgreSQL").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import psycopg

from storage.timefmt import to_db

# storage.due_scan.DUE_SQL for PostgreSQL: the partial index enrolments_unnotified (0006) is
# the one whose predicate matches (`IS DISTINCT FROM` is SQLite's `IS NOT`). PostgreSQL has no
# INDEXED BY; since 0025 dropped enrolments_due (state, due_at) it is the only index on due_at
# for active steps, so the planner can no longer wade through the overdue steps already
# reminded (tests/postgres/test_due_scan_plan.py). Equal due times keep SQLite's index order:
# by id.
DUE_SQL = (
    "SELECT id, owner_id, step_index, due_at FROM enrolments"
    " WHERE state = 'active' AND notified_step IS DISTINCT FROM step_index AND due_at <= %s"
    " ORDER BY due_at, id LIMIT %s"
)

# Marks the staged steps queued. `= ANY(ARRAY(…))` and not `IN (SELECT …)`: the planner joined
# the temporary table by hashing it against a sequential scan of every enrolment (1.8 s of a
# 3.4 s update at 1M enrolments, 10k due); an array of unknown length makes it probe the
# primary key once per staged row instead.
MARK_SQL = (
    "UPDATE enrolments SET notified_step = step_index"
    " WHERE id = ANY(ARRAY(SELECT id FROM pg_temp.due_now))"
)

# pg_advisory_xact_lock's key for the due scan (the bytes of "ritmoDue"); released at commit or
# rollback, so it holds under a transaction-pooling proxy too.
SCAN_LOCK = 0x7269746D6F447565

# The payload's bytes are SQLite's json_object output (no spaces, keys in this order), so a
# store moved between backends holds the same text either way.
_PAYLOAD = (
    "'{\"enrolment_id\":' || d.id || ',\"step_index\":' || d.step_index"
    " || ',\"due_at\":' || to_json(d.due_at)::text"
    " || ',\"batched\":' || CASE WHEN o.batched THEN 'true' ELSE 'false' END || '}'"
)

_KEY = "'reminder:' || d.id || ':' || d.step_index || ':' || d.due_at"

# Queues one reminder per staged step whose owner has a time (the arrays: owner, not-before,
# batched). A key already queued is skipped by NOT EXISTS, not by ON CONFLICT DO NOTHING: that
# inserts speculatively (a unique-index probe, then the row, then one more WAL record to confirm
# it), ~10k WAL records and 35k buffer visits more per 10k reminders; safe because scans run
# one at a time (SCAN_LOCK) and only scans write `reminder:` keys.
QUEUE_SQL = (
    "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
    f" SELECT d.owner_id, 'reminder', {_KEY}, {_PAYLOAD}, o.not_before, %s"
    " FROM pg_temp.due_now d JOIN unnest(%s::bigint[], %s::text[], %s::boolean[])"
    "  AS o(owner_id, not_before, batched) ON o.owner_id = d.owner_id"
    f" WHERE NOT EXISTS (SELECT 1 FROM outbox x WHERE x.dedupe_key = {_KEY})"
    " ORDER BY d.id"  # the outbox ids follow SQLite's: its staged rows are kept by id
)


class PgDueScan:
    """Due scan on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def stage_due(self, now: datetime, limit: int) -> list[int]:
        """Collect the active steps due by `now` and not yet queued; returns their owners' ids.

        The rows wait in a temporary table (this connection's own, created once per session)
        for `queue_staged`, in the same transaction.
        """
        self._c.execute("SELECT pg_advisory_xact_lock(%s)", (SCAN_LOCK,))
        self._c.execute(
            "CREATE TEMP TABLE IF NOT EXISTS due_now (id bigint PRIMARY KEY, owner_id bigint,"
            " step_index bigint, due_at text)"
        )
        self._c.execute("DELETE FROM pg_temp.due_now")
        self._c.execute(f"INSERT INTO pg_temp.due_now {DUE_SQL}", (to_db(now), limit))
        rows = self._c.execute("SELECT DISTINCT owner_id FROM pg_temp.due_now ORDER BY owner_id")
        return [r[0] for r in rows]

    def queue_staged(self, owner_times: Iterable[tuple[int, str, bool]], now: datetime) -> int:
        """Queue one reminder per staged step and mark the steps notified; returns rows queued.

        Same columns and dedupe rule as the outbox's enqueue: `reminder:<enrolment>:<step>:<due>`;
        a step whose owner has no time given is not queued (and, as on SQLite, still marked). A
        key already in the outbox is skipped by the anti-join (a step re-armed with the same due
        time); no other scan can add one meanwhile (the lock `stage_due` took), and only scans
        write `reminder:` keys, so the unique index never refuses a row here.
        """
        owners: list[int] = []
        times: list[str] = []
        batched: list[bool] = []
        for owner, at, batch in owner_times:
            owners.append(owner)
            times.append(at)
            batched.append(bool(batch))
        queued = self._c.execute(QUEUE_SQL, (to_db(now), owners, times, batched)).rowcount
        self._c.execute(MARK_SQL)
        self._c.execute("DELETE FROM pg_temp.due_now")
        return queued

"""The due scan's SQL: stage the active steps that came due, then queue one reminder each.

Kept apart from storage.enrolments because it is the one hot path the scheduler runs every
minute; its indexes and temp tables are tuned for it alone (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from storage.timefmt import to_db

DUE_SQL = (
    "SELECT id, owner_id, step_index, due_at FROM enrolments"
    " INDEXED BY enrolments_unnotified"
    " WHERE state = 'active' AND notified_step IS NOT step_index AND due_at <= ?"
    " ORDER BY due_at LIMIT ?"
)


def stage_due(conn: sqlite3.Connection, now: datetime, limit: int) -> list[int]:
    """Collect the active steps due by `now` and not yet queued; returns their owners' ids.

    Reads the partial index of migration 0006 (named, so the planner can't pick the wider
    (state, due_at) index and wade through every overdue step already reminded): the scan
    touches only the rows it queues, however many enrolments exist. The rows wait in a temp
    table for `queue_staged`, in the same transaction.
    """
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS due_now (id INTEGER PRIMARY KEY, owner_id INTEGER,"
        " step_index INTEGER, due_at TEXT)"
    )
    conn.execute("DELETE FROM temp.due_now")
    conn.execute(f"INSERT INTO temp.due_now {DUE_SQL}", (to_db(now), limit))
    return [r[0] for r in conn.execute("SELECT DISTINCT owner_id FROM temp.due_now")]


def queue_staged(
    conn: sqlite3.Connection, owner_times: Iterable[tuple[int, str, bool]], now: datetime
) -> int:
    """Queue one reminder per staged step and mark the steps notified; returns rows queued.

    `owner_times` gives, per owner, when they may be reached (already in the store's time
    format, so owners sharing a schedule share one string) and whether they batch. One
    INSERT ... SELECT writes every row (same columns and dedupe rule as storage.outbox.enqueue:
    `reminder:<enrolment>:<step>:<due>`). With the staging and the marking, 10k due steps
    cost ~95 ms of CPU at 200k enrolments, mostly B-tree inserts into the outbox and its indexes.
    """
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS owner_times (owner_id INTEGER PRIMARY KEY,"
        " not_before TEXT, batched INTEGER)"
    )
    conn.execute("DELETE FROM temp.owner_times")
    conn.executemany(
        "INSERT INTO temp.owner_times VALUES (?, ?, ?)",
        [(owner, at, int(batched)) for owner, at, batched in owner_times],
    )
    queued = conn.execute(
        "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
        " SELECT d.owner_id, 'reminder',"
        "  'reminder:' || d.id || ':' || d.step_index || ':' || d.due_at,"
        "  json_object('enrolment_id', d.id, 'step_index', d.step_index, 'due_at', d.due_at,"
        "   'batched', json(CASE o.batched WHEN 1 THEN 'true' ELSE 'false' END)),"
        "  o.not_before, ?"
        " FROM temp.due_now d JOIN temp.owner_times o ON o.owner_id = d.owner_id"
        " WHERE true ON CONFLICT (dedupe_key) DO NOTHING",
        (to_db(now),),
    ).rowcount
    conn.execute(
        "UPDATE enrolments SET notified_step = step_index"
        " WHERE id IN (SELECT id FROM temp.due_now)"
    )
    conn.execute("DELETE FROM temp.due_now")
    return queued

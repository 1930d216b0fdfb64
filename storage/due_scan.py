"""The due scan's SQL: stage the active steps that came due, then queue one reminder each.

Kept apart from storage.enrolments because it is the one hot path the scheduler runs every
minute; its indexes and temp tables are tuned for it alone (see benchmarks/RESULTS.md).

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/due_scan.py.
"""

from __future__ import annotations

DUE_SQL = (
    "SELECT id, owner_id, step_index, due_at FROM enrolments"
    " INDEXED BY enrolments_unnotified"
    " WHERE state = 'active' AND notified_step IS NOT step_index AND due_at <= ?"
    " ORDER BY due_at LIMIT ?"
)

-- 0006 (PostgreSQL): the due scan's partial index, as SQLite's 0006 (SQLite's `IS NOT` is
-- PostgreSQL's `IS DISTINCT FROM`).
CREATE INDEX enrolments_unnotified ON enrolments(due_at)
    WHERE state = 'active' AND notified_step IS DISTINCT FROM step_index;

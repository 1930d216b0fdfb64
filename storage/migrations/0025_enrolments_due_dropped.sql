-- 0025: the due scan's partial index (0006) is the only index on due_at for active steps. The
-- wide enrolments_due (state, due_at) of 0001 had no reader left on SQLite (the due scan names
-- enrolments_unnotified with INDEXED BY; the paused-until job scanned the table), while
-- PostgreSQL's planner took it for the due scan and filtered every overdue step already
-- reminded (100k rows at 1M enrolments), and the scan's marking update wrote an entry into it
-- for each step it queued (an UPDATE that changes an indexed column rewrites every index on
-- PostgreSQL). The paused-until job gets a partial index holding only paused enrolments, which
-- the due scan's updates of active steps never touch. Same change on PostgreSQL (0025).
DROP INDEX enrolments_due;
CREATE INDEX enrolments_paused ON enrolments(paused_until) WHERE state = 'paused';

-- 0025 (PostgreSQL): as SQLite's 0025, enrolments_due (state, due_at) goes and a partial index
-- of paused enrolments takes the paused-until job. Two costs of the due scan at 1M enrolments,
-- 10k due (benchmarks/RESULTS.md, "PostgreSQL's targets"): the planner staged the due steps
-- through enrolments_due and filtered the 100k overdue steps already reminded (90 ms) where the
-- partial index enrolments_unnotified reads just the due ones (15-25 ms) -- its estimate of
-- `notified_step IS DISTINCT FROM step_index` cannot see that the two go together, and
-- PostgreSQL has no INDEXED BY; and the marking UPDATE, which can't be HOT (notified_step is in
-- enrolments_unnotified's predicate), wrote a new entry into every index of the table for each
-- step, enrolments_due's costing 40-80 ms per 10k steps.
DROP INDEX enrolments_due;
CREATE INDEX enrolments_paused ON enrolments(paused_until) WHERE state = 'paused';

-- 0006: the due scan reads only steps that are due AND not yet queued. With enrolments_due
-- (state, due_at) alone it would re-read every overdue step a rep has not acted on, every
-- minute; this partial index holds just the rows the scan is looking for.
CREATE INDEX enrolments_unnotified ON enrolments(due_at)
    WHERE state = 'active' AND notified_step IS NOT step_index;

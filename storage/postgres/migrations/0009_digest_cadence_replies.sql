-- 0009 (PostgreSQL): the digest's reply indexes, as SQLite's 0009.
CREATE INDEX enrolments_owner_started ON enrolments(owner_id, started_at, cadence_key);
CREATE INDEX step_events_replied ON step_events(enrolment_id) WHERE action = 'replied';

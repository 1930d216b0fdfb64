-- 0008 (PostgreSQL): the per-person time index carries the kind, as SQLite's 0008.
DROP INDEX IF EXISTS interactions_person_time;
CREATE INDEX interactions_person_time ON interactions(person_id, occurred_at, kind);

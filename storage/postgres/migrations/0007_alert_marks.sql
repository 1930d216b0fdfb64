-- 0007 (PostgreSQL): raised idle alerts, as SQLite's 0007.
CREATE TABLE alert_marks (
    key       text PRIMARY KEY,
    person_id bigint NOT NULL REFERENCES people(id) ON DELETE CASCADE DEFERRABLE,
    marked_at text NOT NULL
);

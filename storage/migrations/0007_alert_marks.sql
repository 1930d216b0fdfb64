-- 0007: which idle deal/account alerts were already raised, so one owner gets one grouped
-- message per run while each item is still raised only once per quiet period.
CREATE TABLE alert_marks (
    key       TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    marked_at TEXT NOT NULL
);

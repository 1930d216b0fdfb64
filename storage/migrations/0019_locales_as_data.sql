-- ritmo: foreign_keys off
-- A language is data now (a .po file and labels), not schema:
-- 1. people.locale stops listing pt-BR and en in a CHECK. SQLite can't change a CHECK in place,
--    so the table is rebuilt by SQLite's documented procedure, with foreign keys off (the
--    migration runner honours the marker on the first line) so dropping the old table neither
--    cascades into nor breaks the tables that reference people; the runner checks
--    foreign_key_check before committing.
-- 2. labels: a stage's or cadence's display name per locale, one row each, so a third language
--    is rows, not columns. label_pt/label_en and name_pt/name_en stay as the pt-BR/en copy
--    the existing queries read; labels holds every locale, those two included.
CREATE TABLE people_new (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_folded  TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    team_id      INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    timezone     TEXT NOT NULL,
    locale       TEXT NOT NULL CHECK (length(locale) BETWEEN 2 AND 16),
    email        TEXT,
    work_start   TEXT NOT NULL DEFAULT '09:00',
    work_end     TEXT NOT NULL DEFAULT '18:00',
    work_days    TEXT NOT NULL DEFAULT '1,2,3,4,5',
    quiet_start  TEXT,
    quiet_end    TEXT,
    notify_mode  TEXT NOT NULL DEFAULT 'each' CHECK (notify_mode IN ('each', 'batched')),
    notify_times TEXT,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL
);
INSERT INTO people_new (id, name, name_folded, role, team_id, timezone, locale, email,
    work_start, work_end, work_days, quiet_start, quiet_end, notify_mode, notify_times, active,
    created_at)
SELECT id, name, name_folded, role, team_id, timezone, locale, email, work_start, work_end,
    work_days, quiet_start, quiet_end, notify_mode, notify_times, active, created_at
FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_team ON people(team_id, role);

CREATE TABLE labels (
    kind   TEXT NOT NULL CHECK (kind IN ('stage', 'cadence')),
    key    TEXT NOT NULL,
    locale TEXT NOT NULL CHECK (length(locale) BETWEEN 2 AND 16),
    label  TEXT NOT NULL CHECK (length(trim(label)) > 0),
    PRIMARY KEY (kind, key, locale)
);  -- a rowid table: "forget" (storage/erasure.py) rewrites text by rowid in every table
INSERT INTO labels (kind, key, locale, label)
    SELECT 'stage', key, 'pt-BR', label_pt FROM stages
    UNION ALL SELECT 'stage', key, 'en', label_en FROM stages
    UNION ALL SELECT 'cadence', key, 'pt-BR', name_pt FROM cadences
    UNION ALL SELECT 'cadence', key, 'en', name_en FROM cadences;

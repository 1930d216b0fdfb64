-- ritmo: foreign_keys off
-- 0027: interactions.kind is checked by seven comparisons instead of an IN list. For a CHECK
-- `kind IN (<more than two constants>)` SQLite builds an ephemeral index of the list on every
-- INSERT (OpenEphemeral and seven IdxInserts in the statement's program, a b-tree created and
-- its page zeroed): ~2.1 us of a logged interaction's ~22 us of CPU (benchmarks/RESULTS.md,
-- issue 19 `perf21`). The same kinds are allowed and the same rows refused. SQLite can't change
-- a CHECK in place, so the table is rebuilt by SQLite's documented procedure (as 0019 did for
-- people), with foreign keys off; no table references interactions. Ids are kept. The CHECK is one
-- line so that a refused kind's error message (the CHECK's text) stays on one line.
CREATE TABLE interactions_new (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id),
    account_id        INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    deal_id           INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    contact_id        INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    kind              TEXT NOT NULL CHECK (kind = 'call' OR kind = 'email' OR kind = 'meeting' OR kind = 'visit' OR kind = 'whatsapp' OR kind = 'linkedin' OR kind = 'note'),
    outcome           TEXT,
    body              TEXT NOT NULL DEFAULT '',
    occurred_at       TEXT NOT NULL,
    latitude          REAL,
    longitude         REAL,
    attachment        TEXT,
    source_platform   TEXT,
    source_message_id TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (source_platform, source_message_id)
);
INSERT INTO interactions_new (id, person_id, account_id, deal_id, contact_id, kind, outcome, body,
    occurred_at, latitude, longitude, attachment, source_platform, source_message_id, created_at)
SELECT id, person_id, account_id, deal_id, contact_id, kind, outcome, body, occurred_at, latitude,
    longitude, attachment, source_platform, source_message_id, created_at
FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_new RENAME TO interactions;
CREATE INDEX interactions_account_time ON interactions(account_id, occurred_at);
CREATE INDEX interactions_deal_time ON interactions(deal_id, occurred_at);
CREATE INDEX interactions_person_time ON interactions(person_id, occurred_at, kind);

-- 0003: follow-ups a rep said in passing ("ligar de novo terça"): one-off steps outside any
-- cadence, due on a date, shown on the agenda with the cadence steps.

CREATE TABLE follow_ups (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    account_id        INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    deal_id           INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    kind              TEXT NOT NULL CHECK (kind IN
                          ('call', 'email', 'meeting', 'visit', 'whatsapp', 'linkedin', 'note')),
    due_date          TEXT NOT NULL,
    due_time          TEXT,
    note              TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
    source_platform   TEXT,
    source_message_id TEXT,
    created_at        TEXT NOT NULL,
    done_at           TEXT,
    UNIQUE (source_platform, source_message_id)
);
CREATE INDEX follow_ups_due ON follow_ups(person_id, state, due_date);
CREATE INDEX follow_ups_account ON follow_ups(account_id, state);

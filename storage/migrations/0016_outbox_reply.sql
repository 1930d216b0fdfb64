-- Replies to a person's message join the outbox (kind 'reply') when the platform fails them,
-- so they get the same durable retry as proactive messages. SQLite can't change a CHECK in
-- place: the table is rebuilt with the same columns, rows and indexes.
CREATE TABLE outbox_new (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN
                            ('reminder', 'agenda', 'digest', 'alert', 'notice', 'reply')),
    dedupe_key          TEXT NOT NULL UNIQUE,
    payload             TEXT NOT NULL CHECK (json_valid(payload)),
    state               TEXT NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'sent', 'failed')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     TEXT NOT NULL,
    last_error          TEXT,
    platform            TEXT,
    platform_message_id TEXT,
    created_at          TEXT NOT NULL,
    sent_at             TEXT
);
INSERT INTO outbox_new SELECT id, person_id, kind, dedupe_key, payload, state, attempts,
    next_attempt_at, last_error, platform, platform_message_id, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_person ON outbox(person_id, state);

-- 0012: tasks. A task the rep asks for ("me lembra de ligar pro Joaquim sexta") is a follow-up
-- of kind 'task': the same one-off step outside any cadence, on the same agenda. Follow-ups now
-- also get a reminder on their due day through the outbox; `reminded_at` says it was queued
-- (the due scan's partial index holds only open rows not yet queued). SQLite cannot widen a
-- CHECK in place, so the table is rebuilt; nothing references it.

CREATE TABLE follow_ups_new (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    account_id        INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    deal_id           INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    kind              TEXT NOT NULL CHECK (kind IN
                          ('call', 'email', 'meeting', 'visit', 'whatsapp', 'linkedin', 'note',
                           'task')),
    due_date          TEXT NOT NULL,
    due_time          TEXT,
    note              TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
    source_platform   TEXT,
    source_message_id TEXT,
    created_at        TEXT NOT NULL,
    done_at           TEXT,
    reminded_at       TEXT,
    UNIQUE (source_platform, source_message_id)
);
-- Follow-ups from before reminders existed were only ever shown on the agenda: marking them
-- reminded keeps an upgrade from sending a burst of old, overdue reminders.
INSERT INTO follow_ups_new (id, person_id, account_id, deal_id, kind, due_date, due_time, note,
                            state, source_platform, source_message_id, created_at, done_at,
                            reminded_at)
    SELECT id, person_id, account_id, deal_id, kind, due_date, due_time, note, state,
           source_platform, source_message_id, created_at, done_at, created_at
    FROM follow_ups;
DROP TABLE follow_ups;
ALTER TABLE follow_ups_new RENAME TO follow_ups;
CREATE INDEX follow_ups_due ON follow_ups(person_id, state, due_date);
CREATE INDEX follow_ups_account ON follow_ups(account_id, state);
CREATE INDEX follow_ups_unreminded ON follow_ups(due_date)
    WHERE state = 'open' AND reminded_at IS NULL;

-- 0012 (PostgreSQL): tasks are follow-ups of kind 'task' with a reminder mark, as SQLite's
-- 0012. PostgreSQL widens the CHECK in place; no rebuild. Older follow-ups count as reminded.
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_kind_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_kind_check CHECK (kind IN
    ('call', 'email', 'meeting', 'visit', 'whatsapp', 'linkedin', 'note', 'task'));
ALTER TABLE follow_ups ADD COLUMN reminded_at text;
UPDATE follow_ups SET reminded_at = created_at;
CREATE INDEX follow_ups_unreminded ON follow_ups(due_date)
    WHERE state = 'open' AND reminded_at IS NULL;

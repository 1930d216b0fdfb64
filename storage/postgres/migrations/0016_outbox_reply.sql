-- 0016 (PostgreSQL): replies join the outbox (kind 'reply'), as SQLite's 0016; the CHECK is
-- widened in place.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN
    ('reminder', 'agenda', 'digest', 'alert', 'notice', 'reply'));

-- Leases: which process holds a role (periodic jobs, one platform's delivery) until when, so
-- several processes on one store agree on one leader without advisory locks. Claims: a row of
-- the inbox or outbox handed to one process until a time, so a crashed process's work is
-- retried by another once the claim expires. On SQLite one process holds everything; the
-- columns are kept so that both backends have one schema.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    acquired_at TEXT,
    renewed_at  TEXT,
    expires_at  TEXT NOT NULL
);
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE inbox ADD COLUMN chat TEXT;
ALTER TABLE inbox ADD COLUMN claimed_by TEXT;
ALTER TABLE inbox ADD COLUMN claimed_until TEXT;

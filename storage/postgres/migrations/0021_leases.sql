-- 0021 (PostgreSQL): leases and the claim columns of the inbox and outbox, as SQLite's 0021.
-- Leader election uses a row, not advisory locks: those break behind pgbouncer's transaction
-- pooling and are missing on some PostgreSQL-compatible engines.
CREATE TABLE leases (
    name        text PRIMARY KEY,
    holder      text NOT NULL,
    acquired_at text,
    renewed_at  text,
    expires_at  text NOT NULL
);
ALTER TABLE outbox ADD COLUMN claimed_by text;
ALTER TABLE outbox ADD COLUMN claimed_until text;
ALTER TABLE inbox ADD COLUMN chat text;
ALTER TABLE inbox ADD COLUMN claimed_by text;
ALTER TABLE inbox ADD COLUMN claimed_until text;

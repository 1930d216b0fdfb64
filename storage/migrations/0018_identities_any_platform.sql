-- 0018: the store no longer lists chat platforms. identities.platform had a CHECK naming
-- slack, telegram and console, so a new channel needed a schema change; the channel registry
-- (bot/channels) is now what decides which platforms exist. SQLite can't drop a CHECK, so the
-- table is rebuilt with the same rows and ids. Dropping the old table sets link_codes'
-- used_by_identity_id to NULL (ON DELETE SET NULL); those links are kept aside and put back.
CREATE TEMP TABLE used_codes_0018 AS
    SELECT code, used_by_identity_id FROM link_codes WHERE used_by_identity_id IS NOT NULL;
CREATE TABLE identities_0018 (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    platform    TEXT NOT NULL CHECK (length(trim(platform)) > 0),
    external_id TEXT NOT NULL,
    chat_id     TEXT,
    preferred   INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (platform, external_id)
);
INSERT INTO identities_0018 (id, person_id, platform, external_id, chat_id, preferred, created_at)
    SELECT id, person_id, platform, external_id, chat_id, preferred, created_at FROM identities;
DROP TABLE identities;
ALTER TABLE identities_0018 RENAME TO identities;
CREATE INDEX identities_person ON identities(person_id);
UPDATE link_codes SET used_by_identity_id = (
    SELECT u.used_by_identity_id FROM used_codes_0018 u WHERE u.code = link_codes.code
) WHERE code IN (SELECT code FROM used_codes_0018);
DROP TABLE used_codes_0018;

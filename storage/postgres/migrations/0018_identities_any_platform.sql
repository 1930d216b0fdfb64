-- 0018: the store no longer lists chat platforms (see the SQLite migration of the same number):
-- the channel registry (bot/channels) decides which platforms exist.
ALTER TABLE identities DROP CONSTRAINT identities_platform_check;
ALTER TABLE identities ADD CONSTRAINT identities_platform_check CHECK (length(trim(platform)) > 0);

-- 0002 (PostgreSQL): SQLite's 0002 added FTS5 trigram tables over the folded names; here the
-- same narrowing is a pg_trgm index on the column itself (no table, no triggers). 0004 replaces
-- it with word indexes, as SQLite's 0004 does.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX accounts_fts ON accounts USING gin (name_folded gin_trgm_ops);
CREATE INDEX contacts_fts ON contacts USING gin (name_folded gin_trgm_ops);

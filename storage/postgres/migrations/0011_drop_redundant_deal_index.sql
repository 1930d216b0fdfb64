-- 0011 (PostgreSQL): deals_owner_stage is a prefix of deals_book, as SQLite's 0011.
DROP INDEX IF EXISTS deals_owner_stage;

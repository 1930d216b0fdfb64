-- 0010 (PostgreSQL): each account's comparison key, as SQLite's 0010 (computed in Python by
-- storage.text.name_key; a store moved here brings its keys along).
ALTER TABLE accounts ADD COLUMN name_key text;
CREATE INDEX accounts_name_key ON accounts(name_key);

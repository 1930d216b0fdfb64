-- 0010: each account's name in the form names are compared in (storage.text.name_key: folded,
-- punctuation-free, company suffixes dropped). A name typed exactly, the common case when a
-- rep logs a call, is then one index lookup instead of a word-index query whose common words
-- ("padaria", "comercio") walk thousands of postings. The key is computed in Python, so
-- storage.db.migrate fills it for rows that lack it (this migration's, or rows written by
-- older code) every time a store is opened.
ALTER TABLE accounts ADD COLUMN name_key TEXT;
CREATE INDEX accounts_name_key ON accounts(name_key);

-- Nothing changes on SQLite: PostgreSQL's 0024 moves book_version once per inserting or deleting
-- statement (by its row count, the same number SQLite's per-row triggers reach), and both
-- engines number their migrations alike.
SELECT 1;

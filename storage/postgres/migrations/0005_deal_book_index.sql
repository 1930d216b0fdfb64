-- 0005 (PostgreSQL): the covering index for the book questions, as SQLite's 0005.
CREATE INDEX deals_book ON deals(owner_id, status, stage_key, amount, currency, close_date);

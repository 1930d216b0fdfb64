-- 0028: nothing changes on SQLite. PostgreSQL's 0028 checks outbox.person_id once per statement
-- instead of once per row (its row-level foreign-key trigger was ~50 ms of the due scan's
-- ~400 ms at 10k reminders); SQLite's foreign key costs an index probe per row, no more, and
-- stays. The number is shared so both engines count their migrations alike.
SELECT 1;

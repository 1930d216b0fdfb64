-- 0015 (PostgreSQL): the inbox prune's index, as SQLite's 0015.
CREATE INDEX inbox_handled ON inbox(state, handled_at);

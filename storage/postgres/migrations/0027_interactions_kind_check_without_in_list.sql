-- 0027 (PostgreSQL): nothing to change. SQLite's 0027 rewrites interactions.kind's CHECK from an
-- IN list, for which SQLite builds an ephemeral index on every INSERT, to seven comparisons;
-- PostgreSQL evaluates `kind = ANY (ARRAY[...])` without building anything, and the two CHECKs
-- allow the same kinds. The number is kept so both engines count their migrations alike.
SELECT 1;

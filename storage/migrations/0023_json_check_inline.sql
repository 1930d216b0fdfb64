-- Nothing changes on SQLite: PostgreSQL's 0023 makes its stand-in for json_valid() cheaper, and
-- both engines number their migrations alike (tests/postgres/test_schema_equivalence.py).
SELECT 1;

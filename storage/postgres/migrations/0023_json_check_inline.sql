-- 0023 (PostgreSQL): the JSON CHECK of outbox.payload, callbacks.args and cadences.definition
-- without a plpgsql exception block. The old body caught a failed cast in an EXCEPTION block,
-- which is a subtransaction per checked row: 10-25 us a row, 164-328 ms per 10k reminders the
-- due scan queues. As a one-statement SQL function the planner inlines it into each CHECK, so
-- a row costs one json parse; a text that is not JSON now fails the cast itself (SQLSTATE
-- 22P02, "invalid input syntax for type json"), which storage/postgres/store.py's
-- translate_error reports as the same ConstraintError as SQLite's json_valid() CHECK. The
-- CHECKs themselves are unchanged (no table is rewritten or re-validated).
CREATE OR REPLACE FUNCTION ritmo_json_valid(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT value IS NULL OR value::json IS NOT NULL $$;

-- 0026: audit_at (audit_log(at)) answered no query: every read of the audit log goes by id or by
-- (entity, entity_id) (audit_entity), and the planner picked audit_at only as the narrowest
-- thing to scan whole (`SELECT count(*)`, a store move's row count, an erasure's column scan),
-- which the table or audit_entity serve as well. Every audited write paid for it: ~1 us of the
-- ~20 us of SQLite work per logged interaction (benchmarks/RESULTS.md, issue 19).
DROP INDEX IF EXISTS audit_at;

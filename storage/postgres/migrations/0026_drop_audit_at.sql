-- 0026 (PostgreSQL): audit_at answers no query here either (the audit log is read by id or by
-- entity and entity_id); dropped as SQLite's 0026, so every audited write updates one index less.
DROP INDEX IF EXISTS audit_at;

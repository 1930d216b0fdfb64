-- 0011: deals_owner_stage (owner_id, status, stage_key) is a prefix of deals_book (0005), which
-- answers every query it did; keeping both only made each deal write update one more index.
DROP INDEX IF EXISTS deals_owner_stage;

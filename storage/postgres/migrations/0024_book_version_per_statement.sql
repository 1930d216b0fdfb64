-- 0024 (PostgreSQL): inserts and deletes of accounts, contacts and deals move book_version once
-- per statement, by the number of rows the statement touched, instead of once per row. The
-- row-level triggers of 0013 updated the one counter row for every row written: a bulk insert
-- of 50k accounts was 50k updates of that row, a chain of row versions each next update walked
-- (a test's fill took 90 s with them, 9 s without). Adding the transition table's count keeps
-- the number SQLite's per-row triggers reach (tests/postgres/test_ops_parity.py compares the
-- two stores row for row). The UPDATE OF triggers stay per row: PostgreSQL allows no transition
-- table on a trigger with a column list, and SQLite counts every row such an UPDATE names,
-- changed or not. Same trigger names and events as before (and as SQLite's).
CREATE FUNCTION ritmo_book_version_add_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    touched bigint;
BEGIN
    SELECT count(*) INTO touched FROM changed;
    IF touched > 0 THEN
        UPDATE book_version SET version = version + touched WHERE id = 1;
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER book_version_account_insert ON accounts;
DROP TRIGGER book_version_account_delete ON accounts;
DROP TRIGGER book_version_contact_insert ON contacts;
DROP TRIGGER book_version_contact_delete ON contacts;
DROP TRIGGER book_version_deal_insert ON deals;
DROP TRIGGER book_version_deal_delete ON deals;

CREATE TRIGGER book_version_account_insert AFTER INSERT ON accounts
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_book_version_add_rows();
CREATE TRIGGER book_version_account_delete AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_book_version_add_rows();
CREATE TRIGGER book_version_contact_insert AFTER INSERT ON contacts
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_book_version_add_rows();
CREATE TRIGGER book_version_contact_delete AFTER DELETE ON contacts
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_book_version_add_rows();
CREATE TRIGGER book_version_deal_insert AFTER INSERT ON deals
    REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_book_version_add_rows();
CREATE TRIGGER book_version_deal_delete AFTER DELETE ON deals
    REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_book_version_add_rows();

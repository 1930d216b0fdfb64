-- 0013 (PostgreSQL): the number that moves whenever a visible name changes, as SQLite's 0013,
-- with one row-level trigger per SQLite trigger (same names, same events).
CREATE TABLE book_version (
    id      bigint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO book_version (id, version) VALUES (1, 0);

CREATE FUNCTION ritmo_book_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER book_version_account_insert AFTER INSERT ON accounts
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_account_delete AFTER DELETE ON accounts
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_account_update AFTER UPDATE OF name, owner_id ON accounts
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_contact_insert AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_contact_delete AFTER DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_contact_update AFTER UPDATE OF name, account_id ON contacts
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_deal_insert AFTER INSERT ON deals
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_deal_delete AFTER DELETE ON deals
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();
CREATE TRIGGER book_version_deal_update AFTER UPDATE OF owner_id, account_id ON deals
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();

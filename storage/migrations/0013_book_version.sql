-- 0013: one number that moves whenever a name someone can see changes (an account or contact
-- created, renamed, removed or handed to another owner, a deal that puts an account in a
-- rep's book). The chat keeps each asker's book of names in memory and reads only this row to
-- know it is still right: any process's write (a CSV import, a second ritmo) moves it.
CREATE TABLE book_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO book_version (id, version) VALUES (1, 0);

CREATE TRIGGER book_version_account_insert AFTER INSERT ON accounts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_account_delete AFTER DELETE ON accounts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_account_update AFTER UPDATE OF name, owner_id ON accounts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_contact_insert AFTER INSERT ON contacts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_contact_delete AFTER DELETE ON contacts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_contact_update AFTER UPDATE OF name, account_id ON contacts BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_deal_insert AFTER INSERT ON deals BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_deal_delete AFTER DELETE ON deals BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER book_version_deal_update AFTER UPDATE OF owner_id, account_id ON deals BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;

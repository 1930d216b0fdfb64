-- 0022: a deal's title is now a name in its owner's book ("as câmaras frias" leads to the
-- account the deal is at), so renaming a deal moves the book's version like renaming an
-- account or a contact does (0013).
CREATE TRIGGER book_version_deal_title AFTER UPDATE OF title ON deals BEGIN
    UPDATE book_version SET version = version + 1 WHERE id = 1;
END;

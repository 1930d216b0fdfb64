-- 0022 (PostgreSQL): a renamed deal moves the book's version, as SQLite's 0022 (a deal's
-- title is a name in its owner's book).
CREATE TRIGGER book_version_deal_title AFTER UPDATE OF title ON deals
    FOR EACH ROW EXECUTE FUNCTION ritmo_book_version_bump();

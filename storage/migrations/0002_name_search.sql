-- 0002: trigram indexes over folded account and contact names, so a name typed in a chat is
-- narrowed to a few hundred candidates in SQLite before rapidfuzz ranks them (a plain scan of
-- 200k names costs tens of milliseconds). External-content tables: the names live once.

CREATE VIRTUAL TABLE accounts_fts USING fts5(
    name_folded, content='accounts', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER accounts_fts_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO accounts_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE TRIGGER accounts_fts_delete AFTER DELETE ON accounts BEGIN
    INSERT INTO accounts_fts (accounts_fts, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
END;
CREATE TRIGGER accounts_fts_update AFTER UPDATE OF name_folded ON accounts BEGIN
    INSERT INTO accounts_fts (accounts_fts, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
    INSERT INTO accounts_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
INSERT INTO accounts_fts (accounts_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE contacts_fts USING fts5(
    name_folded, content='contacts', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name_folded ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
    INSERT INTO contacts_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');

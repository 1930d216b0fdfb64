-- 0012: name narrowing by words instead of trigrams. On 200k names a trigram query for a
-- common word ("paulista") walks huge posting lists (tens of ms); a word index with 3-letter
-- prefixes answers "every word typed" and, for a typo, "every word's first three letters"
-- from short lists. Replaces the trigram tables of 0002.

DROP TRIGGER accounts_fts_insert;
DROP TRIGGER accounts_fts_delete;
DROP TRIGGER accounts_fts_update;
DROP TABLE accounts_fts;
DROP TRIGGER contacts_fts_insert;
DROP TRIGGER contacts_fts_delete;
DROP TRIGGER contacts_fts_update;
DROP TABLE contacts_fts;

CREATE VIRTUAL TABLE accounts_words USING fts5(
    name_folded, content='accounts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='3'
);
CREATE TRIGGER accounts_words_insert AFTER INSERT ON accounts BEGIN
    INSERT INTO accounts_words (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE TRIGGER accounts_words_delete AFTER DELETE ON accounts BEGIN
    INSERT INTO accounts_words (accounts_words, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
END;
CREATE TRIGGER accounts_words_update AFTER UPDATE OF name_folded ON accounts BEGIN
    INSERT INTO accounts_words (accounts_words, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
    INSERT INTO accounts_words (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
INSERT INTO accounts_words (accounts_words) VALUES ('rebuild');

CREATE VIRTUAL TABLE contacts_words USING fts5(
    name_folded, content='contacts', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='3'
);
CREATE TRIGGER contacts_words_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_words (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE TRIGGER contacts_words_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_words (contacts_words, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
END;
CREATE TRIGGER contacts_words_update AFTER UPDATE OF name_folded ON contacts BEGIN
    INSERT INTO contacts_words (contacts_words, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
    INSERT INTO contacts_words (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
INSERT INTO contacts_words (contacts_words) VALUES ('rebuild');

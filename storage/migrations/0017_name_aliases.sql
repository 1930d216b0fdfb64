-- 0014: names learned from use. When a rep answers "which one?" by picking an account, the
-- phrase they typed ("a padaria", "silva") is kept for that rep, so the same phrase next time
-- means that account without asking again. One row per (person, phrase); a later pick of the
-- same phrase replaces the account. Rows go with the person or the account.
CREATE TABLE name_aliases (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    phrase      TEXT NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    UNIQUE (person_id, phrase)
);
CREATE INDEX name_aliases_account ON name_aliases(account_id);

-- 0004 (PostgreSQL): name narrowing by words, as SQLite's 0004 (an FTS5 word index with
-- 3-letter prefixes). A name's words are split exactly where FTS5's unicode61 tokenizer splits
-- them (any character that is not a letter or digit, judged by ICU so the server's locale
-- does not matter); GIN indexes over the words and over their first three letters answer
-- "every word typed" and "every word's first three letters" (storage/postgres/search.py).
-- The trigram indexes of 0002 go, as SQLite's trigram tables do; the pg_trgm extension stays.
CREATE FUNCTION ritmo_words(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(w), '{}')
    FROM regexp_split_to_table(lower(name COLLATE "und-x-icu"), '[^[:alnum:]]+') AS w
    WHERE w <> ''
$$;
CREATE FUNCTION ritmo_word_heads(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT left(w, 3)), '{}')
    FROM unnest(ritmo_words(name)) AS w
    WHERE length(w) >= 3
$$;
CREATE INDEX accounts_words ON accounts USING gin (ritmo_words(name_folded));
CREATE INDEX accounts_word_heads ON accounts USING gin (ritmo_word_heads(name_folded));
CREATE INDEX contacts_words ON contacts USING gin (ritmo_words(name_folded));
CREATE INDEX contacts_word_heads ON contacts USING gin (ritmo_word_heads(name_folded));
DROP INDEX accounts_fts;
DROP INDEX contacts_fts;

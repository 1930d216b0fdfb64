-- 0019: locales are data (see the SQLite migration of the same number): people.locale stops
-- listing pt-BR and en, and labels holds stage and cadence names, one row per locale.
ALTER TABLE people DROP CONSTRAINT people_locale_check;
ALTER TABLE people ADD CONSTRAINT people_locale_check CHECK (length(locale) BETWEEN 2 AND 16);

CREATE TABLE labels (
    kind   text NOT NULL CHECK (kind IN ('stage', 'cadence')),
    key    text NOT NULL,
    locale text NOT NULL CHECK (length(locale) BETWEEN 2 AND 16),
    label  text NOT NULL CHECK (length(trim(label)) > 0),
    PRIMARY KEY (kind, key, locale)
);
INSERT INTO labels (kind, key, locale, label)
    SELECT 'stage', key, 'pt-BR', label_pt FROM stages
    UNION ALL SELECT 'stage', key, 'en', label_en FROM stages
    UNION ALL SELECT 'cadence', key, 'pt-BR', name_pt FROM cadences
    UNION ALL SELECT 'cadence', key, 'en', name_en FROM cadences;

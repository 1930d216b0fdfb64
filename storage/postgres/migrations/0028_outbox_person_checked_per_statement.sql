-- 0028 (PostgreSQL): outbox.person_id -> people(id) is kept by triggers that check a whole
-- statement's rows at once, instead of the FOREIGN KEY, whose check is a row-level trigger: one
-- SPI query (executor start, index probe, FOR KEY SHARE lock, executor end) per inserted row,
-- ~50 ms of the due scan's ~400 ms when it queues 10k reminders at 1M enrolments
-- (benchmarks/RESULTS.md, "The due scan's per-row work on PostgreSQL"). Same rules and the same
-- error as the key's (SQLSTATE 23503, which translate_error reports as ConstraintError):
--   * rows inserted into outbox must name existing people; each person named is locked FOR KEY
--     SHARE as the key's check did, so a concurrent delete of that person waits for this
--     transaction (or, having committed first, makes the insert fail);
--   * an UPDATE that changes person_id is checked the same way (per row; nothing does it today);
--   * deleting people deletes their outbox rows (ON DELETE CASCADE), once per statement;
--   * a person's id cannot change while outbox rows name it (NO ACTION).
-- storage/shape.py reads these triggers as the foreign key SQLite declares, so the schemas still
-- compare equal (tests/postgres/test_schema_equivalence.py). `ritmo store move` disables user
-- triggers while it loads, as it did for the key's checks.
ALTER TABLE outbox DROP CONSTRAINT outbox_person_id_fkey;

-- One query: each person named, locked if there (a subquery's FOR KEY SHARE locks the rows it
-- returns); a name left without its row fails the statement.
CREATE FUNCTION ritmo_outbox_people_named() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM (SELECT DISTINCT person_id FROM added) AS a
        LEFT JOIN LATERAL (SELECT id FROM people WHERE id = a.person_id FOR KEY SHARE) AS p
            ON true
        WHERE p.id IS NULL;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "outbox" violates foreign key constraint "outbox_person_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'outbox',
                  CONSTRAINT = 'outbox_person_id_fkey';
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION ritmo_outbox_person_named() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM people WHERE id = NEW.person_id FOR KEY SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'insert or update on table "outbox" violates foreign key constraint "outbox_person_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'outbox',
                  CONSTRAINT = 'outbox_person_id_fkey';
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION ritmo_outbox_people_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM outbox WHERE person_id IN (SELECT id FROM gone);
    RETURN NULL;
END;
$$;

CREATE FUNCTION ritmo_outbox_person_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM outbox WHERE person_id = OLD.id) THEN
        RAISE EXCEPTION 'update or delete on table "people" violates foreign key constraint "outbox_person_id_fkey" on table "outbox"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'people',
                  CONSTRAINT = 'outbox_person_id_fkey';
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_person_insert AFTER INSERT ON outbox
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_outbox_people_named();
CREATE TRIGGER outbox_person_update AFTER UPDATE OF person_id ON outbox
    FOR EACH ROW WHEN (NEW.person_id IS DISTINCT FROM OLD.person_id)
    EXECUTE FUNCTION ritmo_outbox_person_named();
CREATE TRIGGER outbox_person_delete AFTER DELETE ON people
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION ritmo_outbox_people_gone();
CREATE TRIGGER outbox_person_id_update AFTER UPDATE OF id ON people
    FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id)
    EXECUTE FUNCTION ritmo_outbox_person_kept();

"""outbox.person_id on PostgreSQL is checked once per statement (migration 0028), with the
foreign key's rules: a row naming no person is refused with the key's error, a person's delete
takes their outbox rows along, and a person being deleted meanwhile is not named."""

from __future__ import annotations

import threading

import psycopg
import pytest

from storage.errors import ConstraintError
from storage.postgres.store import translate_error

STAMP = "2026-03-04T15:00:00+00:00"


def _person(conn: psycopg.Connection, name: str) -> int:
    row = conn.execute(
        "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
        " VALUES (%s, %s, 'rep', 'UTC', 'en', %s) RETURNING id",
        (name, name.lower(), STAMP),
    ).fetchone()
    assert row is not None
    return int(row[0])


def _queue(conn: psycopg.Connection, people: list[int], tag: str = "k") -> int:
    return conn.execute(
        "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
        " SELECT p, 'notice', %s || ':' || i, '{}', %s, %s"
        " FROM unnest(%s::bigint[]) WITH ORDINALITY AS u(p, i)",
        (tag, STAMP, STAMP, people),
    ).rowcount


def test_many_rows_are_checked_by_one_trigger_call(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        ana, bia = _person(conn, "Ana"), _person(conn, "Bia")
        plan = conn.execute(
            "EXPLAIN (ANALYZE, FORMAT JSON) INSERT INTO outbox (person_id, kind, dedupe_key,"
            " payload, next_attempt_at, created_at) SELECT CASE WHEN i %% 2 = 0 THEN %s ELSE %s"
            " END, 'notice', 'n:' || i, '{}', %s, %s FROM generate_series(1, 500) i",
            (ana, bia, STAMP, STAMP),
        ).fetchone()
        assert plan is not None
        calls = {t["Trigger Name"]: t["Calls"] for t in plan[0][0].get("Triggers", [])}
        # the key's row-level check ("RI_ConstraintTrigger_c_…") was 500 calls here
        assert calls == {"outbox_person_insert": 1}, calls


def test_a_row_naming_no_person_is_refused_as_the_key_refused_it(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        ana = _person(conn, "Ana")
        with pytest.raises(psycopg.errors.ForeignKeyViolation) as refused:
            _queue(conn, [ana, ana + 1000])
        assert isinstance(translate_error(refused.value), ConstraintError)
        assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
        assert _queue(conn, [ana, ana]) == 2
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute("UPDATE outbox SET person_id = %s", (ana + 1000,))
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute("UPDATE people SET id = %s WHERE id = %s", (ana + 1000, ana))


def test_deleting_people_deletes_their_outbox_rows(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        ana, bia, caio = _person(conn, "Ana"), _person(conn, "Bia"), _person(conn, "Caio")
        _queue(conn, [ana, bia, caio, ana])
        conn.execute("DELETE FROM people WHERE id = ANY(%s)", ([ana, caio],))
        left = conn.execute("SELECT person_id FROM outbox").fetchall()
        assert left == [(bia,)]


def test_a_person_deleted_meanwhile_cannot_be_named(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as setup:
        ana = _person(setup, "Ana")
    with psycopg.connect(pg_url) as deleting, psycopg.connect(pg_url) as queueing:
        deleting.execute("DELETE FROM people WHERE id = %s", (ana,))  # not committed yet
        errors: list[BaseException] = []

        def queue() -> None:
            try:
                _queue(queueing, [ana])
            except psycopg.Error as exc:
                errors.append(exc)

        waiting = threading.Thread(target=queue)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # the person's row is locked by the delete: the check waits
        deleting.commit()
        waiting.join(10)
        assert [type(e) for e in errors] == [psycopg.errors.ForeignKeyViolation]

"""The JSON CHECKs on PostgreSQL (outbox.payload, callbacks.args, cadences.definition) refuse
what SQLite's json_valid() refuses, with the same ConstraintError, without a plpgsql exception
block per row (migration 0023: a subtransaction per reminder the due scan queued)."""

from __future__ import annotations

import psycopg
import pytest

from storage.errors import ConstraintError
from storage.postgres.store import translate_error

STAMP = "2026-03-04T15:00:00+00:00"


def _queue(conn: psycopg.Connection, payload: str) -> None:
    conn.execute(
        "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at, created_at)"
        " VALUES (1, 'notice', %s, %s, %s, %s)",
        (payload, payload, STAMP, STAMP),
    )


@pytest.fixture
def conn(pg_url: str):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
            " VALUES ('Rep', 'rep', 'rep', 'UTC', 'en', %s)",
            (STAMP,),
        )
        yield conn


@pytest.mark.parametrize("payload", ["{", "not json", "", "{'single': 'quotes'}", "[1,]"])
def test_a_payload_that_is_not_json_is_refused_as_a_broken_rule(conn, payload: str) -> None:
    with pytest.raises(psycopg.Error) as caught:
        _queue(conn, payload)
    error = translate_error(caught.value)
    assert isinstance(error, ConstraintError), error
    assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)


@pytest.mark.parametrize("payload", ['{"replies":[{"text":"oi"}]}', "[]", "1", '"x"', "null"])
def test_json_of_every_kind_is_kept(conn, payload: str) -> None:
    _queue(conn, payload)
    assert conn.execute("SELECT payload FROM outbox").fetchone() == (payload,)


def test_the_check_runs_no_plpgsql_per_row(conn) -> None:
    # A plpgsql EXCEPTION block is a subtransaction per checked row; plain SQL is inlined.
    language = conn.execute(
        "SELECT l.lanname FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang"
        " WHERE p.proname = 'ritmo_json_valid'"
    ).fetchone()
    assert language == ("sql",)

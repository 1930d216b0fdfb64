"""Synthetic seeding: the fast bulk path still leaves a store whose every row is valid and whose
word index finds what was generated."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import stages
from storage.audit import Actor
from storage.seeding import SyntheticSpec
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 18, 17, 0, tzinfo=UTC)
SPEC = SyntheticSpec(reps=7, accounts=300, deals=400, interactions=60_000, enrolments=900, seed=3)


def _seeded(path: Path, spec: SyntheticSpec = SPEC, times: int = 1) -> sqlite3.Connection:
    conn = db.connect_sync(path)
    conn.row_factory = None
    with db.transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, Actor.system("test"))
    for _ in range(times):
        with db.transaction(conn):
            SqliteTx(conn).seeding.seed_synthetic(spec, NOW)
    return conn


def test_every_seeded_row_passes_the_schema_rules(tmp_path: Path) -> None:
    conn = _seeded(tmp_path / "s.db", times=2)  # a fresh store, then one that has rows
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM accounts WHERE name_key IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == 120_000


def test_rules_and_settings_are_back_after_seeding(tmp_path: Path) -> None:
    conn = _seeded(tmp_path / "s.db")
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -2000
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(
            "INSERT INTO interactions (person_id, account_id, kind, occurred_at, created_at)"
            " SELECT owner_id, id, 'telepathy', 'x', 'x' FROM accounts LIMIT 1"
        )


def test_word_index_finds_seeded_accounts_and_contacts(tmp_path: Path) -> None:
    conn = _seeded(tmp_path / "s.db", times=2)
    for table in ("accounts_words", "contacts_words"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    name, account_id = conn.execute(
        "SELECT name_folded, id FROM accounts ORDER BY id DESC"
    ).fetchone()
    found = conn.execute(
        "SELECT rowid FROM accounts_words WHERE accounts_words MATCH ?", (f'"{name}"',)
    ).fetchall()
    assert (account_id,) in found
    # New accounts still reach the index through its trigger.
    conn.execute(
        "INSERT INTO accounts (name, name_folded, name_key, created_at, updated_at)"
        " VALUES ('Zebra Azul', 'zebra azul', 'zebra azul', 'x', 'x')"
    )
    assert (
        conn.execute(
            "SELECT count(*) FROM accounts_words WHERE accounts_words MATCH 'zebra'"
        ).fetchone()[0]
        == 1
    )


def test_each_rep_logs_only_on_accounts_they_own_in_time_order(tmp_path: Path) -> None:
    conn = _seeded(tmp_path / "s.db")
    assert (
        conn.execute(
            "SELECT count(*) FROM interactions i JOIN accounts a ON a.id = i.account_id"
            " WHERE a.owner_id IS NOT i.person_id"
        ).fetchone()[0]
        == 0
    )
    per_rep = conn.execute(
        "SELECT count(*), min(occurred_at), max(occurred_at) FROM interactions GROUP BY person_id"
    ).fetchall()
    assert len(per_rep) == 7
    assert max(n for n, *_ in per_rep) - min(n for n, *_ in per_rep) <= 1
    for _n, first, last in per_rep:
        assert "2026-05-22" <= first[:10] and last < "2026-11-18T17:00:00+00:00"
    assert conn.execute("SELECT count(DISTINCT account_id) FROM interactions").fetchone()[0] == 300


def test_more_reps_than_accounts_still_gives_every_row_an_owner(tmp_path: Path) -> None:
    spec = SyntheticSpec(reps=9, accounts=4, deals=3, interactions=50, enrolments=6)
    conn = _seeded(tmp_path / "s.db", spec)
    assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] == 50
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    owners = conn.execute("SELECT count(DISTINCT owner_id) FROM accounts").fetchone()[0]
    assert owners == 4

"""Locales are data: people may speak any locale, and names of stages and cadences are rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.sqlite import db, labels
from storage.sqlite.db import connect_sync, transaction
from storage.sqlite.repositories import SqliteTx


def _store_before_labels(path: Path) -> None:
    old = sqlite3.connect(path, isolation_level=None)
    for migration in db.migrations():
        if migration.name.startswith("0019_"):
            break
        old.executescript(f"BEGIN;{migration.sql};PRAGMA user_version={migration.version};COMMIT;")
    old.executescript(
        "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
        " VALUES ('Ana', 'ana', 'rep', 'UTC', 'pt-BR', '2026-01-01');"
        "INSERT INTO identities (person_id, platform, external_id, created_at)"
        " VALUES (1, 'telegram', '501', '2026-01-01');"
        "INSERT INTO accounts (name, name_folded, name_key, owner_id, created_at, updated_at)"
        " VALUES ('Acme', 'acme', 'acme', 1, '2026-01-01', '2026-01-01');"
        "INSERT INTO stages (key, position, label_pt, label_en, probability)"
        " VALUES ('proposal', 1, 'Proposta', 'Proposal', 0.5);"
        "INSERT INTO cadences (key, kind, name_pt, name_en, definition, source, updated_at)"
        " VALUES ('nurture', 'nurture', 'Nutrição', 'Nurture', '{}', 'builtin', '2026-01-01');"
    )
    old.close()


def test_the_migration_keeps_people_and_what_points_at_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _store_before_labels(path)
    conn = connect_sync(path)
    try:
        assert [tuple(r) for r in conn.execute("SELECT name, locale FROM people")] == [
            ("Ana", "pt-BR")
        ]
        assert conn.execute("SELECT count(*) FROM identities").fetchone()[0] == 1
        assert conn.execute("SELECT owner_id FROM accounts").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with transaction(conn):
            conn.execute(
                "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
                " VALUES ('Sofía', 'sofia', 'rep', 'UTC', 'es', '2026-01-01')"
            )
        found = labels.load(conn)
        assert found.get("stage", "proposal", "en") == "Proposal"
        assert found.get("cadence", "nurture", "pt-BR") == "Nutrição"
        assert found.get("stage", "proposal", "es") is None
    finally:
        conn.close()


def test_a_deleted_person_still_cascades_after_the_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _store_before_labels(path)
    conn = connect_sync(path)
    try:
        with transaction(conn):
            conn.execute("DELETE FROM accounts")
            conn.execute("DELETE FROM people WHERE id = 1")
        assert conn.execute("SELECT count(*) FROM identities").fetchone()[0] == 0
    finally:
        conn.close()


def test_labels_are_replaced_per_key_and_locale(tmp_path: Path) -> None:
    conn = connect_sync(tmp_path / "ritmo.db")
    try:
        with transaction(conn):
            labels.put(conn, "stage", "proposal", {"pt-BR": "Proposta", "es": "Propuesta"})
            labels.put(conn, "stage", "proposal", {"pt-BR": "Proposta", "es": "Cotización"})
        found = labels.load(conn)
        assert found.get("stage", "proposal", "es") == "Cotización"
        assert dict(found.by_key[("stage", "proposal")]) == {
            "pt-BR": "Proposta",
            "es": "Cotización",
        }
        with pytest.raises(ValueError):
            labels.put(conn, "team", "x", {})
    finally:
        conn.close()


def test_stages_carry_their_labels_in_every_locale_the_data_gives(tmp_path: Path) -> None:
    from storage import stages
    from storage.audit import Actor

    conn = connect_sync(tmp_path / "ritmo.db")
    try:
        with transaction(conn):
            SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, Actor.system("test"))
        first = SqliteTx(conn).stages.list_stages()[0]
        assert (first.label("es"), first.label("en"), first.label("pt-BR")) == (
            "Prospección",
            "Prospecting",
            "Prospecção",
        )
        assert labels.load(conn).get("stage", "commit", "es") == "Cierre"
        with transaction(conn):  # unchanged data: nothing rewritten
            assert (
                SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, Actor.system("t")) == 0
            )
    finally:
        conn.close()

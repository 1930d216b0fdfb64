"""Migration 0018: the store keeps any platform's identities; the channel registry decides
which platforms exist. A store made before it keeps its identities, ids and used link codes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage import backends
from storage.audit import CLI
from storage.sqlite import db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
BEFORE = 17  # the last version whose identities table listed the platforms


def _store_at(path: Path, version: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in db.migrations():
        if migration.version <= version:
            conn.executescript(
                f"BEGIN;{migration.sql};PRAGMA user_version={migration.version};COMMIT;"
            )
    conn.close()


async def test_an_identity_of_a_new_platform_is_stored(db_path: Path) -> None:
    store = await backends.connect(db_path)
    try:
        ana = await store.write(
            lambda tx: tx.people.add_person(
                name="Ana", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
            )
        )
        linked = await store.write(
            lambda tx: tx.people.link_identity(
                ana.id, "whatsapp", "+5511999990000", None, CLI, NOW
            )
        )
        found = await store.read(
            lambda tx: tx.people.person_for_identity("whatsapp", "+5511999990000")
        )
    finally:
        await store.close()
    assert linked.platform == "whatsapp" and found is not None and found.name == "Ana"


async def test_identities_and_used_codes_survive_the_migration(db_path: Path) -> None:
    _store_at(db_path, BEFORE)
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO people (id, name, name_folded, role, timezone, locale, created_at)"
            " VALUES (7, 'Ana', 'ana', 'rep', 'UTC', 'pt-BR', '2026-11-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO identities (id, person_id, platform, external_id, chat_id, preferred,"
            " created_at) VALUES (41, 7, 'telegram', '1001', '1001', 1, '2026-11-02T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO link_codes (code, person_id, created_at, expires_at, used_at,"
            " used_by_identity_id) VALUES ('ABC123', 7, '2026-11-01T00:00:00+00:00',"
            " '2026-11-08T00:00:00+00:00', '2026-11-02T00:00:00+00:00', 41)"
        )
    store = await backends.connect(db_path)
    await store.close()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT id, person_id, platform FROM identities").fetchall() == [
            (41, 7, "telegram")
        ]
        assert conn.execute("SELECT used_by_identity_id FROM link_codes").fetchall() == [(41,)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert "whatsapp" not in str(
            conn.execute("SELECT sql FROM sqlite_master WHERE name = 'identities'").fetchone()
        )
        conn.execute(
            "INSERT INTO identities (person_id, platform, external_id, created_at)"
            " VALUES (7, 'whatsapp', '+55', '2026-11-03T00:00:00+00:00')"
        )

"""A migration of a store that holds data leaves a copy of it at the old version (issue 18)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.sqlite import db
from storage.sqlite.db import Store, latest_version
from storage.sqlite.repositories import SqliteTx
from storage.sqlite.safety_copy import path_for


def _store_at(path: Path, version: int) -> None:
    """A store left by an older ritmo: migrated up to `version`, holding one person."""
    with sqlite3.connect(path, isolation_level=None) as conn:
        for migration in db.migrations():
            if migration.version <= version:
                conn.executescript(
                    f"BEGIN;{migration.sql}\nPRAGMA user_version={migration.version};COMMIT;"
                )
        conn.execute("INSERT INTO kv (key, value) VALUES ('who', 'Ana Souza')")


async def test_migrating_a_store_with_data_leaves_a_copy_that_opens_at_the_old_version(
    db_path: Path,
) -> None:
    old = latest_version() - 1
    _store_at(db_path, old)
    store = await Store.open(db_path)
    await store.close()
    copy = db_path.with_name(f"ritmo.v{old}.backup.db")
    assert path_for(db_path, old) == copy and copy.is_file()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == old
        assert conn.execute("SELECT value FROM kv WHERE key='who'").fetchone() == ("Ana Souza",)
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        # so `ritmo privacy forget` names it among the copies that still hold what it erases
        assert [b.path for b in SqliteTx(conn).backups.remembered()] == [copy.resolve()]
    assert not list(db_path.parent.glob("*.partial"))


async def test_the_old_ritmo_can_open_the_copy(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = latest_version() - 1
    _store_at(db_path, old)
    await (await Store.open(db_path)).close()
    shipped = db.migrations()
    monkeypatch.setattr(db, "migrations", lambda: [m for m in shipped if m.version <= old])
    assert path_for(db_path, old).is_file()
    copy = await Store.open(path_for(db_path, old))  # what `ritmo restore` would then serve
    try:
        assert await copy.read(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == old
        assert (
            await copy.read(
                lambda c: c.execute("SELECT value FROM kv WHERE key='who'").fetchone()[0]
            )
            == "Ana Souza"
        )
    finally:
        await copy.close()


async def test_a_new_or_current_store_gets_no_copy(db_path: Path) -> None:
    await (await Store.open(db_path)).close()  # created: version 0 → latest
    await (await Store.open(db_path)).close()  # already current
    assert sorted(p.name for p in db_path.parent.iterdir() if "backup" in p.name) == []

"""The integrity check: damage found at open and before a backup; bounded at start."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.audit import CLI
from storage.errors import StoreCorrupt
from storage.sqlite import db, integrity
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def _filled(path: Path, accounts: int = 3000) -> Path:
    conn = db.connect_sync(path)
    with db.transaction(conn):
        for i in range(accounts):
            SqliteTx(conn).accounts.create_account(
                name=f"Loja {i} da Rua Comprida", owner_id=None, actor=CLI, now=NOW
            )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _damage(path: Path) -> None:
    middle = path.stat().st_size // 4096 // 2
    with path.open("r+b") as f:
        f.seek(middle * 4096)
        f.write(b"\xaa" * 4096 * 3)


async def test_open_refuses_a_damaged_file_before_migrating(tmp_path):
    path = _filled(tmp_path / "ritmo.db")
    _damage(path)
    with pytest.raises(StoreCorrupt) as caught:
        await db.Store.open(path)
    assert caught.value.path == str(path) and "\n" not in caught.value.detail


async def test_backup_checks_the_file_it_copies(tmp_path):
    path = _filled(tmp_path / "ritmo.db")
    async with db.open_store(path) as store:
        _damage(path)  # damaged while the bot runs: the copy must not carry it silently
        with pytest.raises(StoreCorrupt):
            await store.backup(tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


def test_the_start_check_stops_at_its_budget_and_lets_the_start_go_on(tmp_path):
    path = _filled(tmp_path / "ritmo.db")
    conn = sqlite3.connect(path)
    assert integrity.check(conn, path, budget=0.0) is False
    assert integrity.check(conn, path) is True  # the handler is gone: a full check runs
    conn.close()


def test_the_neutral_check_says_ok_or_names_the_damage_on_sqlite(tmp_path):
    from storage.integrity import check as store_check

    path = _filled(tmp_path / "ritmo.db", accounts=300)
    assert store_check(path) == "ok"
    _damage(path)
    found = store_check(path)
    assert found != "ok" and "\n" not in found

"""accounts.name_key (migration 0010): every way an account arrives gets its key, a store from
before the column gets keys when opened, and a name typed exactly is found through it without
losing the questions and the privacy the word index gave."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage import stages
from storage.audit import Actor
from storage.seeding import SyntheticSpec
from storage.sqlite import db, name_keys
from storage.sqlite.db import Store
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 18, 17, 0, tzinfo=UTC)
SYSTEM = Actor.system("test")


def _keys(conn: sqlite3.Connection) -> dict[str, str | None]:
    return dict(conn.execute("SELECT name, name_key FROM accounts").fetchall())


def test_each_way_an_account_is_written_stores_its_key(tmp_path: Path) -> None:
    conn = db.connect_sync(tmp_path / "ritmo.db")
    with db.transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, SYSTEM)
        SqliteTx(conn).accounts.create_account(
            name="ACME Indústria S.A.", owner_id=None, actor=SYSTEM, now=NOW
        )
        SqliteTx(conn).transfer.apply_import(
            actor=SYSTEM,
            now=NOW,
            reason="test",
            new_accounts=[{"ref": -1, "name": "Padaria Sílva Ltda."}],
        )
        SqliteTx(conn).seeding.seed_synthetic(
            SyntheticSpec(reps=2, accounts=30, deals=5, interactions=5, enrolments=5), NOW
        )
    keys = _keys(conn)
    assert keys["ACME Indústria S.A."] == "acme industria"
    assert keys["Padaria Sílva Ltda."] == "padaria silva"
    assert None not in keys.values()
    assert len(keys) == 32


def test_opening_a_store_from_before_the_column_fills_every_key(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in db.migrations():
        if migration.version < name_keys.FIRST_VERSION:
            conn.executescript(
                f"BEGIN;{migration.sql};PRAGMA user_version={migration.version};COMMIT;"
            )
    conn.executemany(
        "INSERT INTO accounts (name, name_folded, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [
            ("Café São João ME", "cafe sao joao me", "2026-01-01", "2026-01-01"),
            ("Loja Norte", "loja norte", "2026-01-01", "2026-01-01"),
        ],
    )
    conn.close()

    db.connect_sync(path).close()

    with sqlite3.connect(path) as conn:
        assert _keys(conn) == {"Café São João ME": "cafe sao joao", "Loja Norte": "loja norte"}


async def test_a_row_written_without_its_key_is_keyed_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "ritmo.db"
    store = await Store.open(path)
    await store.close()
    with sqlite3.connect(path) as conn:  # a tool that knows nothing of name_key
        conn.execute(
            "INSERT INTO accounts (name, name_folded, created_at, updated_at)"
            " VALUES ('Mercado Azul', 'mercado azul', '2026-01-01', '2026-01-01')"
        )
    store = await Store.open(path)
    try:
        found = await store.read(lambda c: SqliteTx(c).search.exact_accounts("mercado azul", None))
    finally:
        await store.close()
    assert [row.name for row in found] == ["Mercado Azul"]


def test_the_exact_lookup_keeps_to_the_askers_book(tmp_path: Path) -> None:
    conn = db.connect_sync(tmp_path / "ritmo.db")
    with db.transaction(conn):
        people = [
            conn.execute(
                "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
                " VALUES (?, ?, 'rep', 'America/Sao_Paulo', 'pt-BR', '2026-01-01')",
                (n, n.lower()),
            ).lastrowid
            for n in ("Ana", "Carlos")
        ]
        for owner in people:
            SqliteTx(conn).accounts.create_account(
                name="Padaria Silva", owner_id=owner, actor=SYSTEM, now=NOW
            )
    ana, carlos = people
    assert [r.id for r in SqliteTx(conn).search.exact_accounts("padaria silva", [ana])] != [
        r.id for r in SqliteTx(conn).search.exact_accounts("padaria silva", [carlos])
    ]
    assert len(SqliteTx(conn).search.exact_accounts("padaria silva", [ana])) == 1
    assert len(SqliteTx(conn).search.exact_accounts("padaria silva", None)) == 2
    assert SqliteTx(conn).search.exact_accounts("padaria silva", [9999]) == []

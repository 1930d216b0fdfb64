"""A big import rebuilds secondary indexes instead of updating them per row: the store must
end with exactly the indexes it had, consistent with the rows, and a failed import must
leave both rows and indexes as they were.

SQLite only: the rebuild is SQLite's bulk path (storage/sqlite/transfer.py) and what is
checked is SQLite itself (sqlite_master's indexes, PRAGMA integrity_check), through
tests/sqlite_raw.py."""

import sqlite3
from datetime import UTC, datetime

import pytest

from storage import stages
from storage import transfer as bulk
from storage.audit import CLI
from storage.interface import Tx
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from tests.sqlite_raw import raw

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def _indexes(tx: Tx) -> set[tuple[str, str]]:
    return set(
        raw(tx)
        .execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .fetchall()
    )


@pytest.fixture
def conn(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 3)
    connection = db.connect_sync(tmp_path / "ritmo.db")
    with db.transaction(connection):
        SqliteTx(connection).stages.install_stages(stages.DEFAULT_STAGES, CLI)
        SqliteTx(connection).people.add_person(
            name="Ana",
            role="rep",
            timezone="America/Sao_Paulo",
            locale="pt-BR",
            actor=CLI,
            now=NOW,
        )
    yield connection
    connection.close()


@pytest.fixture
def tx(conn):
    return SqliteTx(conn)


def _deals(count: int, stage: str = "qualification") -> list[dict]:
    return [
        {
            "ref": 0,
            "account_id": -1 - i % 2,
            "title": f"Deal {i}",
            "owner_id": 1,
            "stage_key": stage,
            "amount": 10.0 * i,
            "currency": "BRL",
            "close_date": None,
            "status": "open",
            "lost_reason": None,
        }
        for i in range(count)
    ]


ACCOUNTS = [{"ref": -1, "name": "Acme"}, {"ref": -2, "name": "Padaria Silva"}]


def test_big_import_keeps_every_index_and_they_answer_queries(tx: Tx):
    before = _indexes(tx)
    with db.transaction(raw(tx)):
        tx.transfer.apply_import(
            actor=CLI,
            now=NOW,
            reason="import big.csv",
            new_accounts=ACCOUNTS,
            new_deals=_deals(40),
        )
    assert _indexes(tx) == before
    assert raw(tx).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    acme = raw(tx).execute("SELECT id FROM accounts WHERE name = 'Acme'").fetchone()[0]
    assert (
        raw(tx)
        .execute(
            "SELECT count(*) FROM deals INDEXED BY deals_account WHERE account_id = ?", (acme,)
        )
        .fetchone()[0]
        == 20
    )
    assert (
        raw(tx)
        .execute(
            "SELECT count(*) FROM audit_log INDEXED BY audit_entity"
            " WHERE entity = 'deal' AND action = 'import'"
        )
        .fetchone()[0]
        == 40
    )
    assert (
        raw(tx)
        .execute(
            "SELECT count(*) FROM deal_changes INDEXED BY deal_changes_deal WHERE deal_id > 0"
        )
        .fetchone()[0]
        == 40
    )


def test_failed_big_import_leaves_rows_and_indexes_as_they_were(tx: Tx):
    before = _indexes(tx)
    with pytest.raises(sqlite3.IntegrityError), db.transaction(raw(tx)):
        tx.transfer.apply_import(
            actor=CLI,
            now=NOW,
            reason="import bad.csv",
            new_accounts=ACCOUNTS,
            new_deals=_deals(40, stage="no_such_stage"),
        )
    assert _indexes(tx) == before
    assert raw(tx).execute("SELECT count(*) FROM deals").fetchone()[0] == 0
    assert raw(tx).execute("SELECT count(*) FROM accounts").fetchone()[0] == 0


def test_many_rows_per_statement_keep_every_row_and_value(tx: Tx):
    # 30 parameters a statement: two deals each, so 41 deals take 20 full statements and a
    # short last one.
    raw(tx).setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)
    deals = _deals(41)
    with db.transaction(raw(tx)):
        tx.transfer.apply_import(
            actor=CLI,
            now=NOW,
            reason="import many.csv",
            new_accounts=ACCOUNTS,
            new_deals=deals,
        )
    stored = raw(tx).execute("SELECT title, amount FROM deals ORDER BY id").fetchall()
    assert [tuple(row) for row in stored] == [(d["title"], d["amount"]) for d in deals]
    assert (
        raw(tx).execute("SELECT count(*) FROM audit_log WHERE entity = 'deal'").fetchone()[0] == 41
    )

"""storage.books: which touches a book holds, and what counts as someone else's work."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import stages
from storage.audit import CLI
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = db.connect_sync(tmp_path / "b.db")
    with db.transaction(c):
        SqliteTx(c).stages.install_stages(stages.DEFAULT_STAGES, CLI)
        for name, role in (("Ana", "rep"), ("Bia", "rep"), ("Gil", "manager")):
            SqliteTx(c).people.add_person(
                name=name, role=role, timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
            )
    return c


def _id(conn: sqlite3.Connection, name: str) -> int:
    return SqliteTx(conn).people.find_person(name).id


def _account(conn: sqlite3.Connection, owner: str | None) -> int:
    with db.transaction(conn):
        return (
            SqliteTx(conn)
            .accounts.create_account(
                name=f"Conta {owner}",
                now=NOW,
                actor=CLI,
                owner_id=_id(conn, owner) if owner else None,
            )
            .id
        )


def _touch(
    conn: sqlite3.Connection,
    who: str,
    account_id: int,
    deal_id: int | None = None,
    days_ago: int = 1,
) -> None:
    with db.transaction(conn):
        SqliteTx(conn).interactions.log_interaction(
            person_id=_id(conn, who),
            kind="note",
            occurred_at=NOW - timedelta(days=days_ago),
            actor=CLI,
            now=NOW,
            account_id=account_id,
            deal_id=deal_id,
        )


def test_an_account_only_its_owner_works_is_not_shared(conn):
    acme = _account(conn, "Ana")
    _touch(conn, "Ana", acme)
    assert not SqliteTx(conn).books.others_at(acme, [_id(conn, "Ana")])
    assert SqliteTx(conn).books.others_at(acme, [_id(conn, "Bia")])  # Ana owns it
    assert not SqliteTx(conn).books.others_at(acme, None)  # an admin's book is everything


def test_another_persons_touch_alone_makes_it_shared(conn):
    acme = _account(conn, None)
    _touch(conn, "Ana", acme)
    _touch(conn, "Bia", acme)
    ana = [_id(conn, "Ana")]
    assert SqliteTx(conn).books.others_at(acme, ana)
    assert SqliteTx(conn).books.others_at(acme, [_id(conn, "Ana"), _id(conn, "Bia")]) is False


def test_a_note_on_a_reps_deal_is_in_the_reps_book_and_dates_it(conn):
    acme = _account(conn, "Ana")
    with db.transaction(conn):
        deal = (
            SqliteTx(conn)
            .deals.create_deal(
                account_id=acme,
                owner_id=_id(conn, "Ana"),
                title="D",
                stage_key="proposal",
                amount=1,
                actor=CLI,
                now=NOW,
            )
            .id
        )
    _touch(conn, "Gil", acme, deal_id=deal, days_ago=1)  # the manager, on Ana's deal
    _touch(conn, "Bia", acme, days_ago=0)  # another rep, on no deal of Ana's
    ana = [_id(conn, "Ana")]
    assert [i.person_id for i in SqliteTx(conn).interactions.recent_for_account(acme, ana)] == [
        _id(conn, "Gil")
    ]
    assert (
        SqliteTx(conn).interactions.last_touch(acme, ana)
        == SqliteTx(conn).interactions.recent_for_account(acme, ana)[0].occurred_at
    )
    [row] = SqliteTx(conn).deals.deal_rows(ana, account_id=acme)
    assert row.last_touch == SqliteTx(conn).interactions.last_touch(acme, ana)

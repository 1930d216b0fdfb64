"""People, link codes (single use, expiry, brute-force slow-down) and who sees whose book."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import people
from storage.audit import CLI
from storage.errors import ConstraintError
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = db.connect_sync(tmp_path / "p.db")
    with db.transaction(c):
        SqliteTx(c).people.add_person(
            name="Carla Mendes",
            role="manager",
            timezone="UTC",
            locale="pt-BR",
            actor=CLI,
            now=NOW,
            team="Sudeste",
        )
        SqliteTx(c).people.add_person(
            name="Ana Souza",
            role="rep",
            timezone="UTC",
            locale="pt-BR",
            actor=CLI,
            now=NOW,
            team="Sudeste",
        )
        SqliteTx(c).people.add_person(
            name="Otto Norte",
            role="rep",
            timezone="UTC",
            locale="en",
            actor=CLI,
            now=NOW,
            team="Norte",
        )
        SqliteTx(c).people.add_person(
            name="Rafa Ops", role="admin", timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
        )
    return c


def _code(conn: sqlite3.Connection, name: str, ttl: timedelta = timedelta(days=7)) -> str:
    with db.transaction(conn):
        return SqliteTx(conn).people.create_link_code(
            SqliteTx(conn).people.find_person(name).id, ttl, CLI, NOW
        )


def _redeem(
    conn: sqlite3.Connection, code: str, user: str = "tg1", at: datetime = NOW
) -> people.LinkResult:
    with db.transaction(conn):
        return SqliteTx(conn).people.redeem_link_code(code, "telegram", user, user, at)


def test_a_manager_added_with_a_team_manages_it(conn: sqlite3.Connection) -> None:
    team = SqliteTx(conn).people.get_team_by_name("sudeste")
    carla = SqliteTx(conn).people.find_person("CARLA MENDES")
    assert team is not None and carla is not None and team.manager_id == carla.id


def test_names_are_unique_ignoring_case_and_accents(conn: sqlite3.Connection) -> None:
    with pytest.raises(ConstraintError), db.transaction(conn):
        SqliteTx(conn).people.add_person(
            name="ána SOUZA", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
        )


def test_a_good_code_links_once_and_then_is_used(conn: sqlite3.Connection) -> None:
    code = _code(conn, "Ana Souza")
    result = _redeem(conn, code.lower())
    assert result.status == "linked" and result.person.name == "Ana Souza"
    assert SqliteTx(conn).people.person_for_identity("telegram", "tg1").name == "Ana Souza"
    assert _redeem(conn, code, user="tg2").status == "used"
    assert SqliteTx(conn).people.person_for_identity("telegram", "tg2") is None


def test_an_expired_code_links_nobody(conn: sqlite3.Connection) -> None:
    code = _code(conn, "Ana Souza", ttl=timedelta(days=7))
    assert _redeem(conn, code, at=NOW + timedelta(days=7, seconds=1)).status == "expired"
    assert SqliteTx(conn).people.person_for_identity("telegram", "tg1") is None


def test_a_new_code_replaces_the_old_unused_one(conn: sqlite3.Connection) -> None:
    old = _code(conn, "Ana Souza")
    new = _code(conn, "Ana Souza")
    assert _redeem(conn, old).status == "unknown"
    assert _redeem(conn, new).status == "linked"


def test_repeated_wrong_codes_slow_that_chat_down(conn: sqlite3.Connection) -> None:
    for _ in range(people.LINK_FREE_FAILURES):
        assert _redeem(conn, "WRONG123").status == "unknown"
    good = _code(conn, "Ana Souza")
    blocked = _redeem(conn, good, at=NOW + timedelta(seconds=1))
    assert blocked.status == "throttled" and blocked.retry_after_s > 0
    assert _redeem(conn, good, user="other-chat").status == "linked"  # others unaffected


def test_the_throttle_wears_off(conn: sqlite3.Connection) -> None:
    for _ in range(people.LINK_FREE_FAILURES):
        _redeem(conn, "WRONG123")
    good = _code(conn, "Ana Souza")
    assert _redeem(conn, good, at=NOW + timedelta(minutes=20)).status == "linked"


def test_who_sees_whose_book(conn: sqlite3.Connection) -> None:
    ids = {p.name: p.id for p in SqliteTx(conn).people.list_people()}
    assert SqliteTx(conn).people.visible_owner_ids(
        SqliteTx(conn).people.find_person("Ana Souza")
    ) == [ids["Ana Souza"]]
    assert set(
        SqliteTx(conn).people.visible_owner_ids(SqliteTx(conn).people.find_person("Carla Mendes"))
    ) == {
        ids["Carla Mendes"],
        ids["Ana Souza"],
    }
    assert (
        SqliteTx(conn).people.visible_owner_ids(SqliteTx(conn).people.find_person("Rafa Ops"))
        is None
    )


def test_console_links_do_not_steal_the_preferred_identity(conn: sqlite3.Connection) -> None:
    ana = SqliteTx(conn).people.find_person("Ana Souza")
    with db.transaction(conn):
        SqliteTx(conn).people.link_identity(ana.id, "telegram", "tg9", "tg9", CLI, NOW)
        SqliteTx(conn).people.link_identity(
            ana.id, "console", "c1", "c1", CLI, NOW, preferred=False
        )
    assert SqliteTx(conn).people.preferred_identity(ana.id).platform == "telegram"

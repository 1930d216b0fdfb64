"""The model-call ledger: the hourly limit per person and the daily budget per team hold."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import audit
from storage.ai_calls import Refused
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
DAY = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # midnight in São Paulo


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = db.connect_sync(tmp_path / "a.db")
    with db.transaction(c):
        for name in ("Ana", "Bia"):
            SqliteTx(c).people.add_person(
                name=name,
                role="rep",
                timezone="UTC",
                locale="pt-BR",
                actor=audit.CLI,
                now=NOW,
                team="Sul",
            )
    return c


def reserve(conn, person_id: int, now: datetime, hourly: int = 3, daily: int = 100):
    team = SqliteTx(conn).people.get_person(person_id).team_id
    with db.transaction(conn):
        return SqliteTx(conn).ai_calls.reserve(
            person_id, team, "read", "m", now, DAY, hourly, daily
        )


def test_the_hourly_limit_per_person_holds_and_frees_up_an_hour_later(conn) -> None:
    made = [reserve(conn, 1, NOW + timedelta(minutes=i)) for i in range(3)]
    assert all(isinstance(m, int) for m in made)
    assert reserve(conn, 1, NOW + timedelta(minutes=5)) == Refused("person")
    assert isinstance(reserve(conn, 2, NOW + timedelta(minutes=5)), int)  # Bia's own hour
    assert isinstance(reserve(conn, 1, NOW + timedelta(minutes=61)), int)


def test_the_team_budget_is_shared_and_resets_with_the_day(conn) -> None:
    assert isinstance(reserve(conn, 1, NOW, daily=2), int)
    assert isinstance(reserve(conn, 2, NOW, daily=2), int)
    assert reserve(conn, 2, NOW + timedelta(minutes=1), daily=2) == Refused("team")


def test_a_finished_call_is_tallied_with_its_tokens(conn) -> None:
    call = reserve(conn, 1, NOW)
    with db.transaction(conn):
        SqliteTx(conn).ai_calls.finish(call, "used", 310, 120, 18)
    tally = SqliteTx(conn).ai_calls.tally(DAY)
    assert tally.by_outcome == {"used": 1}
    assert (tally.prompt_tokens, tally.completion_tokens) == (120, 18)

"""Every mutating repository call a user can trigger leaves an audit row in its transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import audit, stages
from storage.audit import Actor
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
ACTOR = Actor.person(1)


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = db.connect_sync(tmp_path / "a.db")
    with db.transaction(c):
        SqliteTx(c).stages.install_stages(stages.DEFAULT_STAGES, audit.CLI)
        SqliteTx(c).people.add_person(
            name="Ana",
            role="rep",
            timezone="UTC",
            locale="pt-BR",
            actor=audit.CLI,
            now=NOW,
            team="Sul",
        )
        acc = SqliteTx(c).accounts.create_account(
            name="Acme", owner_id=1, actor=audit.CLI, now=NOW
        )
        SqliteTx(c).accounts.create_contact(account_id=acc.id, name="Zé", actor=audit.CLI, now=NOW)
        SqliteTx(c).deals.create_deal(
            account_id=acc.id,
            owner_id=1,
            title="Plano",
            stage_key="proposal",
            amount=1000,
            actor=audit.CLI,
            now=NOW,
        )
    return c


MUTATIONS: dict[str, Callable[[sqlite3.Connection], object]] = {
    "add_person": lambda c: SqliteTx(c).people.add_person(
        name="Bia",
        role="manager",
        timezone="UTC",
        locale="en",
        actor=ACTOR,
        now=NOW,
        team="Norte",
    ),
    "ensure_team": lambda c: SqliteTx(c).people.ensure_team("Centro", ACTOR, NOW),
    "set_team_manager": lambda c: SqliteTx(c).people.set_team_manager(1, 1, ACTOR, NOW),
    "set_team_target": lambda c: SqliteTx(c).people.set_team_target(1, 5000.0, "BRL", ACTOR, NOW),
    "link_identity": lambda c: SqliteTx(c).people.link_identity(
        1, "telegram", "77", "77", ACTOR, NOW
    ),
    "create_link_code": lambda c: SqliteTx(c).people.create_link_code(
        1, timedelta(days=7), ACTOR, NOW
    ),
    "create_account": lambda c: SqliteTx(c).accounts.create_account(
        name="Beta", owner_id=1, actor=ACTOR, now=NOW
    ),
    "create_contact": lambda c: SqliteTx(c).accounts.create_contact(
        account_id=1, name="Lia", actor=ACTOR, now=NOW
    ),
    "create_deal": lambda c: SqliteTx(c).deals.create_deal(
        account_id=1,
        owner_id=1,
        title="Novo",
        stage_key="prospecting",
        amount=5,
        actor=ACTOR,
        now=NOW,
    ),
    "update_deal": lambda c: SqliteTx(c).deals.update_deal(
        1, actor=ACTOR, now=NOW, stage_key="commit"
    ),
    "log_interaction": lambda c: SqliteTx(c).interactions.log_interaction(
        person_id=1, kind="call", occurred_at=NOW, actor=ACTOR, now=NOW, account_id=1
    ),
    "install_stages": lambda c: SqliteTx(c).stages.install_stages(
        [stages.Stage("demo", 9, "Demonstração", "Demo", 0.3)], ACTOR
    ),
    "insert_enrolment": lambda c: SqliteTx(c).seeding.insert_enrolment(
        cadence_key=SqliteTx(c).seeding.ensure_cadences(NOW)[0],
        account_id=1,
        contact_id=1,
        deal_id=None,
        owner_id=1,
        step_index=0,
        due_at=NOW,
        actor=ACTOR,
        now=NOW,
    ),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_mutation_writes_an_audit_row_naming_the_actor(
    conn: sqlite3.Connection, name: str
) -> None:
    before = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    with db.transaction(conn):
        MUTATIONS[name](conn)
    rows = conn.execute(
        "SELECT actor, entity, action FROM audit_log WHERE id > ?", (before,)
    ).fetchall()
    assert rows, f"{name} changed the store without an audit row"
    assert all(r[0] == ACTOR.label for r in rows)


def test_a_stage_move_keeps_before_and_after(conn: sqlite3.Connection) -> None:
    with db.transaction(conn):
        SqliteTx(conn).deals.update_deal(
            1, actor=ACTOR, now=NOW, reason="cliente aprovou", stage_key="negotiation"
        )
    entry = SqliteTx(conn).audit.entries("deal", 1)[0]
    assert entry.before["stage_key"] == "proposal"
    assert entry.after["stage_key"] == "negotiation"
    assert entry.reason == "cliente aprovou"
    change = conn.execute(
        "SELECT from_stage, to_stage FROM deal_changes WHERE deal_id = 1 ORDER BY id DESC"
    ).fetchone()
    assert tuple(change) == ("proposal", "negotiation")


def test_a_rolled_back_change_leaves_no_audit_row(conn: sqlite3.Connection) -> None:
    before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError), db.transaction(conn):
        SqliteTx(conn).deals.update_deal(1, actor=ACTOR, now=NOW, stage_key="no-such-stage")
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


@pytest.mark.parametrize(
    "value",
    [
        {"person_id": 1, "deal_id": None, "kind": "call", "source": "tg-1"},
        {"name": 'Padaria São João "Centro"\n', "amount": 1500.5, "won": True, "tags": [1, "a"]},
        {"at": NOW, "day": NOW.date(), "odd": {3, 4}, 7: "int key", "inf": float("inf")},
        ["a", ("b", 2)],
    ],
)
def test_audit_json_reads_as_it_always_did(conn: sqlite3.Connection, value: object) -> None:
    # The audit encoder is a cached C encoder now; rows must keep the text the old
    # JSONEncoder(ensure_ascii=False, default=str) wrote, so old and new rows read alike.
    with db.transaction(conn):
        SqliteTx(conn).audit.record(ACTOR, "deal", 1, "update", after=value, at=NOW)
    stored = conn.execute("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert stored == json.dumps(value, ensure_ascii=False, default=str)


@pytest.mark.parametrize(
    ("source", "deal_id"),
    [("m-1", None), ('a "quoted" \\ line\nwith é and \u2028 and \x01', 1), (None, None)],
)
def test_a_logged_interaction_s_audit_row_is_the_json_of_what_was_logged(
    conn: sqlite3.Connection, source: str | None, deal_id: int | None
) -> None:
    # The hot write spells its audit row's JSON out by hand: it must read back as the record
    # and be the very text the generic encoder writes, whatever the platform's message id holds.
    with db.transaction(conn):
        logged = SqliteTx(conn).interactions.log_interaction(
            person_id=1,
            kind="call",
            occurred_at=NOW - timedelta(hours=2),
            actor=ACTOR,
            now=NOW,
            account_id=1,
            deal_id=deal_id,
            source_platform="telegram" if source else None,
            source_message_id=source,
        )
    expected = {
        "person_id": 1,
        "account_id": 1,
        "deal_id": deal_id,
        "kind": "call",
        "occurred_at": "2026-11-23T10:00:00+00:00",
        "source": source,
    }
    entry = SqliteTx(conn).audit.entries("interaction", logged.interaction.id)[0]
    assert (entry.actor, entry.action, entry.at) == (
        ACTOR.label,
        "create",
        "2026-11-23T12:00:00+00:00",
    )
    assert entry.after == expected
    text = conn.execute(
        "SELECT after FROM audit_log WHERE entity = 'interaction' AND entity_id = ?",
        (str(logged.interaction.id),),
    ).fetchone()[0]
    assert text == json.dumps(expected, ensure_ascii=False, default=str)


def test_the_audit_log_keeps_only_the_index_its_reads_use(conn: sqlite3.Connection) -> None:
    # Every audited write updates each index of audit_log; audit_at (migration 0026 dropped it)
    # answered no read. A record's history still goes through audit_entity, not a scan.
    names = {r[1] for r in conn.execute("PRAGMA index_list(audit_log)")}
    assert names == {"audit_entity"}
    plan = " ".join(
        r[3]
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE entity = ? AND entity_id = ?"
            " ORDER BY id DESC LIMIT 100",
            ("deal", "1"),
        )
    )
    assert "USING INDEX audit_entity" in plan
    assert SqliteTx(conn).audit.entries("deal", 1)[0].action == "create"

"""The digest's SQL: one team's records, narrowed to the right people and windows, by index."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.reports import digest as dg
from storage import metrics as sm
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from storage.timefmt import to_db

NOW = datetime(2026, 11, 24, 11, tzinfo=UTC)  # Tuesday 08:00 in São Paulo
SP = ZoneInfo("America/Sao_Paulo")
T0 = "2026-01-01T00:00:00+00:00"


def utc(*args: int) -> str:
    return to_db(datetime(*args, tzinfo=UTC))


@pytest.fixture
def conn(tmp_path):
    c = db.connect_sync(tmp_path / "metrics.db")
    with db.transaction(c):
        _seed(c)
    yield c
    c.close()


def _seed(c) -> None:
    c.executemany(
        "INSERT INTO stages (key, position, label_pt, label_en, probability) VALUES (?,?,?,?,?)",
        [
            ("prospecting", 1, "Prospecção", "Prospecting", 0.1),
            ("proposal", 2, "Proposta", "Proposal", 0.5),
            ("commit", 3, "Fechamento", "Commit", 0.9),
        ],
    )
    c.executemany(
        "INSERT INTO teams (id, name, target_amount, target_currency, created_at)"
        " VALUES (?,?,?,?,?)",
        [(1, "Sul", 100000, "BRL", T0), (2, "Norte", None, "BRL", T0)],
    )
    people = [  # id, name, role, team
        (1, "Marta", "manager", 1),
        (2, "Ana", "rep", 1),
        (3, "Bruno", "rep", 1),
        (4, "Zé Norte", "rep", 2),
        (5, "Nina", "manager", 2),
    ]
    c.executemany(
        "INSERT INTO people (id, name, name_folded, role, team_id, timezone, locale, created_at)"
        " VALUES (?, ?, lower(?), ?, ?, 'America/Sao_Paulo', 'pt-BR', ?)",
        [(i, n, n, r, t, T0) for i, n, r, t in people],
    )
    c.execute("UPDATE teams SET manager_id = 1 WHERE id = 1")
    c.execute("UPDATE teams SET manager_id = 5 WHERE id = 2")
    c.executemany(
        "INSERT INTO accounts (id, name, name_folded, owner_id, segment, created_at, updated_at)"
        " VALUES (?, ?, lower(?), ?, ?, ?, ?)",
        [(1, "Acme", "Acme", 2, "industry", T0, T0), (2, "Norte SA", "Norte SA", 4, None, T0, T0)],
    )
    deals = [  # id, account, owner, title, stage, amount, status, close_date, closed_at, created
        (1, 1, 2, "Acme ERP", "proposal", 40000, "open", "2026-11-28", None, utc(2026, 9, 1)),
        (2, 1, 3, "Acme BI", "commit", 20000, "won", None, utc(2026, 10, 10), utc(2026, 9, 10)),
        (3, 1, 3, "Acme Old", "commit", 5000, "won", None, utc(2025, 1, 10), utc(2024, 12, 1)),
        (4, 2, 4, "Norte", "commit", 99000, "open", "2026-11-28", None, utc(2026, 9, 1)),
    ]
    c.executemany(
        "INSERT INTO deals (id, account_id, owner_id, title, stage_key, amount, status,"
        " close_date, closed_at, created_at, stage_changed_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [(*d, T0, T0) for d in deals],
    )
    c.executemany(
        "INSERT INTO deal_changes (deal_id, at, from_stage, to_stage, from_status, to_status,"
        " actor) VALUES (?,?,?,?,?,?, 'test')",
        [
            (1, utc(2026, 9, 1), None, "prospecting", None, "open"),
            (1, utc(2026, 11, 23, 12), "prospecting", "proposal", "open", "open"),
            (2, utc(2026, 9, 10), None, "commit", None, "open"),
            (2, utc(2026, 10, 10), "commit", "commit", "open", "won"),
            (4, utc(2026, 11, 23, 12), "proposal", "commit", "open", "open"),
        ],
    )
    interactions = [  # person, deal, kind, occurred
        (2, 1, "call", utc(2026, 11, 23, 14)),
        (2, 1, "email", utc(2026, 11, 23, 15)),
        (2, None, "note", utc(2026, 11, 20, 12)),
        (3, None, "visit", utc(2026, 11, 10, 12)),
        (4, 4, "call", utc(2026, 11, 23, 14)),
    ]
    c.executemany(
        "INSERT INTO interactions (person_id, account_id, deal_id, kind, occurred_at, created_at)"
        " VALUES (?, 1, ?, ?, ?, ?)",
        [(p, d, k, at, at) for p, d, k, at in interactions],
    )
    c.execute(
        "INSERT INTO cadences (key, name_pt, name_en, kind, definition, updated_at)"
        " VALUES ('exploratory', 'Exploratória', 'Exploratory', 'exploratory', '{}', ?)",
        (T0,),
    )
    enrolments = [  # id, account, owner, state, due, started (one open per account and rep)
        (1, 1, 2, "active", utc(2026, 11, 20, 12), utc(2026, 11, 1)),
        (2, 2, 2, "active", utc(2026, 11, 25, 12), utc(2026, 11, 1)),
        (3, 1, 3, "exited", None, utc(2026, 10, 1)),
        (4, 1, 4, "active", utc(2026, 11, 1, 12), utc(2026, 11, 1)),
    ]
    c.executemany(
        "INSERT INTO enrolments (id, cadence_key, account_id, owner_id, state, due_at,"
        " started_at, updated_at) VALUES (?, 'exploratory', ?, ?, ?, ?, ?, ?)",
        [(*e, T0) for e in enrolments],
    )
    c.executemany(
        "INSERT INTO step_events (enrolment_id, step_index, action, at, actor)"
        " VALUES (?, 0, ?, ?, 'test')",
        [
            (1, "done", utc(2026, 11, 23, 13)),
            (1, "snoozed", utc(2026, 11, 23, 16)),
            (3, "replied", utc(2026, 10, 5)),
            (3, "done", utc(2026, 11, 22, 13)),
        ],
    )
    c.executemany(
        "INSERT INTO forecast_snapshots (snapshot_date, team_id, period_start, period_end,"
        " weighted, committed, best_case) VALUES (?, 1, '2026-10-01', '2026-10-31', ?, 0, 0)",
        [("2026-10-01", 30000), ("2026-10-31", 20000)],
    )


def _span(last_digest=None) -> sm.Span:
    return dg.windows(NOW, SP, set(), last_digest)


def test_team_records_are_only_that_teams(conn):
    data = SqliteTx(conn).metrics.load_team(1, _span())
    assert [r.name for r in data.reps] == ["Ana", "Bruno"]  # the manager only manages
    assert {d.title for d in data.deals} == {"Acme ERP", "Acme BI"}  # 2025's win is too old
    assert all(i.person_id in (2, 3) for i in data.interactions)
    assert (data.currency, data.target) == ("BRL", 100000)


def test_windows_pick_yesterdays_activity_and_overdue_steps(conn):
    data = SqliteTx(conn).metrics.load_team(1, _span())
    assert sorted(i.kind for i in data.interactions) == ["call", "email"]
    assert sorted(s.action for s in data.steps) == ["done", "snoozed"]
    assert [(d.person_id, d.label) for d in data.due] == [(2, "Acme")]
    assert data.last_logged == {
        2: datetime(2026, 11, 23, 15, tzinfo=UTC),
        3: datetime(2026, 11, 10, 12, tzinfo=UTC),
    }


def test_open_deals_carry_their_last_touch_and_segment(conn):
    deals = {d.title: d for d in SqliteTx(conn).metrics.load_team(1, _span()).deals}
    assert deals["Acme ERP"].last_touch_at == datetime(2026, 11, 23, 15, tzinfo=UTC)
    assert deals["Acme ERP"].segment == "industry"
    assert deals["Acme BI"].last_touch_at is None  # closed: not needed


def test_digest_numbers_from_the_store(conn):
    data = SqliteTx(conn).metrics.load_team(1, _span())
    d = dg.compute(data, _span())
    ana = next(a for a in d.activity if a.name == "Ana")
    assert (dict(ana.by_kind), ana.done, ana.snoozed) == ({"call": 1, "email": 1}, 1, 1)
    assert [(o.name, o.count) for o in d.overdue] == [("Ana", 1)]
    assert [s.name for s in d.silent] == ["Bruno"]
    assert [mv.deal.title for mv in d.movements.advanced] == ["Acme ERP"]
    assert d.pipeline.weighted == pytest.approx(20000)  # Acme ERP 40k x 0.5, nothing won in Nov
    assert [(c.cadence_key, c.enrolments, c.replies) for c in d.cadences] == [
        ("exploratory", 3, 1)
    ]
    # October: forecasts 30k and 20k against 20k won: errors 10k and 0 → 75 % accurate
    assert d.accuracy.actual == 20000 and d.accuracy.accuracy == pytest.approx(0.75)
    assert d.conversion.overall.won == 1 and d.conversion.overall.avg_cycle_days == 30


def test_movements_count_from_the_last_digest(conn):
    after = datetime(2026, 11, 23, 13, tzinfo=UTC)
    data = SqliteTx(conn).metrics.load_team(1, _span(after))
    assert dg.compute(data, _span(after)).movements.advanced == ()


def test_unknown_team_and_empty_team(conn):
    assert SqliteTx(conn).metrics.load_team(99, _span()) is None
    with db.transaction(conn):
        conn.execute("INSERT INTO teams (id, name, created_at) VALUES (3, 'Vazia', ?)", (T0,))
    data = SqliteTx(conn).metrics.load_team(3, _span())
    assert data.reps == () and data.deals == () and data.last_logged == {}


def test_snapshot_once_per_team_per_day(conn):
    value = dg.team_forecast(SqliteTx(conn), 1, date(2026, 11, 24))
    assert value.weighted == pytest.approx(20000) and value.period_start == date(2026, 11, 1)
    with db.transaction(conn):
        assert SqliteTx(conn).forecasts.record(1, date(2026, 11, 24), value) is True
        assert SqliteTx(conn).forecasts.record(1, date(2026, 11, 24), value) is False
    assert SqliteTx(conn).forecasts.has_snapshot(1, date(2026, 11, 24))
    assert not SqliteTx(conn).forecasts.has_snapshot(2, date(2026, 11, 24))


@pytest.mark.parametrize("table", ["interactions", "step_events", "deal_changes", "enrolments"])
def test_no_query_scans_a_big_table(conn, table, monkeypatch):
    plans: list[str] = []
    real = conn.execute

    class Spy:
        def execute(self, sql, params=()):
            if sql.lstrip().upper().startswith("SELECT"):
                plans.extend(r[3] for r in real("EXPLAIN QUERY PLAN " + sql, params))
            return real(sql, params)

    SqliteTx(Spy()).metrics.load_team(1, _span())
    assert plans
    assert not [p for p in plans if p.startswith(f"SCAN {table}")], plans


def test_config_targets_apply_once_and_create_missing_teams(conn):
    from cadence_jobs.digest import apply_team_targets
    from storage.audit import Actor

    config = {
        "sul": {"target": 250000},
        "Leste": {"target": "90000", "currency": "usd"},
        "Norte": {"note": "no target here"},
    }
    with db.transaction(conn):
        assert apply_team_targets(SqliteTx(conn), config, Actor.system("config"), NOW) == 2
        assert apply_team_targets(SqliteTx(conn), config, Actor.system("config"), NOW) == 0
    assert SqliteTx(conn).people.get_team(1).target_amount == 250000  # names match without case
    leste = SqliteTx(conn).people.get_team_by_name("Leste")
    assert (leste.target_amount, leste.target_currency) == (90000, "USD")
    assert SqliteTx(conn).people.get_team(2).target_amount is None


def test_yesterdays_activity_is_read_from_the_index_alone(conn):
    plan = " ".join(
        r[3]
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT person_id, kind, occurred_at FROM interactions"
            " WHERE person_id IN (2, 3) AND occurred_at >= '2026-11-23' AND occurred_at < '2026-11-24'"
        )
    )
    assert "COVERING INDEX interactions_person_time" in plan


def test_cadence_replies_are_read_from_indexes_alone(conn):
    plans: list[str] = []
    real = conn.execute

    class Spy:
        def execute(self, sql, params=()):
            if "cadence_key, k.name_pt" in sql:
                plans.extend(r[3] for r in real("EXPLAIN QUERY PLAN " + sql, params))
            return real(sql, params)

    SqliteTx(Spy()).metrics.load_team(1, _span())
    assert any("COVERING INDEX enrolments_owner_started" in p for p in plans), plans
    assert any("step_events_replied" in p for p in plans), plans

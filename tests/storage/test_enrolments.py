"""Enrolments in the store: one open per contact and cadence, consents, audited transitions,
switching and stopping the account, absences, and the indexed due query."""

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from cadence_jobs import scan, workflow
from cadence_jobs.jobs import install_cadences
from handlers.conversation.presenter import MAX_IDLE_ITEMS, ChatPresenter
from handlers.kernel.context import Options
from storage import stages
from storage.audit import CLI, Actor
from storage.due_scan import DUE_SQL
from storage.enrolments import AlreadyEnrolled, OptedOut, Stale
from storage.sqlite.db import connect_sync, transaction
from storage.sqlite.repositories import SqliteTx

NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # Monday 10:00 in Manaus
OPTIONS = Options(holidays_country="BR")
PRESENTER = ChatPresenter()


class Settings:
    cadence_folder = None


@pytest.fixture
def conn(tmp_path):
    conn = connect_sync(tmp_path / "e.db")
    with transaction(conn):
        install_cadences(SqliteTx(conn), Settings())
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, CLI)
    yield conn
    conn.close()


@pytest.fixture
def world(conn):
    with transaction(conn):
        rep = SqliteTx(conn).people.add_person(
            name="Ana Lima",
            role="rep",
            timezone="America/Manaus",
            locale="pt-BR",
            actor=CLI,
            now=NOW,
        )
        acme = SqliteTx(conn).accounts.create_account(
            name="Acme", owner_id=rep.id, actor=CLI, now=NOW
        )
        maria = SqliteTx(conn).accounts.create_contact(
            account_id=acme.id, name="Maria", actor=CLI, now=NOW, phone="92 99999-1234"
        )
        joao = SqliteTx(conn).accounts.create_contact(
            account_id=acme.id, name="João", actor=CLI, now=NOW
        )
    return rep, acme, maria, joao


def enrol(conn, rep, account, contact, key="exploratory", now=NOW):
    with transaction(conn):
        return workflow.enrol(
            SqliteTx(conn),
            actor=Actor.person(rep.id),
            cadence_key=key,
            account_id=account.id,
            owner_id=rep.id,
            now=now,
            options=OPTIONS,
            contact_id=contact.id if contact else None,
        )


def act(conn, enrolment, action, now=NOW, **kw):
    with transaction(conn):
        return workflow.act(
            SqliteTx(conn),
            actor=Actor.person(enrolment.owner_id),
            enrolment_id=enrolment.id,
            action=action,
            now=now,
            options=OPTIONS,
            **kw,
        )


def test_builtins_are_installed_once(conn):
    with transaction(conn):
        assert install_cadences(SqliteTx(conn), Settings()) == 0
    keys = workflow.installed_keys(SqliteTx(conn))
    assert keys == ["conversion", "exploratory", "nurture", "partner_onboarding"]


def test_enrol_is_audited_and_due_now_inside_working_hours(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    assert e.state == "active" and e.step_index == 0 and e.due_at == NOW
    assert SqliteTx(conn).audit.entries("enrolment", e.id)[0].action == "enrol"


def test_one_open_enrolment_per_contact_and_cadence(conn, world):
    rep, acme, maria, _ = world
    enrol(conn, rep, acme, maria)
    with pytest.raises(AlreadyEnrolled):
        enrol(conn, rep, acme, maria)
    enrol(conn, rep, acme, maria, key="nurture")  # another cadence is fine


def test_one_open_account_level_enrolment_per_account_and_cadence(conn, world):
    rep, acme, _, _ = world
    enrol(conn, rep, acme, None)
    with pytest.raises(AlreadyEnrolled):
        enrol(conn, rep, acme, None)
    with pytest.raises(sqlite3.IntegrityError), transaction(conn):  # the store refuses it too
        conn.execute(
            "INSERT INTO enrolments (cadence_key, account_id, owner_id, due_at, state,"
            " started_at, updated_at) VALUES ('exploratory', ?, ?, ?, 'active', ?, ?)",
            (acme.id, rep.id, NOW.isoformat(), NOW.isoformat(), NOW.isoformat()),
        )
    enrol(conn, rep, acme, None, key="nurture")  # another cadence is fine


def test_enrolling_a_whole_account_counts_its_contacts_enrolments(conn, world):
    rep, acme, maria, joao = world
    enrol(conn, rep, acme, maria)
    with pytest.raises(AlreadyEnrolled), transaction(conn):
        workflow.enrol(
            SqliteTx(conn),
            actor=Actor.person(rep.id),
            cadence_key="exploratory",
            account_id=acme.id,
            owner_id=rep.id,
            now=NOW,
            options=OPTIONS,
            contact_id=joao.id,
            once_per_account=True,
        )
    enrol(conn, rep, acme, joao)  # a second contact of the account, by name, still may


def test_the_migration_closes_duplicate_account_enrolments_keeping_the_first(tmp_path):
    from storage.sqlite import db

    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    for migration in db.migrations():
        if migration.name.startswith("0014_enrolments"):
            break
        old.executescript(f"BEGIN;{migration.sql};PRAGMA user_version={migration.version};COMMIT;")
    old.executescript(
        "INSERT INTO cadences (key, kind, name_pt, name_en, definition, source, updated_at)"
        " VALUES ('exploratory', 'exploratory', 'E', 'E', '{}', 'builtin', '2026-01-01');"
        "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
        " VALUES ('Ana', 'ana', 'rep', 'UTC', 'pt-BR', '2026-01-01'),"
        " ('Bia', 'bia', 'rep', 'UTC', 'pt-BR', '2026-01-01');"
        "INSERT INTO accounts (name, name_folded, name_key, owner_id, created_at, updated_at)"
        " VALUES ('Acme', 'acme', 'acme', 1, '2026-01-01', '2026-01-01');"
    )
    for owner, started in (
        (1, "2026-01-01"),
        (1, "2026-01-02"),
        (1, "2026-01-03"),
        (2, "2026-01-04"),
    ):  # Bia shares the account: hers stays
        old.execute(
            "INSERT INTO enrolments (cadence_key, account_id, owner_id, due_at, state,"
            " started_at, updated_at) VALUES ('exploratory', 1, ?, ?, 'active', ?, ?)",
            (owner, started, started, started),
        )
    old.close()
    migrated = connect_sync(path)
    states = migrated.execute("SELECT id, state, exit_reason FROM enrolments ORDER BY id")
    assert [tuple(r) for r in states] == [
        (1, "active", None),
        (2, "exited", "duplicate"),
        (3, "exited", "duplicate"),
        (4, "active", None),
    ]
    migrated.close()


def test_done_advances_logs_an_interaction_and_records_the_event(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    acted = act(conn, e, "done", step_index=0)
    assert acted.enrolment.step_index == 1
    assert acted.enrolment.due_at == datetime(2026, 3, 4, 13, 0, tzinfo=UTC)
    logged = SqliteTx(conn).interactions.get_interaction(acted.interaction_id)
    assert logged.kind == "email" and logged.contact_id == maria.id
    assert SqliteTx(conn).enrolments.events(e.id) == [(0, "done")]
    entry = SqliteTx(conn).audit.entries("enrolment", e.id)[0]
    assert entry.action == "done" and entry.before["step_index"] == 0
    assert entry.after["step_index"] == 1


def test_a_second_tap_on_the_same_step_changes_nothing(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    act(conn, e, "done", step_index=0)
    with pytest.raises(Stale):
        act(conn, e, "done", step_index=0)
    assert SqliteTx(conn).enrolments.get(e.id).step_index == 1


def test_reply_stops_the_other_contacts_of_the_account(conn, world):
    rep, acme, maria, joao = world
    first = enrol(conn, rep, acme, maria)
    second = enrol(conn, rep, acme, joao)
    acted = act(conn, first, "replied")
    assert acted.enrolment.exit_reason == "replied"
    assert acted.stopped == (second.id,)
    assert SqliteTx(conn).enrolments.get(second.id).exit_reason == "account_replied"


def test_opting_out_blocks_future_enrolments_on_that_channel(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    act(conn, e, "opted_out")
    assert SqliteTx(conn).consents.opted_out_channels(maria.id) == {"email"}
    with pytest.raises(OptedOut) as caught:
        enrol(conn, rep, acme, maria, key="nurture")
    assert caught.value.channels == ("email",)


def test_completing_switches_to_nurture(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria, key="conversion")
    now = NOW
    for _ in range(6):
        acted = act(conn, e, "skip", now=now)
        e = acted.enrolment
        now = (e.due_at or now) + timedelta(minutes=5)
    assert e.state == "completed"
    assert acted.switched_to is not None and acted.switched_to.cadence_key == "nurture"
    assert [a for _, a in SqliteTx(conn).enrolments.events(e.id)][-2:] == ["completed", "switched"]


def test_pause_with_date_is_resumed_by_the_scan(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    act(conn, e, "pause", until=date(2026, 3, 10))
    with transaction(conn):
        assert (
            workflow.resume_paused(SqliteTx(conn), datetime(2026, 3, 9, 14, tzinfo=UTC), OPTIONS)
            == 0
        )
    with transaction(conn):
        assert (
            workflow.resume_paused(SqliteTx(conn), datetime(2026, 3, 10, 14, tzinfo=UTC), OPTIONS)
            == 1
        )
    resumed = SqliteTx(conn).enrolments.get(e.id)
    assert resumed.state == "active"
    assert resumed.due_at == datetime(2026, 3, 10, 14, tzinfo=UTC)


def test_away_moves_due_steps_past_the_absence(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria, now=datetime(2026, 3, 4, 14, tzinfo=UTC))
    with transaction(conn):
        moved = workflow.set_away(
            SqliteTx(conn),
            actor=CLI,
            person_id=rep.id,
            start=date(2026, 3, 3),
            end=date(2026, 3, 13),
            now=NOW,
            options=OPTIONS,
        )
    assert moved == 1
    shifted = SqliteTx(conn).enrolments.get(e.id)
    # Due on the 2nd working day of the absence → the 2nd working day back, same time.
    assert shifted.due_at == datetime(2026, 3, 17, 14, tzinfo=UTC)
    cal = workflow.person_calendar(SqliteTx(conn), rep.id, OPTIONS)
    assert not cal.is_working_day(date(2026, 3, 10))


def test_due_query_reads_only_the_partial_index(conn):
    plan = conn.execute("EXPLAIN QUERY PLAN " + DUE_SQL, ("2026", 10)).fetchall()
    assert "enrolments_unnotified" in " ".join(str(tuple(r)) for r in plan)


def test_paused_until_job_reads_only_paused_enrolments(conn):
    # Migration 0025: a partial index of paused enrolments, where the job scanned the table.
    sent: list[str] = []
    conn.set_trace_callback(sent.append)
    SqliteTx(conn).enrolments.paused_until_by(date(2026, 3, 2))
    conn.set_trace_callback(None)
    (query,) = [s for s in sent if "paused_until" in s]
    plan = " ".join(str(tuple(r)) for r in conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "enrolments_paused" in plan


def test_inactivity_job_reads_the_enrolments_once_not_per_deal(conn):
    # enrolments.deal_id has no index: asked per open deal, "is a step scheduled" scanned every
    # enrolment for every deal (~6 minutes on the medium store, inside a write transaction).
    sent: list[str] = []
    conn.set_trace_callback(sent.append)
    SqliteTx(conn).inactivity.idle_deal_candidates()
    conn.set_trace_callback(None)
    (query,) = [s for s in sent if "enrolments" in s]
    plan = [str(tuple(r)) for r in conn.execute("EXPLAIN QUERY PLAN " + query)]
    correlated = [i for i, step in enumerate(plan) if "CORRELATED" in step]
    assert not any("SCAN e" in plan[i + 1] for i in correlated if i + 1 < len(plan)), plan


def test_due_scan_queues_each_step_once(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    later = NOW + timedelta(hours=1)
    with transaction(conn):
        assert scan.queue_due(SqliteTx(conn), later, OPTIONS) == 1
    with transaction(conn):
        assert scan.queue_due(SqliteTx(conn), later, OPTIONS) == 0
    (row,) = SqliteTx(conn).outbox.due(later)
    assert row.kind == "reminder" and row.person_id == rep.id
    assert row.payload == {
        "enrolment_id": e.id,
        "step_index": 0,
        "due_at": "2026-03-02T14:00:00+00:00",
        "batched": False,
    }
    assert row.dedupe_key == f"reminder:{e.id}:0:2026-03-02T14:00:00+00:00"
    assert SqliteTx(conn).enrolments.get(e.id).notified_step == 0


def test_a_snoozed_step_is_reminded_again_at_its_new_time(conn, world):
    rep, acme, maria, _ = world
    e = enrol(conn, rep, acme, maria)
    with transaction(conn):
        scan.queue_due(SqliteTx(conn), NOW, OPTIONS)
    act(conn, e, "snooze", snooze="hour")
    with transaction(conn):
        assert scan.queue_due(SqliteTx(conn), NOW + timedelta(minutes=30), OPTIONS) == 0
    with transaction(conn):
        assert scan.queue_due(SqliteTx(conn), NOW + timedelta(hours=1), OPTIONS) == 1


def test_idle_deal_is_flagged_once_per_period_with_an_enrol_offer(conn, world):

    rep, acme, _, _ = world
    with transaction(conn):
        deal = SqliteTx(conn).deals.create_deal(
            account_id=acme.id,
            owner_id=rep.id,
            title="Plano",
            stage_key="proposal",
            amount=1000,
            actor=CLI,
            now=NOW,
        )
    later = NOW + timedelta(days=20)
    with transaction(conn):
        assert scan.flag_idle(SqliteTx(conn), later, OPTIONS, PRESENTER) == 1
    with transaction(conn):
        assert scan.flag_idle(SqliteTx(conn), later + timedelta(days=2), OPTIONS, PRESENTER) == 0
    (alert,) = SqliteTx(conn).outbox.due(later + timedelta(days=3))
    reply = alert.payload["replies"][0]
    assert "Plano" in reply["text"] and "20 dias" in reply["text"]
    assert reply["buttons"][0]["action"] == "cadence.enroll"
    assert reply["buttons"][0]["args"] == {"deal": deal.id, "cadence": "nurture"}


def test_deal_with_a_cadence_step_is_not_flagged_before_its_limit(conn, world):

    rep, acme, maria, _ = world
    with transaction(conn):
        deal = SqliteTx(conn).deals.create_deal(
            account_id=acme.id,
            owner_id=rep.id,
            title="Plano",
            stage_key="proposal",
            amount=1000,
            actor=CLI,
            now=NOW,
        )
        workflow.enrol(
            SqliteTx(conn),
            actor=CLI,
            cadence_key="conversion",
            account_id=acme.id,
            owner_id=rep.id,
            now=NOW,
            options=OPTIONS,
            contact_id=maria.id,
            deal_id=deal.id,
        )
    with transaction(conn):
        assert scan.flag_idle(SqliteTx(conn), NOW + timedelta(days=3), OPTIONS, PRESENTER) == 0


def test_morning_agenda_is_queued_once_a_day_from_the_start_of_work(conn, world):
    rep, acme, maria, joao = world
    enrol(conn, rep, acme, maria, key="nurture")
    enrol(conn, rep, acme, joao, key="conversion")
    before_work = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)  # 07:00 Tuesday in Manaus
    with transaction(conn):
        assert scan.queue_agendas(SqliteTx(conn), before_work, OPTIONS, PRESENTER) == 0
    at_work = datetime(2026, 3, 3, 13, 5, tzinfo=UTC)
    with transaction(conn):
        assert scan.queue_agendas(SqliteTx(conn), at_work, OPTIONS, PRESENTER) == 1
    with transaction(conn):
        assert (
            scan.queue_agendas(SqliteTx(conn), at_work + timedelta(hours=2), OPTIONS, PRESENTER)
            == 0
        )
    (agenda,) = [r for r in SqliteTx(conn).outbox.due(at_work) if r.kind == "agenda"]
    lines = agenda.payload["replies"][0]["text"].splitlines()
    assert lines[0] == "Bom dia!" and "(2)" in lines[1]
    # Both overdue since Monday, ranked and each with its why, as when the rep asks
    # "o que tenho hoje?" (one rendering for both).
    items = "\n".join(lines[2:])
    assert "ligação" in items and "João" in items and "Maria" in items
    assert "por quê" in lines[3] and "por quê" in lines[5] and "atrasado" in lines[3]


def test_reminders_wait_for_the_end_of_quiet_hours(conn, world):
    rep, acme, maria, _ = world
    with transaction(conn):
        conn.execute("UPDATE people SET quiet_start = '09:00', quiet_end = '11:30'")
    enrol(conn, rep, acme, maria)
    with transaction(conn):
        scan.queue_due(SqliteTx(conn), NOW, OPTIONS)
    assert SqliteTx(conn).outbox.due(NOW) == []
    (row,) = SqliteTx(conn).outbox.due(datetime(2026, 3, 2, 15, 30, tzinfo=UTC))  # 11:30 in Manaus
    assert row.next_attempt_at == "2026-03-02T15:30:00+00:00"


def test_one_scan_places_each_rep_by_their_own_schedule(conn, world):
    # Reps with equal schedules share one calendar computation in the scan; the ones whose
    # quiet time, notification mode, working hours or absences differ get their own times.
    ana, acme, maria, _ = world
    with transaction(conn):
        others = {
            name: SqliteTx(conn).people.add_person(
                name=name,
                role="rep",
                timezone="America/Manaus",
                locale=locale,
                actor=CLI,
                now=NOW,
            )
            for name, locale in (
                ("Bia", "en"),
                ("Caio", "pt-BR"),
                ("Dora", "pt-BR"),
                ("Eli", "en"),
            )
        }
        contacts = {
            rep.id: SqliteTx(conn).accounts.create_contact(
                account_id=acme.id, name=f"Contact of {rep.name}", actor=CLI, now=NOW
            )
            for rep in others.values()
        }
    enrol(conn, ana, acme, maria)
    for rep in others.values():
        enrol(conn, rep, acme, contacts[rep.id])
    with transaction(conn):
        for sql, person in (
            ("quiet_start = '09:00', quiet_end = '11:30'", ana),
            ("notify_mode = 'batched', notify_times = '13:00'", others["Caio"]),
            ("work_start = '12:00'", others["Dora"]),
        ):
            conn.execute(f"UPDATE people SET {sql} WHERE id = ?", (person.id,))
        conn.execute(
            "INSERT INTO away_periods (person_id, start_date, end_date, created_at)"
            " VALUES (?, '2026-03-02', '2026-03-03', ?)",
            (others["Eli"].id, NOW.isoformat()),
        )
    with transaction(conn):
        assert scan.queue_due(SqliteTx(conn), NOW, OPTIONS) == 5
    rows = {row.person_id: row for row in SqliteTx(conn).outbox.due(NOW + timedelta(days=3))}
    assert {rep.id: rows[rep.id].next_attempt_at for rep in (ana, *others.values())} == {
        ana.id: "2026-03-02T15:30:00+00:00",  # end of her quiet time, 11:30 in Manaus
        others["Bia"].id: "2026-03-02T14:00:00+00:00",  # now: nothing holds her back
        others["Caio"].id: "2026-03-02T17:00:00+00:00",  # his batch, 13:00 in Manaus
        others["Dora"].id: "2026-03-02T16:00:00+00:00",  # her day starts at 12:00
        others["Eli"].id: "2026-03-04T13:00:00+00:00",  # back from two days away, 09:00
    }
    assert [rows[r.id].payload["batched"] for r in (ana, others["Caio"])] == [False, True]


def test_a_whole_cadence_can_be_paused_until_a_date(conn, world):
    rep, acme, maria, joao = world
    first = enrol(conn, rep, acme, maria)
    second = enrol(conn, rep, acme, joao)
    other = enrol(conn, rep, acme, maria, key="nurture")
    with transaction(conn):
        paused = workflow.pause_cadence(
            SqliteTx(conn), actor=CLI, cadence_key="exploratory", until=date(2026, 3, 9), now=NOW
        )
    assert paused == 2
    assert {SqliteTx(conn).enrolments.get(e.id).state for e in (first, second)} == {"paused"}
    assert SqliteTx(conn).enrolments.get(other.id).state == "active"
    with transaction(conn):
        scan.queue_due(SqliteTx(conn), NOW + timedelta(days=3), OPTIONS)
    assert [
        r.payload["enrolment_id"] for r in SqliteTx(conn).outbox.due(NOW + timedelta(days=3))
    ] == [other.id]
    with transaction(conn):
        assert (
            workflow.resume_paused(SqliteTx(conn), datetime(2026, 3, 9, 14, tzinfo=UTC), OPTIONS)
            == 2
        )


def test_many_idle_deals_reach_their_owner_as_one_message(conn, world):

    rep, acme, _, _ = world
    with transaction(conn):
        for n in range(7):
            SqliteTx(conn).deals.create_deal(
                account_id=acme.id,
                owner_id=rep.id,
                title=f"Plano {n}",
                stage_key="proposal",
                amount=1000 + n,
                actor=CLI,
                now=NOW,
            )
    later = NOW + timedelta(days=20)
    with transaction(conn):
        assert scan.flag_idle(SqliteTx(conn), later, OPTIONS, PRESENTER) >= 7
    alerts = [a for a in SqliteTx(conn).outbox.due(later + timedelta(days=3)) if a.kind == "alert"]
    assert len(alerts) == 1
    reply = alerts[0].payload["replies"][0]
    assert len(reply["buttons"]) == MAX_IDLE_ITEMS
    assert all(len(b["label"]) <= 75 for b in reply["buttons"])
    assert "negócios parados" in reply["text"] or "stalled deals" in reply["text"]
    with transaction(conn):
        assert scan.flag_idle(SqliteTx(conn), later + timedelta(hours=1), OPTIONS, PRESENTER) == 0

"""Digest delivery: once per manager per business day, at their local time, in their language."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cadence_jobs import digest as job
from cadence_jobs import scan
from cadence_jobs.jobs import install_cadences
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Incoming, Sender
from handlers.reports import digest as dg
from storage import backends, stages
from storage.audit import Actor
from storage.interface import Tx
from storage.metrics import Span
from storage.outbox import OutboxItem
from tests.store_views import held

START = datetime(2026, 1, 1, tzinfo=UTC)
OPTIONS = Options()  # BR holidays, 08:00
PRESENTER = ChatPresenter()


def _seed(tx: Tx) -> None:
    """Sul (Marta manages, Ana sells Acme ERP; a target) and Lisboa (Joan manages, Rui sells).

    Made through the repositories in this order on a fresh store, so the ids the tests name
    are 1..4 for the people, 1 for Sul, the account and the deal (checked below).
    """
    system = Actor.system("test")
    tx.stages.install_stages(stages.DEFAULT_STAGES, system)
    people = [  # id, name, role, team, tz, locale
        (1, "Marta", "manager", "Sul", "America/Sao_Paulo", "pt-BR"),
        (2, "Ana", "rep", "Sul", "America/Sao_Paulo", "pt-BR"),
        (3, "Joan", "manager", "Lisboa", "Europe/Lisbon", "en"),
        (4, "Rui", "rep", "Lisboa", "Europe/Lisbon", "en"),
    ]
    for i, name, role, team, tz, locale in people:
        made = tx.people.add_person(
            name=name, role=role, timezone=tz, locale=locale, actor=system, now=START, team=team
        )  # a manager added with her team manages it
        assert made.id == i
    sul = tx.people.get_team_by_name("Sul")
    assert sul is not None and sul.id == 1
    tx.people.set_team_target(sul.id, 100000, "BRL", system, START)
    acme = tx.accounts.create_account(name="Acme", owner_id=2, actor=system, now=START)
    deal = tx.deals.create_deal(
        account_id=acme.id,
        owner_id=2,
        title="Acme ERP",
        stage_key="proposal",
        amount=50000,
        actor=system,
        now=START,
        close_date=date(2026, 11, 30),
    )
    assert (acme.id, deal.id) == (1, 1)


@pytest.fixture
async def store(store_url):
    s = await backends.connect(store_url)  # every test runs on SQLite and PostgreSQL
    await s.write(_seed)
    yield s
    await s.close()


async def _tick(store, moment: datetime) -> int:
    build = dg.outbox_builder(store, OPTIONS)
    return await job.queue_digests(store, moment, build, dg.holiday_calendar(OPTIONS), time(8, 0))


async def _queued(store, *kinds: str) -> list[OutboxItem]:
    """The outbox rows of these kinds not sent yet, in the order they were queued."""
    found = await store.read(held)
    return sorted((q for q in found if q.kind in kinds), key=lambda q: q.id)


async def _digests(store) -> list[tuple[int, str]]:
    return [(q.person_id, q.dedupe_key) for q in await _queued(store, "digest")]


def sp(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026 given in São Paulo time (UTC-3, no DST)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC) + timedelta(hours=3)


async def test_once_per_manager_per_business_day_at_local_time(store):
    assert await _tick(store, sp(23, 4, 59)) == 0  # Monday: 07:59 in Lisbon, 04:59 in São Paulo
    assert await _tick(store, sp(23, 7, 59)) == 1  # 10:59 in Lisbon, 07:59 in São Paulo
    assert await _digests(store) == [(3, "digest:3:2026-11-23")]
    assert await _tick(store, sp(23, 8)) == 1  # 08:00 in São Paulo
    for minute in range(0, 60, 10):  # the job runs every minute; nothing more is queued
        assert await _tick(store, sp(23, 9, minute)) == 0
    assert await _tick(store, sp(24, 8, 1)) == 2  # Tuesday: both again
    assert sorted(key for _, key in await _digests(store)) == [
        "digest:1:2026-11-23",
        "digest:1:2026-11-24",
        "digest:3:2026-11-23",
        "digest:3:2026-11-24",
    ]


async def test_weekends_and_holidays_are_skipped(store):
    # Friday 20 Nov 2026 is Black Consciousness Day, a national holiday in Brazil.
    assert date(2026, 11, 20) in dg.holiday_calendar(OPTIONS)
    hours = [sp(day, h) for day in (20, 21, 22) for h in range(0, 24)]
    queued = [await _tick(store, moment) for moment in hours]
    assert sum(queued) == 0
    assert await _digests(store) == []


async def test_digest_in_the_managers_language_with_the_chart(store):
    await _tick(store, sp(24, 8))

    found = {q.person_id: q.payload for q in await _queued(store, "digest")}
    assert set(found) == {1, 3}
    marta, joan = found[1], found[3]
    assert dg.payload_text(marta).startswith("*Resumo · Sul*")
    assert dg.payload_text(joan).startswith("*Digest · Lisboa*")
    image = dg.payload_image(marta)
    assert image is not None and image.startswith(b"\x89PNG")
    # What the outbox dispatcher hands to Slack/Telegram carries the chart, not just the text.
    from handlers.kernel.outbox_codec import decode as replies_from_payload

    delivered = replies_from_payload(marta)
    assert any(r.image is not None and r.image.data == image for r in delivered)


def test_digest_time_follows_the_managers_clock_across_dst():
    ny = ZoneInfo("America/New_York")  # DST ended on 1 Nov 2026: 08:00 is 13:00 UTC again
    at = time(8, 0)
    assert job.digest_day(datetime(2026, 11, 2, 12, 59, tzinfo=UTC), ny, at, set()) is None
    assert job.digest_day(datetime(2026, 11, 2, 13, 0, tzinfo=UTC), ny, at, set()) == date(
        2026, 11, 2
    )
    assert job.digest_day(datetime(2026, 10, 30, 12, 0, tzinfo=UTC), ny, at, set()) == date(
        2026, 10, 30
    )


async def _console_identity(store, person_id: int, external_id: str) -> None:
    def link(tx: Tx):
        actor = Actor.system("test")
        tx.people.link_identity(person_id, "console", external_id, external_id, actor, START)

    await store.write(link)


async def _ask(store, external_id: str, text: str, now: datetime):
    dispatcher = Dispatcher([dg.router], store, OPTIONS, lambda: now)
    msg = Incoming(Sender("console", external_id), external_id, f"m-{text}", text=text)
    return await dispatcher.handle(msg)


async def test_chat_digest_is_what_the_job_queues(store):
    await _console_identity(store, 1, "marta")
    now = sp(24, 9)
    await _tick(store, sp(24, 8))
    answer = await _ask(store, "marta", "Resumo", now)
    assert answer.intent == "digest"
    (reply,) = answer.replies
    assert reply.private and reply.image is not None
    assert reply.buttons[0].token  # sealed: "See all" works from the chat

    [payload] = [q.payload for q in await _queued(store, "digest") if q.person_id == 1]
    # Same content; only "since the last digest" differs, and nothing moved in between.
    assert dg.payload_text(payload) == reply.text
    assert answer.data["teams"][0]["pipeline"][2]["amount"] == 50000


async def test_rep_is_told_the_digest_is_for_managers(store):
    await _console_identity(store, 2, "ana")
    answer = await _ask(store, "ana", "digest", sp(24, 9))
    assert "gestores" in answer.replies[0].text


async def test_team_shows_the_full_version(store):
    await _console_identity(store, 3, "joan")
    answer = await _ask(store, "joan", "team", sp(24, 9))
    assert answer.intent == "team"
    assert "*Pipeline by stage*" in answer.replies[0].text
    assert answer.replies[0].buttons == ()


async def test_managers_mornings_are_one_message_not_two(store):
    # The rep agenda job asks this before queueing a morning agenda for someone.
    calendar = dg.holiday_calendar(OPTIONS)

    def ask(tx: Tx, person_id, day):
        return job.gets_digest(tx, person_id, day, calendar)

    assert await store.read(ask, 1, date(2026, 11, 24)) is True  # manager, Tuesday
    assert await store.read(ask, 2, date(2026, 11, 24)) is False  # a rep: agenda as usual
    assert await store.read(ask, 1, date(2026, 11, 20)) is False  # holiday: no digest
    assert await store.read(ask, 1, date(2026, 11, 21)) is False  # Saturday


async def test_selling_manager_gets_one_morning_message_with_their_own_day(store):
    def enrol(tx: Tx):
        install_cadences(tx, None)
        for owner in (1, 2):  # Marta manages and sells; Ana only sells
            tx.enrolments.create(
                actor=Actor.system("test"),
                cadence_key="exploratory",
                account_id=1,
                owner_id=owner,
                due_at=datetime(2026, 11, 24, 15, tzinfo=UTC),
                now=START,
            )

    await store.write(enrol)
    await _tick(store, sp(24, 8))
    await store.write(
        scan.queue_agendas, sp(24, 10), OPTIONS, PRESENTER
    )  # after everyone's 09:00 start

    queued = await _queued(store, "agenda", "digest")
    rows = sorted((q.person_id, q.kind, q.state, q.payload) for q in queued)
    pending = [(person, kind) for person, kind, state, _ in rows if state == "pending"]
    assert pending == [(1, "digest"), (2, "agenda"), (3, "digest")]  # one message each
    marta = next(p for person, kind, _, p in rows if (person, kind) == (1, "digest"))
    assert "*Seus passos para hoje:* 1" in dg.payload_text(marta)


async def test_forecast_snapshot_is_taken_once_a_day_per_team_weekends_too(store):
    saturday = sp(21, 10)
    assert await job.snapshot_forecasts(store, saturday, dg.team_forecast) == 2
    assert (
        await job.snapshot_forecasts(store, saturday + timedelta(hours=5), dg.team_forecast) == 0
    )
    assert await job.snapshot_forecasts(store, sp(22, 10), dg.team_forecast) == 2

    def snapshots(tx: Tx):  # what Sul's digest reads of November's forecast history
        month = (date(2026, 11, 1), date(2026, 11, 30))
        span = Span(saturday, month[1], START, saturday, START, START, month)
        data = tx.metrics.load_team(1, span)
        return sorted((s.snapshot_date.isoformat(), s.weighted) for s in data.snapshots)

    rows = await store.read(snapshots)
    assert rows == [("2026-11-21", 25000.0), ("2026-11-22", 25000.0)]  # 50k proposal x 0.5


async def test_the_silent_rep_threshold_is_the_configured_one(store):
    # Ana last logged five days ago: named as silent at the default 3 days, not at 7.
    now = sp(24, 9)

    def logged(tx: Tx):
        tx.interactions.log_interaction(
            person_id=2,
            kind="call",
            occurred_at=now - timedelta(days=5),
            actor=Actor.person(2),
            now=now - timedelta(days=5),
            body="x",
            account_id=1,
        )

    await store.write(logged)
    marta = await store.read(lambda tx: tx.people.get_person(1))
    (by_default,) = await dg.manager_digests(store, marta, now, Options())
    (relaxed,) = await dg.manager_digests(store, marta, now, Options(silent_days=7))
    assert [s.name for s in by_default.silent] == ["Ana"]
    assert relaxed.silent == ()
    assert "Ana" in dg.digest_replies([by_default], marta.locale)[0].text


async def test_new_deals_are_counted_as_new_not_as_stage_moves_from_nothing(store):

    await _console_identity(store, 1, "marta")

    def add(tx: Tx):
        for title in ("Imported A", "Imported B"):
            tx.deals.create_deal(
                account_id=1,
                owner_id=2,
                title=title,
                stage_key="proposal",
                amount=1000,
                actor=Actor.system("import"),
                now=sp(23, 10),
            )
        tx.deals.update_deal(1, actor=Actor.person(2), now=sp(23, 11), stage_key="negotiation")

    await store.write(add)
    answer = await _ask(store, "marta", "Resumo", sp(24, 9))
    text = answer.replies[0].text
    assert "- 2 negócios novos (importados ou criados)" in text
    assert "Acme ERP: Proposta → Negociação" in text  # a real move is still a move
    assert "—" not in text.split("*Desde o último resumo*")[1].split("\n\n")[0]
    assert "Imported" not in text
    since = answer.data["teams"][0]
    assert {d["title"] for d in since["created"]} == {"Imported A", "Imported B"}
    assert [d["title"] for d in since["moved"]] == ["Acme ERP"]


async def test_the_full_digest_pages_through_a_long_list(store):

    await _console_identity(store, 1, "marta")
    old = sp(1, 10) - timedelta(days=60)

    def add(tx: Tx):
        for n in range(24):  # with Acme ERP: 25 stalled deals
            tx.deals.create_deal(
                account_id=1,
                owner_id=2,
                title=f"Parado {n:02d}",
                stage_key="proposal",
                amount=100 + n,
                actor=Actor.system("t"),
                now=old,
            )

    await store.write(add)
    now = sp(24, 9)
    dispatcher = Dispatcher([dg.router], store, OPTIONS, lambda: now)

    async def say(text="", token=None):
        msg = Incoming(
            Sender("console", "marta"), "marta", f"m-{text}-{token}", text=text, token=token
        )
        return await dispatcher.handle(msg)

    pages = [await say("equipe")]
    while pages[-1].replies[0].buttons:
        [button] = pages[-1].replies[0].buttons
        assert button.label == "Próxima página"
        pages.append(await say(token=button.token))
    texts = [p.replies[0].text for p in pages]
    assert len(pages) == 3
    assert "- … e mais 15" in texts[0] and "- … e mais 5" in texts[1]
    assert "e mais" not in texts[2]
    assert all(t.startswith("*Resumo · Sul*") for t in texts)
    stalled = [line for t in texts for line in t.split("\n") if line.startswith("- Parado:")]
    assert len(stalled) == len(set(stalled)) == 25


async def test_stage_names_are_the_readers_locale_from_the_labels_data(store):
    # Stage names come from the labels table, as the stage list reads them: a Spanish manager
    # reads "Propuesta" in the pipeline, the deal lines and the chart, not pt-BR's "Proposta".
    def add(tx: Tx):
        sofia = tx.people.add_person(
            name="Sofía",
            role="manager",
            timezone="America/Sao_Paulo",
            locale="es",
            actor=Actor.system("test"),
            now=START,
            team="Sul",
        )
        assert sofia.id == 5
        tx.deals.update_deal(1, actor=Actor.person(2), now=sp(23, 11), stage_key="negotiation")

    await store.write(add)
    now = sp(24, 9)
    texts = {}
    for person_id in (1, 5):
        person = await store.read(lambda tx, pid=person_id: tx.people.get_person(pid))
        digests = await dg.manager_digests(store, person, now, OPTIONS)
        (d,) = digests
        # The chart draws these labels.
        texts[person.locale] = (
            dg.digest_replies(digests, person.locale, full=True)[0].text,
            [s.stage.label(person.locale) for s in d.pipeline.stages],
        )
    es_text, es_chart = texts["es"]
    pt_text, pt_chart = texts["pt-BR"]
    assert es_chart[0] == "Prospección" and pt_chart[0] == "Prospecção"
    assert "Prospección" in es_text and "Prospecção" not in es_text
    assert "Prospecção" in pt_text and "Prospección" not in pt_text
    assert "Propuesta → Negociación" in es_text  # the deal line of the move
    assert "Proposta → Negociação" in pt_text

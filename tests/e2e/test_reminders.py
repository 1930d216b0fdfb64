"""Reminders end to end with a fast clock: scan → outbox → dispatcher → platform → button.

The platform is an in-process fake with the adapters' `deliver` signature; it can be told to
answer 429 (retry_after) or refuse for good, and records what it accepted.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.channels.base import DeliveryError
from cadence_jobs import scan, workflow
from cadence_jobs.dispatcher import Dispatcher
from cadence_jobs.jobs import install_cadences
from handlers.conversation import cadence_actions
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher as ChatDispatcher
from handlers.kernel.messages import Incoming, Sender
from storage import backends
from storage.audit import CLI, Actor
from storage.interface import Tx

OPTIONS = Options(holidays_country="BR")
PRESENTER = ChatPresenter()
START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # Monday 10:00 in Manaus


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kw: float) -> None:
        self.at += timedelta(**kw)

    def monotonic(self) -> float:
        return self.at.timestamp()

    async def sleep(self, seconds: float) -> None:
        self.advance(seconds=seconds)


class FakePlatform:
    """Accepts messages like a chat API would; `script` holds exceptions to raise first."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, list]] = []
        self.script: list[BaseException] = []
        self.calls = 0

    async def deliver(self, identity, replies) -> str:
        self.calls += 1
        if self.script:
            raise self.script.pop(0)
        self.accepted.append((identity.external_id, list(replies)))
        return f"m{len(self.accepted)}"


class Settings:
    cadence_folder = None


@pytest.fixture
async def world(store_url, request):
    linked = getattr(request, "param", True)  # whether the rep has linked her Telegram
    path = store_url  # a SQLite file or a PostgreSQL database: every test runs on both
    store = await backends.connect(path)

    def seed(tx: Tx):
        install_cadences(tx, Settings())
        rep = tx.people.add_person(
            name="Ana Lima",
            role="rep",
            timezone="America/Manaus",
            locale="en",
            actor=CLI,
            now=START,
        )
        if linked:
            tx.people.link_identity(rep.id, "telegram", "111", "111", CLI, START)
        acme = tx.accounts.create_account(name="Acme", owner_id=rep.id, actor=CLI, now=START)
        maria = tx.accounts.create_contact(
            account_id=acme.id,
            name="Maria Souza",
            actor=CLI,
            now=START,
            email="maria@acme.com",
            phone="(92) 99999-1234",
        )
        e = workflow.enrol(
            tx,
            actor=Actor.person(rep.id),
            cadence_key="exploratory",
            account_id=acme.id,
            owner_id=rep.id,
            now=START,
            options=OPTIONS,
            contact_id=maria.id,
        )
        return rep, e

    rep, enrolment = await store.write(seed)
    yield path, store, rep, enrolment
    await store.close()


def make_dispatcher(store, platform, clock, **kw):
    """The real dispatcher, with its rate limiter and waits on the test's clock."""
    return Dispatcher(
        store,
        {"telegram": platform.deliver},
        OPTIONS,
        clock,
        **{"presenter": PRESENTER, **kw},
        monotonic=clock.monotonic,
        sleep=clock.sleep,
    )


async def test_a_due_step_becomes_exactly_one_reminder(world):
    _, store, _, enrolment = world
    clock, platform = Clock(START), FakePlatform()
    assert await store.write(scan.queue_due, clock(), OPTIONS) == 1
    assert await store.write(scan.queue_due, clock(), OPTIONS) == 0  # second scan: no-op
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain()
    await dispatcher.drain()
    assert len(platform.accepted) == 1
    chat, replies = platform.accepted[0]
    assert chat == "111"
    assert "step 1 of 7" in replies[0].text and "mailto:maria@acme.com" in replies[0].text
    assert [b.action for b in replies[0].buttons] == [
        "step.done",
        "step.skip",
        "step.snooze",
        "step.replied",
    ]
    assert all(b.token for b in replies[0].buttons)
    (row,) = await store.read(lambda tx: [tx.outbox.get(1)])
    assert row.state == "sent" and row.platform_message_id == "m1"


class PlainPresenter(ChatPresenter):
    """Another presentation of the same engine: a reminder as one line of plain text, with the
    tokens the store issued for its step buttons (as a channel without buttons might show)."""

    def reminder(self, data, locale):
        return {"line": f"{data['channel']} {data['contact']} #{data['step_index'] + 1}"}

    def seal(self, messages, issue):
        tokens = issue([("step.done", {"enrolment": 1, "step": 0})])
        return tuple({**m, "tokens": tokens} for m in messages)


async def test_the_engine_delivers_what_the_presenter_it_is_given_words(world):
    """cadence_jobs decides what is due and seals it; how it reads is the presenter's alone (in
    the app, handlers' ChatPresenter: the engine imports nothing from handlers)."""
    _, store, _, _ = world
    clock, platform = Clock(START), FakePlatform()
    await store.write(scan.queue_due, clock(), OPTIONS)
    await make_dispatcher(store, platform, clock, presenter=PlainPresenter()).drain()
    ((chat, (message,)),) = platform.accepted
    assert chat == "111" and message["line"] == "email Maria Souza #1"
    found = await store.read(lambda tx: tx.callbacks.lookup(message["tokens"][0], clock()))
    assert found.action == "step.done"


async def test_crash_between_queueing_and_sending_delivers_once_after_restart(world):
    path, store, _, _ = world
    clock = Clock(START)
    await store.write(scan.queue_due, clock(), OPTIONS)
    await store.close()  # the process dies before the dispatcher ran
    platform = FakePlatform()
    reopened = await backends.connect(path)
    try:
        assert await reopened.write(scan.queue_due, clock(), OPTIONS) == 0
        await make_dispatcher(reopened, platform, clock).drain()
        await make_dispatcher(reopened, platform, clock).drain()
    finally:
        await reopened.close()
    assert len(platform.accepted) == 1


async def test_429_retry_after_is_honoured_and_the_message_still_arrives(world):
    _, store, _, _ = world
    clock, platform = Clock(START), FakePlatform()
    platform.script = [DeliveryError("Too Many Requests", retry_after=7)]
    await store.write(scan.queue_due, clock(), OPTIONS)
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain()
    assert platform.accepted == []
    row = await store.read(lambda tx: tx.outbox.get(1))
    assert row.state == "pending" and "Too Many Requests" in row.last_error
    assert row.next_attempt_at == "2026-03-02T14:00:07+00:00"
    clock.advance(seconds=6)
    await dispatcher.drain()
    assert platform.accepted == []  # not before retry_after
    clock.advance(seconds=1)
    await dispatcher.drain()
    assert len(platform.accepted) == 1


async def test_network_errors_back_off_then_fail_and_are_listed(world):
    _, store, _, _ = world
    clock, platform = Clock(START), FakePlatform()
    platform.script = [ConnectionError("reset")] * 3
    await store.write(scan.queue_due, clock(), OPTIONS)
    dispatcher = make_dispatcher(store, platform, clock, max_attempts=3)
    for _ in range(3):
        await dispatcher.drain()
        clock.advance(minutes=30)
    failed = await store.read(lambda tx: tx.outbox.failed())
    assert [(f.attempts, f.state) for f in failed] == [(3, "failed")]
    assert "ConnectionError" in failed[0].last_error
    assert platform.accepted == []


async def test_permanent_refusal_fails_at_once(world):
    _, store, _, _ = world
    clock, platform = Clock(START), FakePlatform()
    platform.script = [DeliveryError("Forbidden: bot was blocked by the user", permanent=True)]
    await store.write(scan.queue_due, clock(), OPTIONS)
    await make_dispatcher(store, platform, clock).drain()
    await make_dispatcher(store, platform, clock).drain()
    assert platform.calls == 1
    failed = await store.read(lambda tx: tx.outbox.failed())
    assert [(f.attempts, f.state) for f in failed] == [(1, "failed")]


def test_ritmo_outbox_failed_lists_failed_messages(store_url, monkeypatch, capsys):
    from bot.commands import outbox as outbox_command
    from bot.config import Settings as AppSettings

    path = store_url

    def blocked(tx: Tx) -> None:
        rep = tx.people.add_person(
            name="Ana", role="rep", timezone="America/Manaus", locale="en", actor=CLI, now=START
        )
        queued = tx.outbox.enqueue(rep.id, "notice", "n1", {"replies": [{"text": "hi"}]}, START)
        assert queued is not None
        tx.outbox.mark_retry(queued, "Forbidden: bot was blocked by the user", START, 1)

    async def seed() -> None:
        store = await backends.connect(path)
        try:
            await store.write(blocked)
        finally:
            await store.close()

    asyncio.run(seed())  # the command runs its own event loop, so this test has none
    for var in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "RITMO_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("RITMO_DB", str(path))
    monkeypatch.setenv("RITMO_LOCALE", "en")
    parser = argparse.ArgumentParser()
    outbox_command.register(parser.add_subparsers())
    args = parser.parse_args(["outbox", "--failed"])
    assert args.func(args, AppSettings.from_env()) == 0
    out = capsys.readouterr().out
    assert "blocked by the user" in out and "1 attempt" in out


async def test_nothing_is_sent_outside_working_hours_it_waits(world):
    _, store, rep, enrolment = world
    clock, platform = Clock(START), FakePlatform()
    night = datetime(2026, 3, 3, 2, 0, tzinfo=UTC)  # 22:00 Monday in Manaus

    def overdue(tx: Tx):
        current = tx.enrolments.get(enrolment.id)
        due = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
        tx.enrolments.shift_due(CLI, current, due, START, "test: due this afternoon")

    await store.write(overdue)
    clock.at = night
    assert await store.write(scan.queue_due, clock(), OPTIONS) == 1
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain()
    assert platform.accepted == []
    clock.at = datetime(2026, 3, 3, 13, 0, tzinfo=UTC)  # 09:00 Tuesday in Manaus
    await dispatcher.drain()
    assert len(platform.accepted) == 1


async def test_pressing_done_on_the_reminder_advances_and_logs(world):
    _, store, rep, enrolment = world
    clock, platform = Clock(START), FakePlatform()
    await store.write(scan.queue_due, clock(), OPTIONS)
    await make_dispatcher(store, platform, clock).drain()
    done = platform.accepted[0][1][0].buttons[0]
    chat = ChatDispatcher([cadence_actions.router], store, OPTIONS, clock)
    press = Incoming(Sender("telegram", "111"), "111", "cb1", token=done.token)
    answer = await chat.handle(press)
    assert answer.intent == "cadence_action"
    assert "Next step: Call" in answer.replies[0].text
    after = await store.read(lambda tx: tx.enrolments.get(enrolment.id))
    assert after.step_index == 1
    logged = await store.read(
        lambda tx: tx.interactions.recent_for_account(enrolment.account_id, None)
    )
    assert [i.kind for i in logged] == ["email"]
    again = await chat.handle(Incoming(Sender("telegram", "111"), "111", "cb2", token=done.token))
    assert (await store.read(lambda tx: tx.enrolments.get(enrolment.id))).step_index == 1
    assert again.replies


async def test_a_reminder_for_a_step_already_done_is_not_sent(world):
    _, store, rep, enrolment = world
    clock, platform = Clock(START), FakePlatform()
    await store.write(scan.queue_due, clock(), OPTIONS)
    await store.write(
        lambda tx: workflow.act(
            tx,
            actor=Actor.person(rep.id),
            enrolment_id=enrolment.id,
            action="done",
            now=clock(),
            options=OPTIONS,
        )
    )
    await make_dispatcher(store, platform, clock).drain()
    assert platform.accepted == []


async def test_batched_reminders_come_as_one_message_at_the_chosen_time(world):
    _, store, rep, enrolment = world
    clock, platform = Clock(START), FakePlatform()

    def batched(tx: Tx):
        tx.schedules.set_preferences(
            CLI, rep.id, {"notify_mode": "batched", "notify_times": "08:30,14:00"}, START
        )
        maria2 = tx.accounts.create_contact(
            account_id=enrolment.account_id, name="Rui", actor=CLI, now=START
        )
        workflow.enrol(
            tx,
            actor=CLI,
            cadence_key="conversion",
            account_id=enrolment.account_id,
            owner_id=rep.id,
            now=START,
            options=OPTIONS,
            contact_id=maria2.id,
        )

    await store.write(batched)
    assert await store.write(scan.queue_due, clock(), OPTIONS) == 2
    assert await store.write(scan.queue_agendas, clock(), OPTIONS, PRESENTER) == 1
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain()
    assert platform.accepted == []  # 10:00 local: waits for 14:00
    clock.at = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    await dispatcher.drain()
    assert len(platform.accepted) == 1
    [message] = platform.accepted[0][1]  # the agenda and both reminders, one message
    assert "2 cadence reminder" in message.text and "*1.*" in message.text
    assert "*2.*" in message.text and message.text.index("for today") < message.text.index("*1.*")
    labels = [b.label for b in message.buttons]
    assert labels[0].startswith("1 · ") and labels[-1].startswith("2 · ")
    assert await store.read(lambda tx: tx.outbox.due(clock(), 10)) == []


@pytest.mark.parametrize("world", [False], indirect=True)  # the rep has not linked a chat
async def test_a_rep_without_a_linked_chat_gets_reminders_once_linked(world):
    _, store, rep, _ = world
    clock, platform = Clock(START), FakePlatform()
    await store.write(scan.queue_due, clock(), OPTIONS)
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain()
    assert platform.calls == 0 and await store.read(lambda tx: tx.outbox.failed()) == []
    await store.write(
        lambda tx: tx.people.link_identity(rep.id, "telegram", "222", "222", CLI, clock())
    )
    clock.advance(minutes=30)
    await dispatcher.drain()
    assert [chat for chat, _ in platform.accepted] == ["222"]


async def test_killed_while_the_platform_call_is_in_flight_it_is_sent_after_restart(world):
    import asyncio

    path, store, _, _ = world
    clock = Clock(START)
    started = asyncio.Event()

    async def hangs(identity, replies):
        started.set()
        await asyncio.Event().wait()  # the platform never answers: the process dies first

    await store.write(scan.queue_due, clock(), OPTIONS)
    doomed = Dispatcher(
        store,
        {"telegram": hangs},
        OPTIONS,
        clock,
        presenter=PRESENTER,
        monotonic=clock.monotonic,
        sleep=clock.sleep,
    )
    task = asyncio.ensure_future(doomed.drain())
    await started.wait()
    task.cancel()
    await store.close()
    reopened = await backends.connect(path)
    platform = FakePlatform()
    try:
        await make_dispatcher(reopened, platform, clock).drain()
        await make_dispatcher(reopened, platform, clock).drain()
        row = await reopened.read(lambda tx: tx.outbox.get(1))
    finally:
        await reopened.close()
    assert len(platform.accepted) == 1
    assert row.state == "sent" and row.platform_message_id == "m1"


async def test_one_reps_backlog_does_not_hold_back_another_rep(world, monkeypatch):
    from cadence_jobs import dispatcher as dispatcher_module

    _, store, rep, _ = world
    clock, platform = Clock(START), FakePlatform()
    monkeypatch.setattr(dispatcher_module, "BATCH", 3)

    def backlog(tx: Tx):
        other = tx.people.add_person(
            name="Rui",
            role="rep",
            timezone="America/Manaus",
            locale="en",
            actor=CLI,
            now=START,
        )
        tx.people.link_identity(other.id, "telegram", "222", "222", CLI, START)
        for i in range(5):
            tx.outbox.enqueue(rep.id, "notice", f"a{i}", {"replies": [{"text": "a"}]}, START)
        tx.outbox.enqueue(other.id, "notice", "b", {"replies": [{"text": "b"}]}, START)

    await store.write(backlog)
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain_once()
    assert sorted(chat for chat, _ in platform.accepted) == ["111", "222"]
    await dispatcher.drain()
    chats = [chat for chat, _ in platform.accepted]
    assert chats.count("111") == 5 and chats.count("222") == 1


async def test_a_reminder_queued_before_an_absence_waits_for_the_rep_to_be_back(world):

    _, store, rep, _ = world
    clock, platform = Clock(START), FakePlatform()
    assert await store.write(scan.queue_due, clock(), OPTIONS) == 1
    monday = datetime(2026, 3, 2).date()
    await store.write(lambda tx: tx.schedules.add_away(CLI, rep.id, monday, monday, clock()))
    dispatcher = make_dispatcher(store, platform, clock)
    await dispatcher.drain()
    assert platform.calls == 0 and await store.read(lambda tx: tx.outbox.failed()) == []
    clock.at = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 19:30 in Manaus: after hours
    await dispatcher.drain()
    assert platform.calls == 0
    clock.at = datetime(2026, 3, 3, 13, 0, tzinfo=UTC)  # Tuesday 09:00 in Manaus: back
    await dispatcher.drain()
    assert len(platform.accepted) == 1


async def test_the_pushed_agenda_is_the_asked_for_agenda_with_its_why(world):
    from handlers.conversation import ask_agenda
    from handlers.kernel import asking

    _, store, _, _ = world
    clock = Clock(datetime(2026, 3, 3, 14, 0, tzinfo=UTC))  # Tuesday 10:00 in Manaus
    assert await store.write(scan.queue_agendas, clock(), OPTIONS, PRESENTER) == 1
    [row] = await store.read(lambda tx: tx.outbox.due(clock() + timedelta(days=1), 10))
    pushed = row.payload["replies"][0]["text"]
    chat = ChatDispatcher([ask_agenda.router], store, OPTIONS, clock, asking.parser)
    asked = await chat.handle(Incoming(Sender("telegram", "111"), "111", "q1", text="agenda"))
    assert asked.intent == "agenda"
    assert pushed == "Good morning!\n" + asked.replies[0].text
    assert "_why: " in pushed

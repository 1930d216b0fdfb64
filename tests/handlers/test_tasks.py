"""Tasks and reminders asked for in the chat, and undo: created at once, on the agenda, reminded
on their day through the outbox, undone with a confirm."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from cadence_jobs import scan
from cadence_jobs.dispatcher import Dispatcher as OutboxDispatcher
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel.context import Options
from handlers.understanding.parse import Parsed
from tests.handlers.conftest import NOW, TODAY, button, buttons, text

FRIDAY = date(2026, 11, 20)


def task(text_: str, **kw) -> Parsed:
    return Parsed(text=text_, intent="task", **kw)


async def test_task_is_created_at_once_with_its_day_and_account(stub_chat):
    said = await stub_chat.tell(
        "Ana", task("me lembra de ligar pro João sexta", name="padaria silva", date=FRIDAY)
    )
    assert said.intent == "task"
    assert "Tarefa criada para" in text(said) and "ligar pro João sexta" in text(said)
    assert "Padaria Silva Ltda" in text(said)
    rows = [
        (f.kind, f.due_date, f.note, f.state, f.account_id) for f in await stub_chat.follow_ups()
    ]
    assert rows == [
        ("task", "2026-11-20", "ligar pro João sexta", "open", stub_chat.ids["Padaria Silva Ltda"])
    ]
    assert button(said, "task.undo")


async def test_task_without_a_day_asks_when_and_the_button_creates_it(stub_chat):
    said = await stub_chat.tell("Bruno", task("remind me to send the deck", time=time(15, 0)))
    assert "When?" in text(said) and "send the deck" in text(said)
    assert await stub_chat.follow_ups() == []
    labels = [b.label for b in buttons(said)]
    assert labels == ["Today", "Tomorrow", "Next week"]
    done = await stub_chat.press("Bruno", buttons(said)[1])
    assert "Task set for" in text(done) and "at 15:00" in text(done)
    assert [(f.due_date, f.due_time, f.note) for f in await stub_chat.follow_ups()] == [
        ("2026-11-19", "15:00", "send the deck")
    ]


async def test_task_due_today_is_on_the_agenda(stub_chat):
    await stub_chat.tell(
        "Ana", task("lembrete: mandar contrato pra ACME", name="acme", date=TODAY)
    )
    agenda = await stub_chat.say("Ana", "o que tenho hoje?")
    assert agenda.intent == "agenda"
    assert "mandar contrato pra ACME" in text(agenda)
    assert any(i["source"] == "follow_up" for i in agenda.data["items"])


class _Platform:
    def __init__(self) -> None:
        self.accepted: list = []

    async def deliver(self, identity, replies) -> str:
        self.accepted.append((identity.external_id, list(replies)))
        return f"m{len(self.accepted)}"


async def _deliver(store, at: datetime) -> list:
    """Send what the outbox holds at `at`; the replies that went out."""
    platform = _Platform()
    await OutboxDispatcher(
        store, {"console": platform.deliver}, Options(), lambda: at, presenter=ChatPresenter()
    ).drain()
    return [r for _, replies in platform.accepted for r in replies]


def _button(replies: list, action: str):
    return next(b for r in replies for b in r.buttons if b.action == action)


async def test_task_is_reminded_on_its_day_through_the_outbox(stub_chat):
    thursday = date(2026, 11, 19)
    said = await stub_chat.tell("Ana", task("me lembra de ligar pro João", date=thursday))
    task_id = said.data["follow_up_id"]
    options, store = Options(), stub_chat.store
    assert await store.write(scan.queue_due, NOW, options) == 0  # Wednesday: not yet
    thursday_8am = datetime(2026, 11, 19, 11, 0, tzinfo=UTC)  # 08:00 in São Paulo
    assert await store.write(scan.queue_due, thursday_8am, options) == 1
    assert await store.write(scan.queue_due, thursday_8am, options) == 0  # queued once
    rows = await store.read(lambda tx: tx.outbox.due(thursday_8am + timedelta(hours=2), 10))
    assert [(r.kind, r.payload["follow_up_id"]) for r in rows] == [("reminder", task_id)]
    replies = await _deliver(store, thursday_8am + timedelta(hours=2))
    assert "Lembrete" in replies[0].text and "ligar pro João" in replies[0].text
    done = await stub_chat.press("Ana", _button(replies, "task.done"))
    assert "Feito: ligar pro João" in text(done)
    assert [(f.id, f.state) for f in await stub_chat.follow_ups()] == [(task_id, "done")]


async def test_task_due_on_a_holiday_is_reminded_the_next_working_day(stub_chat):
    await stub_chat.tell("Ana", task("me lembra de ligar pro João", date=FRIDAY))
    friday = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)  # Consciência Negra, a national holiday
    assert await stub_chat.store.write(scan.queue_due, friday, Options()) == 1
    assert [q.next_attempt_at for q in await stub_chat.queued()] == ["2026-11-23T12:00:00+00:00"]


async def test_task_postponed_from_its_reminder_is_reminded_the_next_day(stub_chat):
    await stub_chat.tell("Bruno", task("remind me to call Silva", date=TODAY))
    store, options = stub_chat.store, Options()
    assert await store.write(scan.queue_due, NOW, options) == 1
    replies = await _deliver(store, NOW)
    assert "Reminder" in replies[0].text and "call Silva" in replies[0].text
    moved = await stub_chat.press("Bruno", _button(replies, "task.postpone"))
    assert "remind you again" in text(moved)
    assert [f.due_date for f in await stub_chat.follow_ups()] == ["2026-11-19"]
    assert await store.write(scan.queue_due, NOW + timedelta(hours=2), options) == 0
    assert await store.write(scan.queue_due, NOW + timedelta(days=1), options) == 1


async def test_undo_task_button_cancels_it(stub_chat):
    said = await stub_chat.tell("Ana", task("me lembra de ligar pro João", date=FRIDAY))
    undone = await stub_chat.press("Ana", button(said, "task.undo"))
    assert "Tarefa cancelada" in text(undone)
    assert [f.state for f in await stub_chat.follow_ups()] == ["cancelled"]
    assert await stub_chat.store.write(scan.queue_due, NOW + timedelta(days=3), Options()) == 0


async def test_undo_asks_then_deletes_the_last_logged_interaction(stub_chat):
    stub_chat.later(minutes=5)
    logged = await stub_chat.say("Ana", "registrar ligação Padaria Silva: falei com o João")
    assert logged.intent == "log"
    count = len(await stub_chat.logged())
    card = await stub_chat.tell("Ana", Parsed(text="desfaz", intent="undo"))
    assert "Apagar o registro de ligação com Padaria Silva Ltda" in text(card)
    assert "falei com o João" in text(card)
    assert len(await stub_chat.logged()) == count
    done = await stub_chat.press("Ana", button(card, "undo.confirm"))
    assert "Registro apagado" in text(done)
    assert len(await stub_chat.logged()) == count - 1
    assert len(await stub_chat.audit("interaction", action="delete")) == 1


async def test_undo_takes_back_the_last_task_in_english(stub_chat):
    stub_chat.later(minutes=5)
    await stub_chat.tell("Bruno", task("remind me to call Silva", date=FRIDAY))
    card = await stub_chat.tell("Bruno", Parsed(text="undo that", intent="undo"))
    assert "Cancel the task? “call Silva”" in text(card)
    done = await stub_chat.press("Bruno", button(card, "undo.confirm"))
    assert "Task cancelled" in text(done)
    assert [f.state for f in await stub_chat.follow_ups()] == ["cancelled"]


async def test_undo_with_nothing_recent_says_so(stub_chat):
    # Carlos logged nothing and created nothing; the seed's old interactions are not his.
    said = await stub_chat.tell("Carlos", Parsed(text="desfaz", intent="undo"))
    assert "nada seu das últimas 24 horas" in text(said)
    assert not buttons(said)


def _found_in_book(stub_chat, text_: str, account: str):
    """The mention the parser hands over when a contact's name led to the account."""
    from handlers.understanding.mentions import Hit, Mention

    word = "lucia"
    start = text_.index(word)
    return Mention(
        start,
        start + len(word),
        word,
        (Hit(stub_chat.ids[account], account, 0.9, True, 999, "Lúcia Prado"),),
    )


async def test_a_task_for_a_person_of_the_book_is_filed_under_her_account(stub_chat):
    said_text = "cria lembrete ligar lucia sexta"
    said = await stub_chat.tell(
        "Ana",
        task(
            said_text,
            name="lucia",
            date=FRIDAY,
            mention=_found_in_book(stub_chat, said_text, "Padaria Silva Ltda"),
        ),
    )
    assert "Padaria Silva Ltda" in text(said)
    assert [f.account_id for f in await stub_chat.follow_ups()] == [
        stub_chat.ids["Padaria Silva Ltda"]
    ]


async def test_asking_when_keeps_the_account_and_the_day_picked_files_it(stub_chat):
    said_text = "me lembra de ligar pra lucia"
    said = await stub_chat.tell(
        "Ana",
        task(
            said_text,
            name="lucia",
            mention=_found_in_book(stub_chat, said_text, "Padaria Silva Ltda"),
        ),
    )
    assert "Quando?" in text(said) and said.entities["account"] == "Padaria Silva Ltda"
    done = await stub_chat.press("Ana", buttons(said)[1])
    assert "Padaria Silva Ltda" in text(done)
    assert [f.account_id for f in await stub_chat.follow_ups()] == [
        stub_chat.ids["Padaria Silva Ltda"]
    ]

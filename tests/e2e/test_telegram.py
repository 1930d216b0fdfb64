"""ritmo's real Telegram adapter against the fake Bot API: what a Telegram user would see.

Every test on a store of its own (`ritmo`, `hooked`, `store_url`) runs on SQLite and on
PostgreSQL; the start-up refusals (a wrong token or webhook secret) stop before any store work
and run on SQLite only.
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.fakes.telegram_api import (
    BOT_USERNAME,
    TOKEN,
    FakeTelegram,
    callback_update,
    command_update,
    group_chat,
    location_update,
    message_update,
    photo_update,
    user,
    voice_update,
)
from bot.app import App
from bot.channels.base import DeliveryError
from bot.channels.telegram import adapter as tg
from bot.config import Settings
from handlers.kernel.messages import Button, Reply
from storage import backends
from storage.audit import Actor
from storage.interface import Tx

ANA = user(501, "Ana", language_code="pt-br")
STRANGER = user(666, "Mallory", language_code="en")
GROUP = group_chat()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 10, 13, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Ritmo:
    """One running ritmo with its Telegram adapter, and helpers that talk like a phone."""

    def __init__(self, app: App, adapter: tg.TelegramAdapter, fake: FakeTelegram, clock: Clock):
        self.app = app
        self.adapter = adapter
        self.fake = fake
        self.clock = clock

    @property
    def store(self):
        assert self.app.store is not None
        return self.app.store

    async def person(
        self, name: str, locale: str = "pt-BR", role: str = "rep", team: str | None = None
    ) -> tuple:
        def add(tx: Tx):
            person = tx.people.add_person(
                name=name,
                role=role,
                timezone="America/Sao_Paulo",
                locale=locale,
                actor=Actor(None, "test"),
                now=self.clock(),
                team=team,
            )
            code = tx.people.create_link_code(
                person.id, timedelta(days=7), Actor(None, "test"), self.clock()
            )
            return person, code

        return await self.store.write(add)

    async def linked(
        self,
        sender: dict,
        name: str = "Ana Souza",
        locale: str = "pt-BR",
        role: str = "rep",
        team: str | None = None,
    ):
        person, code = await self.person(name, locale, role, team)
        await self.send(command_update(sender, "start", code))
        return person

    async def send(self, update: dict) -> list:
        """Push an update, wait until ritmo journaled and handled it; return what it sent."""
        mark = len(self.fake.calls)
        pushed = await self.fake.push(update)
        uid = pushed["update_id"]
        await self.fake.wait_confirmed(uid)
        await self.adapter.worker.drain()
        return [
            c
            for c in self.fake.calls[mark:]
            if c.method in ("sendMessage", "sendPhoto", "editMessageText") and c.status == 200
        ]

    async def inbox_rows(self) -> int:
        return await self.store.read(lambda tx: tx.inbox.count("telegram"))


async def _start(where, fake, clock, **env) -> tuple[App, tg.TelegramAdapter]:
    """The App on the store at `where` (a SQLite path or a PostgreSQL URL) with its Telegram
    adapter started against `fake`."""
    settings = Settings.from_env(
        {
            "RITMO_DB": str(where),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            **env,
        }
    )
    app = App(settings, now=clock)
    await app.open()
    assert app.store is not None and app.dispatcher is not None
    adapter = tg.TelegramAdapter(
        app.store,
        app.dispatcher,
        token=TOKEN,
        base_url=fake.base_url,
        now=clock,
        webhook_url=settings.telegram_webhook_url,
        webhook_secret=settings.telegram_webhook_secret,
        web_app=app.web,
        poll_timeout=5,
        chat_interval=0.01,
    )
    app.adapters[adapter.platform] = adapter
    try:
        await adapter.start()
    except BaseException:
        await app.close()
        raise
    return app, adapter


@pytest.fixture
async def fake():
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def ritmo(store_url, fake):
    clock = Clock()
    app, adapter = await _start(store_url, fake, clock)
    yield Ritmo(app, adapter, fake, clock)
    await app.close()


# -- start-up ---------------------------------------------------------------------------------


async def test_ritmo_run_builds_the_adapter_only_with_a_token(tmp_path, fake):
    app = App(Settings.from_env({"RITMO_DB": str(tmp_path / "a.db")}))
    await app.open()
    try:
        assert tg.build(app) is None and app.build_adapters() == {}
        app.settings = Settings.from_env(
            {
                "RITMO_DB": str(tmp_path / "a.db"),
                "TELEGRAM_BOT_TOKEN": TOKEN,
                "TELEGRAM_API_BASE_URL": fake.base_url,
            }
        )
        adapter = tg.build(app)
        assert isinstance(adapter, tg.TelegramAdapter)
        assert isinstance(app.build_adapters()["telegram"], tg.TelegramAdapter)
    finally:
        await app.close()


async def test_commands_are_registered_in_portuguese_and_english(ritmo, fake):
    by_language = {c.params.get("language_code"): c for c in fake.calls_of("setMyCommands")}
    assert set(by_language) == {"pt", "en", "es", None}
    pt = {c["command"]: c["description"] for c in by_language["pt"].params["commands"]}
    en = {c["command"]: c["description"] for c in by_language["en"].params["commands"]}
    default = {c["command"] for c in by_language[None].params["commands"]}
    assert set(en) == default == set(tg.COMMANDS)
    assert set(pt) == {"registrar", "hoje", "proximo", "funil", "previsao", "parados", "ajuda"}
    assert pt["hoje"] == "O que tenho hoje" and en["today"] == "What's due today"


async def test_every_portuguese_menu_command_answers_like_its_english_one(ritmo, fake):
    from bot.inbox import SenderThrottle

    ritmo.adapter.worker.throttle = SenderThrottle(burst=100)  # 12 commands in a row
    await ritmo.linked(ANA)
    for key, word in tg.COMMAND_NAMES["pt-BR"].items():
        if key == "log":
            continue  # /log alone asks what to log, in both languages alike
        [pt] = await ritmo.send(command_update(ANA, word))
        [en] = await ritmo.send(command_update(ANA, key))
        assert pt.text == en.text, word
        assert "Não entendi" not in pt.text, word


# -- linking ----------------------------------------------------------------------------------


async def test_start_with_a_good_code_links_the_chat(ritmo):
    person, code = await ritmo.person("Ana Souza")
    [reply] = await ritmo.send(command_update(ANA, "start", code))
    assert "Ana Souza" in reply.text and "vinculada" in reply.text
    identity = await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "501"))
    assert identity is not None and identity.person_id == person.id
    assert identity.chat_id == "501"


async def test_a_used_code_does_not_link_anyone_else(ritmo):
    _, code = await ritmo.person("Ana Souza")
    await ritmo.send(command_update(ANA, "start", code))
    [reply] = await ritmo.send(command_update(STRANGER, "link", code))
    assert "not valid" in reply.text
    assert await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "666")) is None


async def test_an_expired_code_is_refused(ritmo):
    _, code = await ritmo.person("Ana Souza")
    ritmo.clock.now += timedelta(days=8)
    [reply] = await ritmo.send(command_update(ANA, "start", code))
    assert "não vale" in reply.text
    assert await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "501")) is None


async def test_repeated_wrong_codes_are_slowed_down(ritmo):
    texts = []
    for guess in ("AAAA1111", "BBBB2222", "CCCC3333", "DDDD4444"):
        [reply] = await ritmo.send(command_update(STRANGER, "start", guess))
        texts.append(reply.text)
    assert all("not valid" in t for t in texts[:3])
    assert "Too many wrong codes" in texts[3]


# -- strangers --------------------------------------------------------------------------------


async def test_an_unknown_user_gets_one_polite_refusal_for_everything(ritmo, fake):
    owner = await ritmo.linked(ANA)
    updates = [command_update(STRANGER, c) for c in tg.COMMANDS]
    updates += [
        message_update(STRANGER, "meu pipeline"),
        location_update(STRANGER, -23.5, -46.6),
        photo_update(STRANGER),
    ]
    for update in updates:
        replies = await ritmo.send(update)
        assert [r.text for r in replies] == [
            "Hi! I don't know you yet. Ask your manager or Sales Ops for an access code and "
            "send it here: /start CODE"
        ]
        assert not replies[0].buttons
    # A button token stolen from a linked person's message is no use to a stranger.
    [token] = await ritmo.store.write(
        lambda tx: tx.callbacks.issue_many(
            owner.id, [("step.done", {"enrolment_id": 1})], ritmo.clock()
        )
    )
    forged = await fake.push(callback_update(STRANGER, token))
    await ritmo.send({"update_id": forged["update_id"] + 1, **message_update(STRANGER, "oi")})
    assert forged["callback_query"]["id"] in fake.answered_callbacks
    assert await ritmo.store.read(lambda tx: tx.callbacks.lookup(token, ritmo.clock())) is not None


# -- replies ----------------------------------------------------------------------------------


async def test_help_reaches_a_linked_person_in_html(ritmo):
    await ritmo.linked(ANA)
    [reply] = await ritmo.send(command_update(ANA, "help"))
    assert reply.params["parse_mode"] == "HTML"
    assert "<b>" in reply.params["text"]
    assert "o que tenho hoje?" in reply.text


async def test_an_account_name_with_html_is_shown_literally(ritmo, fake):
    person = await ritmo.linked(ANA)
    identity = await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "501"))
    from handlers.kernel.markup import esc

    await ritmo.adapter.deliver(identity, [Reply(f"Ligar para *{esc('<b>Acme & Co</b>')}*")])
    [call] = fake.sent_to(501)[-1:]
    assert call.text == "Ligar para <b>Acme & Co</b>"
    assert person.name == "Ana Souza"


# -- delivery ---------------------------------------------------------------------------------


async def test_a_reminder_is_delivered_with_buttons_and_marked_done_by_a_press(ritmo, fake):
    from cadence_jobs import scan, workflow
    from cadence_jobs.dispatcher import Dispatcher as Outbox
    from cadence_jobs.jobs import install_cadences
    from handlers.conversation.presenter import ChatPresenter

    person = await ritmo.linked(ANA)
    options = ritmo.app.settings.options()

    def seed(tx: Tx):
        install_cadences(tx, ritmo.app.settings)
        acme = tx.accounts.create_account(
            name="Acme & Filhos",
            owner_id=person.id,
            actor=Actor(None, "test"),
            now=ritmo.clock(),
        )
        maria = tx.accounts.create_contact(
            account_id=acme.id,
            name="Maria <Souza>",
            actor=Actor(None, "test"),
            now=ritmo.clock(),
            email="maria@acme.com",
        )
        return workflow.enrol(
            tx,
            actor=Actor.person(person.id),
            cadence_key="exploratory",
            account_id=acme.id,
            owner_id=person.id,
            now=ritmo.clock(),
            options=options,
            contact_id=maria.id,
        )

    enrolment = await ritmo.store.write(seed)
    assert await ritmo.store.write(scan.queue_due, ritmo.clock(), options) == 1
    await Outbox(
        ritmo.store,
        {"telegram": ritmo.adapter.deliver},
        options,
        ritmo.clock,
        presenter=ChatPresenter(),
    ).drain()

    [reminder] = fake.sent_to(501)[-1:]
    assert "Maria <Souza>" in reminder.text and "Acme & Filhos" in reminder.text
    labels = [b["text"] for b in reminder.buttons]
    assert len(labels) == 4
    assert all(len(b["callback_data"].encode()) <= 64 for b in reminder.buttons)

    done = reminder.buttons[0]["callback_data"]
    press = callback_update(ANA, done, reminder.result)
    [edited] = await ritmo.send(press)
    assert press["callback_query"]["id"] in fake.answered_callbacks
    assert edited.method == "editMessageText"
    assert edited.params["message_id"] == reminder.result["message_id"]
    shown = fake.messages[(501, reminder.result["message_id"])]
    assert "reply_markup" not in shown  # the done step can't be pressed twice
    after = await ritmo.store.read(lambda tx: tx.enrolments.get(enrolment.id))
    assert after.step_index == 1

    # A second press of the same (old) button does nothing more.
    await ritmo.send(callback_update(ANA, done, reminder.result))
    assert (await ritmo.store.read(lambda tx: tx.enrolments.get(enrolment.id))).step_index == 1


async def test_a_call_reminder_shows_the_number_so_one_tap_dials(ritmo, fake):
    # Telegram apps don't open tel: links; they do auto-link an international number.
    from cadence_jobs import scan, workflow
    from cadence_jobs.dispatcher import Dispatcher as Outbox
    from cadence_jobs.jobs import install_cadences
    from handlers.conversation.presenter import ChatPresenter

    person = await ritmo.linked(ANA)
    options = ritmo.app.settings.options()

    def seed(tx: Tx):
        install_cadences(tx, ritmo.app.settings)
        acme = tx.accounts.create_account(
            name="Acme", owner_id=person.id, actor=Actor(None, "test"), now=ritmo.clock()
        )
        maria = tx.accounts.create_contact(
            account_id=acme.id,
            name="Maria",
            actor=Actor(None, "test"),
            now=ritmo.clock(),
            phone="(92) 99999-1234",
            email="maria@acme.com",
        )
        return workflow.enrol(
            tx,
            actor=Actor.person(person.id),
            cadence_key="conversion",
            account_id=acme.id,
            owner_id=person.id,
            now=ritmo.clock(),
            options=options,
            contact_id=maria.id,
        )

    await ritmo.store.write(seed)
    assert await ritmo.store.write(scan.queue_due, ritmo.clock(), options) == 1
    await Outbox(
        ritmo.store,
        {"telegram": ritmo.adapter.deliver},
        options,
        ritmo.clock,
        presenter=ChatPresenter(),
    ).drain()

    [reminder] = fake.sent_to(501)[-1:]
    assert "tel:" not in reminder.params["text"]
    assert "Ligar para +5592999991234" in reminder.text


async def test_a_429_is_honoured_before_delivering(ritmo, fake):
    await ritmo.linked(ANA)
    identity = await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "501"))
    fake.fail("sendMessage", 429, retry_after=1)
    await ritmo.adapter.deliver(identity, [Reply("Agenda de hoje")])
    refused, sent = [c for c in fake.calls if c.method == "sendMessage"][-2:]
    assert refused.status == 429 and sent.status == 200
    assert sent.at - refused.at >= 1.0


async def test_a_long_flood_wait_goes_back_to_the_outbox(ritmo, fake):
    await ritmo.linked(ANA)
    identity = await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "501"))
    fake.fail("sendMessage", 429, retry_after=60)
    with pytest.raises(DeliveryError) as caught:
        await ritmo.adapter.deliver(identity, [Reply("Agenda de hoje")])
    assert caught.value.retry_after == 60 and not caught.value.permanent


# -- nothing lost, nothing twice --------------------------------------------------------------


async def test_the_offset_is_stored_only_after_the_inbox_commit(ritmo, fake):
    update = await fake.push(message_update(STRANGER, "oi"))
    await fake.wait_confirmed(update["update_id"])
    stored = await ritmo.store.read(lambda tx: tx.kv.get(tg.OFFSET_KEY))
    assert int(stored) == update["update_id"] + 1
    assert await ritmo.inbox_rows() == 1  # journaled before the offset moved past it
    await ritmo.adapter.worker.drain()
    assert len(fake.sent_to(666)) == 1  # and what was journaled is the message: it is answered


async def test_a_duplicated_update_is_stored_and_answered_once(ritmo, fake):
    update = {"update_id": 4242, **message_update(STRANGER, "oi")}
    await ritmo.adapter.journal([update])
    await ritmo.adapter.journal([update])  # e.g. re-fetched after a crash before the offset
    await ritmo.adapter.worker.drain()
    assert await ritmo.inbox_rows() == 1
    assert len(fake.sent_to(666)) == 1


# -- groups -----------------------------------------------------------------------------------


async def test_group_chatter_not_addressed_to_the_bot_is_ignored(ritmo):
    await ritmo.linked(ANA)
    assert await ritmo.send(message_update(ANA, "bom dia pessoal", chat=GROUP)) == []


async def test_personal_data_asked_in_a_group_is_answered_in_private(ritmo, fake):
    await ritmo.linked(ANA)
    private = Reply("Seu pipeline: *R$ 10.000*", private=True)
    incoming = ritmo.adapter.parse(
        {"update_id": 1, **command_update(ANA, "pipeline", chat=GROUP, bot=BOT_USERNAME)}
    )
    from handlers.kernel.messages import Answer

    await ritmo.adapter.respond(incoming, {"update_id": 1}, Answer([private]))
    in_group = fake.sent_to(GROUP["id"])
    in_private = fake.sent_to(501)
    assert [c.text for c in in_group] == ["Ana, isso é só seu: respondo no privado."]
    assert in_private[-1].text == "Seu pipeline: R$ 10.000"
    assert all("10.000" not in c.text for c in in_group)


# -- webhook ----------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def hooked(store_url, fake):
    port = _free_port()
    clock = Clock()
    app, adapter = await _start(
        store_url,
        fake,
        clock,
        RITMO_HTTP_PORT=str(port),
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}{tg.WEBHOOK_PATH}",
        TELEGRAM_WEBHOOK_SECRET="s3cret-Token_1",
    )
    await app.start_web()
    yield Ritmo(app, adapter, fake, clock)
    await app.close()


async def test_webhook_mode_registers_the_url_and_secret_instead_of_polling(hooked, fake):
    assert fake.webhook["url"].endswith(tg.WEBHOOK_PATH)
    assert fake.webhook["secret_token"] == "s3cret-Token_1"
    assert not fake.calls_of("getUpdates")


async def test_webhook_with_the_right_secret_is_journaled_then_answered(hooked, fake):
    update = {"update_id": 77, **message_update(STRANGER, "oi")}
    assert await fake.post_webhook(update) == 200
    # 200 came back only after the commit: the row is there the moment the POST returns.
    assert await hooked.inbox_rows() == 1
    assert await fake.post_webhook(update) == 200  # Telegram retrying the same update
    await hooked.adapter.worker.drain()
    assert await hooked.inbox_rows() == 1
    assert len(fake.sent_to(666)) == 1


async def test_webhook_with_a_wrong_or_missing_secret_is_refused(hooked, fake):
    update = {"update_id": 78, **message_update(STRANGER, "oi")}
    assert await fake.post_webhook(update, secret="wrong") == 403
    assert await fake.post_webhook(update, secret=None) == 401
    await hooked.adapter.worker.drain()
    assert await hooked.inbox_rows() == 0
    assert not fake.sent_to(666)


# -- a real crash -----------------------------------------------------------------------------


async def _ritmo_run(env: dict[str, str], log_path) -> asyncio.subprocess.Process:
    root = Path(__file__).resolve().parents[2]
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=root,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=open(log_path, "ab"),  # noqa: SIM115
    )


LEASE_TTL_S = 2


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
async def test_a_crash_after_fetching_re_handles_the_update_once_on_restart(
    store_url, tmp_path, fake
):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env.update(
        {
            "RITMO_DB": store_url,
            "RITMO_HTTP_PORT": str(_free_port()),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            # Leases of 2 s: a dead process's presence expires 4 s after its last renewal
            # instead of the default 30 s (the same rule, waited out faster).
            "RITMO_LEASE_TTL": str(LEASE_TTL_S),
        }
    )
    fake.stall("sendMessage")
    update = await fake.push(message_update(STRANGER, "oi"))

    first = await _ritmo_run(env, tmp_path / "run.log")
    try:
        await fake.wait_held("sendMessage", timeout=30)  # handled, reply on its way...
        await fake.wait_confirmed(update["update_id"])  # ...and Telegram won't send it again
    finally:
        first.kill()  # SIGKILL: no clean shutdown, nothing marked done
        await first.wait()
    fake.release("sendMessage")
    assert not fake.sent_to(666)

    second = await _ritmo_run(env, tmp_path / "run.log")
    # On PostgreSQL the killed process's claim on the update is free once its presence lease
    # has expired (2 × RITMO_LEASE_TTL after its last renewal, README "Several processes"), not
    # at once. The wait is shorter than the default presence (30 s): the setting must be obeyed.
    wait = 20 if store_url.startswith("postgres") else 30
    try:
        reply = await fake.wait_for("sendMessage", timeout=wait)
    finally:
        second.terminate()
        await second.wait()
    assert reply.params["chat_id"] == 666
    assert len(fake.sent_to(666)) == 1
    store = await backends.connect(store_url)
    try:
        assert await store.read(lambda tx: tx.inbox.count("telegram", "done")) == 1
        assert await store.read(lambda tx: tx.inbox.count("telegram")) == 1
    finally:
        await store.close()


# -- field features ---------------------------------------------------------------------------


async def _accounts(ritmo: Ritmo, owner_id: int) -> None:

    def add(tx: Tx):
        for name, lat, lon in [
            ("Padaria Silva", -23.5614, -46.6559),  # Av. Paulista
            ("Mercado Central", -23.5413, -46.6294),  # about 3 km away
            ("Acme <Filial> & Co", None, None),
        ]:
            tx.accounts.create_account(
                name=name,
                owner_id=owner_id,
                actor=Actor(None, "test"),
                now=ritmo.clock(),
                latitude=lat,
                longitude=lon,
            )

    await ritmo.store.write(add)


async def _interactions(ritmo: Ritmo) -> list:
    """(kind, account id, latitude, longitude, attachment, source message) of every logged
    interaction, oldest first: the record, its place as `ritmo export` writes it, its file."""

    def read(tx: Tx) -> list:
        ids = [
            int(e.entity_id or 0)
            for e in reversed(tx.audit.entries("interaction", limit=1_000_000))
            if e.action == "create"
        ]
        places = {
            (r["kind"], r["occurred_at"]): (r["latitude"], r["longitude"])
            for r in tx.transfer.export_rows("interactions")
        }
        rows = []
        for i in ids:
            got = tx.interactions.get_interaction(i)
            if got is not None:
                lat, lon = places[(got.kind, got.occurred_at)]
                attachment = tx.interactions.attachment(i)
                rows.append(
                    (got.kind, got.account_id, lat, lon, attachment, got.source_message_id)
                )
        return rows

    return await ritmo.store.read(read)


async def test_a_shared_location_checks_in_at_the_nearest_account(ritmo, fake):
    person = await ritmo.linked(ANA)
    await _accounts(ritmo, person.id)
    [ask] = await ritmo.send(location_update(ANA, -23.5616, -46.6562))
    assert ask.text.startswith("Check-in de visita. A conta mais perto é Padaria Silva (")
    labels = [b["text"] for b in ask.buttons]
    assert labels[0].startswith("Padaria Silva · ") and labels[1].startswith("Mercado Central")
    assert labels[2] == "Acme <Filial> & Co"

    [done] = await ritmo.send(callback_update(ANA, ask.buttons[0]["callback_data"], ask.result))
    assert done.method == "editMessageText"
    assert done.text.startswith("Visita à Padaria Silva registrada às ")
    [row] = await _interactions(ritmo)
    assert row[0] == "visit" and round(row[2], 4) == -23.5616
    # The same press again (a double tap) logs nothing more.
    await ritmo.send(callback_update(ANA, ask.buttons[0]["callback_data"], ask.result))
    assert len(await _interactions(ritmo)) == 1


async def test_a_voice_note_is_kept_as_an_attachment_reference(ritmo, fake):
    person = await ritmo.linked(ANA)
    await _accounts(ritmo, person.id)
    [ask] = await ritmo.send(voice_update(ANA, "AwACvoz-123"))
    assert "áudio" in ask.text
    choice = next(b for b in ask.buttons if b["text"] == "Acme <Filial> & Co")
    [done] = await ritmo.send(callback_update(ANA, choice["callback_data"], ask.result))
    assert done.text == "Guardei o áudio como nota da Acme <Filial> & Co."
    [row] = await _interactions(ritmo)
    assert row[0] == "note" and row[4] == "telegram:voice:AwACvoz-123"


async def test_in_a_group_ritmo_says_to_open_a_private_chat_when_it_cannot_write_there(
    ritmo, fake
):
    from handlers.kernel.messages import Answer

    await ritmo.linked(ANA)
    fake.blocked.add(501)
    incoming = ritmo.adapter.parse(
        {"update_id": 1, **message_update(ANA, f"@{BOT_USERNAME} meu pipeline", chat=GROUP)}
    )
    await ritmo.adapter.respond(incoming, {"update_id": 1}, Answer([Reply("R$ 1", private=True)]))
    [notice] = fake.sent_to(GROUP["id"])
    assert notice.text == (
        f"Ana, isso é só seu. Abra uma conversa comigo em t.me/{BOT_USERNAME} e pergunte de "
        "novo por lá."
    )


async def test_a_stranger_addressing_the_bot_in_a_group_gets_only_the_refusal(ritmo, fake):
    replies = await ritmo.send(command_update(STRANGER, "pipeline", chat=GROUP, bot=BOT_USERNAME))
    assert [r.params["chat_id"] for r in replies] == [GROUP["id"]]
    assert replies[0].text.startswith("Hi! I don't know you yet.")


async def test_the_token_never_reaches_the_log(ritmo, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    await ritmo.send(message_update(STRANGER, "oi"))
    assert caplog.records
    leaked = [(r.name, r.getMessage()[:150]) for r in caplog.records if TOKEN in r.getMessage()]
    assert not leaked


async def test_reminders_go_to_the_private_chat_even_if_linked_from_a_group(ritmo, fake):
    _, code = await ritmo.person("Ana Souza")
    await ritmo.send(message_update(ANA, f"@{BOT_USERNAME} /start {code}", chat=GROUP))
    identity = await ritmo.store.read(lambda tx: tx.people.identity_for("telegram", "501"))
    assert identity is not None
    await ritmo.adapter.deliver(identity, [Reply("Ligar para Acme")])
    assert fake.sent_to(501)[-1].text == "Ligar para Acme"
    assert all(c.text != "Ligar para Acme" for c in fake.sent_to(GROUP["id"]))


async def test_polling_survives_a_telegram_outage(ritmo, fake):
    fake.fail("getUpdates", 502, times=1)
    replies = await ritmo.send(message_update(STRANGER, "oi"))
    assert len(replies) == 1
    assert any(c.method == "getUpdates" and c.status == 502 for c in fake.calls)


async def test_a_malformed_webhook_body_is_refused_and_not_stored(hooked):
    from aiohttp import ClientSession

    headers = {tg.SECRET_HEADER: "s3cret-Token_1"}
    async with ClientSession() as session:
        async with session.post(
            hooked.fake.webhook["url"], data=b"{not json", headers=headers
        ) as resp:
            assert resp.status == 400
    assert await hooked.inbox_rows() == 0


async def test_a_wrong_token_stops_start_up_with_one_sentence(tmp_path, fake):
    from bot.errors import UserError

    app = App(Settings.from_env({"RITMO_DB": str(tmp_path / "w.db")}))
    await app.open()
    try:
        assert app.store is not None and app.dispatcher is not None
        adapter = tg.TelegramAdapter(
            app.store, app.dispatcher, token="999:wrong", base_url=fake.base_url, now=app.now
        )
        with pytest.raises(UserError, match="TELEGRAM_BOT_TOKEN"):
            await adapter.start()
        await adapter.stop()
    finally:
        await app.close()


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        ("en", "Telegram refused TELEGRAM_BOT_TOKEN; copy it again from @BotFather."),
        ("pt-BR", "O Telegram recusou TELEGRAM_BOT_TOKEN; copie o token de novo do @BotFather."),
    ],
)
async def test_a_wrong_token_is_explained_in_ritmo_locale(tmp_path, fake, locale, sentence):
    from bot.errors import UserError

    app = App(Settings.from_env({"RITMO_DB": str(tmp_path / "w.db"), "RITMO_LOCALE": locale}))
    await app.open()
    try:
        assert app.store is not None and app.dispatcher is not None
        adapter = tg.TelegramAdapter(
            app.store,
            app.dispatcher,
            token="999:wrong",
            base_url=fake.base_url,
            now=app.now,
            default_locale=app.settings.locale,
        )
        with pytest.raises(UserError) as refused:
            await adapter.start()
        assert str(refused.value) == sentence
        await adapter.stop()
    finally:
        await app.close()


async def test_a_press_is_answered_before_a_slow_action_finishes(store_url, fake):
    from handlers.kernel import core
    from handlers.kernel.dispatch import Dispatcher
    from handlers.kernel.messages import Answer
    from handlers.kernel.router import Router

    gate = asyncio.Event()
    slow = Router("slow")

    @slow.action("test.slow")
    async def slow_action(msg, ctx, args):
        await gate.wait()
        return Answer([Reply("Feito ✓", edit=True)])

    clock = Clock()
    app = App(Settings.from_env({"RITMO_DB": store_url}), now=clock)
    await app.open()
    assert app.store is not None
    dispatcher = Dispatcher([core.router, slow], app.store, app.settings.options(), clock)
    adapter = tg.TelegramAdapter(
        app.store, dispatcher, token=TOKEN, base_url=fake.base_url, now=clock, chat_interval=0
    )
    app.adapters["telegram"] = adapter
    await adapter.start()
    try:
        ritmo = Ritmo(app, adapter, fake, clock)
        person = await ritmo.linked(ANA)
        [token] = await app.store.write(
            lambda tx: tx.callbacks.issue_many(person.id, [("test.slow", {})], clock())
        )
        sent = await adapter.out.send(
            501, Reply("Ligar", buttons=(Button("Feito", "test.slow", token=token),))
        )
        press = await fake.push(callback_update(ANA, token, sent[0].to_dict()))
        await fake.wait_for("answerCallbackQuery", timeout=5)
        assert not gate.is_set()  # answered while the action is still running
        gate.set()
        edited = await fake.wait_for("editMessageText")
        assert edited.text == "Feito ✓"
        assert press["callback_query"]["id"] in fake.answered_callbacks
        assert len(fake.calls_of("answerCallbackQuery")) == 1
    finally:
        await app.close()


async def test_a_person_who_blocked_the_bot_does_not_jam_the_inbox(ritmo, fake):
    fake.blocked.add(666)
    assert await ritmo.send(message_update(STRANGER, "oi")) == []
    assert await ritmo.store.read(lambda tx: tx.inbox.count("telegram", "done")) == 1


async def test_a_webhook_secret_telegram_refuses_stops_start_up_with_one_sentence(tmp_path, fake):
    from bot.errors import UserError

    with pytest.raises(UserError, match="TELEGRAM_WEBHOOK_SECRET .*A-Z, a-z, 0-9, _"):
        app, _ = await _start(
            tmp_path / "ritmo.db",
            fake,
            Clock(),
            TELEGRAM_WEBHOOK_URL="https://example.test/telegram/webhook",
            TELEGRAM_WEBHOOK_SECRET="not allowed!",
        )
    assert not fake.webhook


# -- conversation in Portuguese ---------------------------------------------------------------


async def _padaria(ritmo: Ritmo, owner_id: int) -> None:

    await ritmo.store.write(
        lambda tx: tx.accounts.create_account(
            name="Padaria Silva Ltda",
            owner_id=owner_id,
            actor=Actor(None, "test"),
            now=ritmo.clock(),
        )
    )


async def test_logging_a_visit_in_portuguese_is_stored_once(ritmo, fake):
    person = await ritmo.linked(ANA)
    await _padaria(ritmo, person.id)
    update = {
        "update_id": 900,
        **message_update(ANA, "visitei a padaria silva, pediram orçamento"),
    }
    await ritmo.adapter.journal([update])
    await ritmo.adapter.worker.drain()
    [reply] = fake.sent_to(501)[-1:]
    assert reply.text.startswith("Registrei visita com Padaria Silva Ltda")
    await ritmo.adapter.journal([update])  # redelivered
    await ritmo.adapter.worker.drain()
    rows = await _interactions(ritmo)
    assert [(r[0], r[5]) for r in rows] == [("visit", f"501:{update['message']['message_id']}")]


async def test_asking_in_portuguese_by_command_and_by_sentence(ritmo, fake):
    person = await ritmo.linked(ANA)
    await _padaria(ritmo, person.id)
    [today] = await ritmo.send(command_update(ANA, "today"))
    assert today.text == "Nada para hoje nem atrasado. Bom trabalho!"
    [pipeline] = await ritmo.send(message_update(ANA, "meu pipeline"))
    assert pipeline.text.startswith("Pipeline — você\n• Prospecção: 0 · R$ 0,00")
    [next_step] = await ritmo.send(command_update(ANA, "next", "padaria silva"))
    assert "Padaria Silva Ltda" in next_step.text and "Sugestão" in next_step.text


async def test_a_pipeline_asked_in_a_group_is_answered_in_private(ritmo, fake):
    await ritmo.linked(ANA)
    replies = await ritmo.send(message_update(ANA, f"@{BOT_USERNAME} meu pipeline", chat=GROUP))
    by_chat = {r.params["chat_id"]: r.text for r in replies}
    assert by_chat[GROUP["id"]] == "Ana, isso é só seu: respondo no privado."
    assert by_chat[501].startswith("Pipeline — você")
    assert all("R$" not in c.text for c in fake.sent_to(GROUP["id"]))


async def test_a_managers_digest_arrives_with_its_chart_and_see_all_button(ritmo, fake):
    # A manager added with her team manages it (as `ritmo users add --role manager --team`).
    await ritmo.linked(ANA, name="Bia Gestora", role="manager", team="Vendas SP")
    sent = await ritmo.send(message_update(ANA, "resumo"))
    photo = next(c for c in sent if c.method == "sendPhoto")
    assert photo.files["photo"][1].startswith(b"\x89PNG")
    see_all = sent[-1].buttons[0]
    full = await ritmo.send(callback_update(ANA, see_all["callback_data"], sent[-1].result))
    assert photo.text.startswith("Resumo · Vendas SP")  # the short digest is the caption
    assert [c.params["chat_id"] for c in full] == [501]
    assert len(full[0].text) > len(photo.text)


async def test_a_long_list_has_a_next_page_button_that_shows_the_rest(ritmo, fake):

    person = await ritmo.linked(ANA)

    def seed(tx: Tx):
        for n in range(23):
            account = tx.accounts.create_account(
                name=f"Conta {n:02d}",
                owner_id=person.id,
                actor=Actor(None, "test"),
                now=ritmo.clock() - timedelta(days=90),
            )
            tx.deals.create_deal(
                account_id=account.id,
                owner_id=person.id,
                title=f"Negócio {n:02d}",
                stage_key="proposal",
                amount=1000.0,
                actor=Actor(None, "test"),
                now=ritmo.clock() - timedelta(days=60),
            )

    await ritmo.store.write(seed)
    [first] = await ritmo.send(command_update(ANA, "parados"))
    assert first.text.count("Negócio") == 10 and "… e mais 13." in first.text
    [next_page] = first.buttons
    assert next_page["text"] == "Próxima página"
    [second] = await ritmo.send(callback_update(ANA, next_page["callback_data"], first.result))
    assert second.method == "sendMessage" and second.text.count("Negócio") == 10
    [third] = await ritmo.send(
        callback_update(ANA, second.buttons[0]["callback_data"], second.result)
    )
    assert third.text.count("Negócio") == 3 and third.buttons == []
    shown = " ".join(m.text for m in (first, second, third))
    assert all(f"Negócio {n:02d}" in shown for n in range(23))


async def test_a_pick_from_which_one_is_remembered_for_that_phrase(ritmo, fake):

    person = await ritmo.linked(ANA)

    def add(tx: Tx):
        for name in ("Padaria Estrela", "Padaria Aurora"):
            tx.accounts.create_account(
                name=name, owner_id=person.id, actor=Actor(None, "test"), now=ritmo.clock()
            )

    await ritmo.store.write(add)
    [ask] = await ritmo.send(message_update(ANA, "liguei pra padaria"))
    assert ask.text.startswith("Qual destas")
    choice = next(b for b in ask.buttons if b["text"] == "Padaria Aurora")
    await ritmo.send(callback_update(ANA, choice["callback_data"], ask.result))
    # The next time the same words mean the account picked, without asking again.
    [logged] = await ritmo.send(message_update(ANA, "visitei a padaria hoje"))
    assert "Padaria Aurora" in logged.text and "Qual destas" not in logged.text
    rows = await ritmo.store.read(lambda tx: list(tx.transfer.export_rows("interactions")))
    assert [r["account"] for r in rows] == ["Padaria Aurora", "Padaria Aurora"]

"""Cadence actions typed or tapped in the chat, through the real chat dispatcher and store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from handlers.conversation import away, cadence_actions, cadence_enrol
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Incoming, Sender
from storage import backends
from storage.audit import CLI, Actor
from storage.interface import Tx

OPTIONS = Options(holidays_country="BR")
NOW = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # Monday 10:00 in Manaus


class Settings:
    cadence_folder = None


def parsed(intent: str, **kw):
    base = dict(
        intent=intent, action=None, name=None, cadence=None, snooze=None, date=None, period=None
    )
    return SimpleNamespace(**{**base, **kw})


@pytest.fixture
async def chat(store_url):
    store = await backends.connect(store_url)  # every test runs on SQLite and PostgreSQL

    def seed(tx: Tx):
        install_cadences(tx, Settings())
        rep = tx.people.add_person(
            name="Ana Lima",
            role="rep",
            timezone="America/Manaus",
            locale="pt-BR",
            actor=CLI,
            now=NOW,
        )
        tx.people.link_identity(rep.id, "telegram", "111", "111", CLI, NOW)
        silva = tx.accounts.create_account(
            name="Padaria Silva Ltda", owner_id=rep.id, actor=CLI, now=NOW
        )
        acme = tx.accounts.create_account(name="Acme", owner_id=rep.id, actor=CLI, now=NOW)
        maria = tx.accounts.create_contact(account_id=silva.id, name="Maria", actor=CLI, now=NOW)
        joao = tx.accounts.create_contact(account_id=silva.id, name="João", actor=CLI, now=NOW)
        tx.accounts.create_contact(account_id=acme.id, name="Wile", actor=CLI, now=NOW)
        first = workflow.enrol(
            tx,
            actor=Actor.person(rep.id),
            cadence_key="exploratory",
            account_id=silva.id,
            owner_id=rep.id,
            now=NOW,
            options=OPTIONS,
            contact_id=maria.id,
        )
        second = workflow.enrol(
            tx,
            actor=Actor.person(rep.id),
            cadence_key="exploratory",
            account_id=silva.id,
            owner_id=rep.id,
            now=NOW,
            options=OPTIONS,
            contact_id=joao.id,
        )
        return rep, first, second, acme

    rep, first, second, acme = await store.write(seed)
    script: dict = {}
    dispatcher = Dispatcher(
        [cadence_actions.router, cadence_enrol.router, away.router],
        store,
        OPTIONS,
        lambda: NOW,
        parser=lambda text, ctx: script["next"],
    )

    async def say(text: str, meaning=None, token: str | None = None):
        script["next"] = meaning
        msg = Incoming(
            Sender("telegram", "111"), "111", f"m{len(script)}{text}", text=text, token=token
        )
        return await dispatcher.handle(msg)

    yield SimpleNamespace(store=store, rep=rep, first=first, second=second, acme=acme, say=say)
    await store.close()


async def test_typing_done_with_a_name_advances_that_lead(chat):
    answer = await chat.say(
        "feito padaria silva", parsed("cadence_action", action="done", name="padaria silva")
    )
    assert answer.intent == "cadence_action"
    assert answer.replies[0].text.startswith("Feito: Enviar o e-mail de primeira abordagem")
    assert "Próximo passo: Ligação em 04/03 09:00." in answer.replies[0].text
    assert (await chat.store.read(lambda tx: tx.enrolments.get(chat.first.id))).step_index == 1


async def test_replied_stops_the_other_contact_of_the_account(chat):
    answer = await chat.say(
        "a maria respondeu", parsed("cadence_action", action="replied", name="maria")
    )
    assert "saiu da cadência" in answer.replies[0].text
    assert "1 outro contato da mesma conta" in answer.replies[0].text
    other = await chat.store.read(lambda tx: tx.enrolments.get(chat.second.id))
    assert other.state == "exited" and other.exit_reason == "account_replied"


async def test_snooze_by_words_moves_the_step_to_tomorrow_morning(chat):
    answer = await chat.say(
        "adiar maria para amanhã",
        parsed("cadence_action", action="snooze", name="maria", snooze="tomorrow"),
    )
    assert answer.replies[0].text == "Adiado para 03/03 09:00."
    assert answer.entities["date"] == "2026-03-03"  # the day it was moved to, as understood
    moved = await chat.store.read(lambda tx: tx.enrolments.get(chat.first.id))
    assert moved.due_at == datetime(2026, 3, 3, 13, 0, tzinfo=UTC)


async def test_a_snooze_with_nothing_to_move_still_shows_the_day_understood(chat):
    answer = await chat.say(
        "adia o passo da zebra pra segunda",
        parsed("cadence_action", action="snooze", name="zebra", date=date(2026, 3, 9)),
    )
    assert "zebra" in answer.replies[0].text
    assert answer.entities["date"] == "2026-03-09"


async def test_snooze_button_offers_choices_then_applies_one(chat):
    ctx = await _ctx(chat)
    offer = await cadence_actions.step_snooze(None, ctx, {"enrolment": chat.first.id, "step": 0})
    choices = offer.replies[0].choices
    assert [b.args["option"] for b in choices] == ["hour", "tomorrow", "next_week"]
    assert [b.label for b in choices] == ["1 hour", "Tomorrow morning", "Next week"]
    picked = await cadence_actions.step_snooze(None, ctx, dict(choices[2].args))
    assert picked.replies[0].text == "Snoozed until Mon Mar 09, 09:00."


async def _ctx(chat):
    from handlers.kernel.context import Context

    person = await chat.store.read(lambda tx: tx.people.get_person(chat.rep.id))
    return Context(chat.store, lambda: NOW, OPTIONS, person, "en")


async def test_replied_button_asks_for_the_outcome(chat):
    answer = await cadence_actions.step_replied(
        None, await _ctx(chat), {"enrolment": chat.first.id, "step": 0}
    )
    outcomes = [b.args["outcome"] for b in answer.replies[0].choices]
    assert outcomes == ["replied", "meeting_booked", "bounced", "opted_out", "not_interested"]
    opted = await cadence_actions.step_replied(
        None, await _ctx(chat), {"enrolment": chat.first.id, "step": 0, "outcome": "opted_out"}
    )
    assert "Opted out" in opted.replies[0].text
    assert await chat.store.read(
        lambda tx: tx.consents.opted_out_channels(chat.first.contact_id)
    ) == {"email"}


async def test_enrol_by_name_in_the_chat(chat):
    answer = await chat.say(
        "colocar a acme na cadência de nutrição", parsed("enroll", name="acme", cadence="nurture")
    )
    assert answer.intent == "enroll"
    assert "entrou na cadência Nutrição" in answer.replies[0].text
    again = await chat.say(
        "colocar a acme na cadência de nutrição", parsed("enroll", name="acme", cadence="nurture")
    )
    assert "já está" in again.replies[0].text


async def test_the_same_account_is_not_enrolled_twice_in_a_cadence(chat):
    def seed(tx: Tx):
        zeta = tx.accounts.create_account(
            name="Zeta", owner_id=chat.rep.id, actor=CLI, now=NOW
        )  # no contact: an account-level enrolment
        # A contact added later sorts first: the chat would have picked them, a second time.
        tx.accounts.create_contact(
            account_id=chat.first.account_id, name="Aaron", actor=CLI, now=NOW
        )
        return zeta

    zeta = await chat.store.write(seed)
    said = parsed("enroll", name="zeta", cadence="nurture")
    assert (
        "entrou na cadência" in (await chat.say("coloca a zeta na nutrição", said)).replies[0].text
    )
    again = await chat.say("coloca a zeta na nutrição", said)
    assert again.replies[0].text == "Zeta já está na cadência nurture."
    silva = await chat.say(
        "coloca a padaria silva na exploratória",
        parsed("enroll", name="padaria silva", cadence="exploratory"),
    )
    assert "já está na cadência exploratory" in silva.replies[0].text

    def open_count(tx: Tx, account_id):
        return len(tx.enrolments.open_for_account(account_id))

    assert await chat.store.read(open_count, zeta.id) == 1
    assert await chat.store.read(open_count, chat.first.account_id) == 2  # Maria and João


async def test_enrol_in_an_unknown_cadence_lists_the_known_ones(chat):
    answer = await chat.say("enroll acme in blitz", parsed("enroll", name="acme", cadence="blitz"))
    assert "blitz" in answer.replies[0].text and "exploratory" in answer.replies[0].text


async def test_away_until_a_date_moves_due_steps(chat):
    answer = await chat.say("estou de férias até 10/03", parsed("away", date=date(2026, 3, 10)))
    assert answer.intent == "away" and answer.data["moved"] == 2
    assert "Bom descanso" in answer.replies[0].text
    moved = await chat.store.read(lambda tx: tx.enrolments.get(chat.first.id))
    assert moved.due_at == datetime(2026, 3, 11, 14, 0, tzinfo=UTC)


async def test_someone_elses_enrolment_is_refused(chat):
    def other(tx: Tx):
        return tx.people.add_person(
            name="Rui",
            role="rep",
            timezone="America/Manaus",
            locale="en",
            actor=CLI,
            now=NOW,
        )

    rui = await chat.store.write(other)
    from handlers.kernel.context import Context

    ctx = Context(chat.store, lambda: NOW, OPTIONS, rui, "en")
    answer = await cadence_actions.step_done(None, ctx, {"enrolment": chat.first.id, "step": 0})
    assert answer.replies[0].text == "That cadence is not yours."
    assert (await chat.store.read(lambda tx: tx.enrolments.get(chat.first.id))).step_index == 0


async def test_two_close_names_become_a_question_with_buttons(chat):
    def branch(tx: Tx):
        other = tx.accounts.create_account(
            name="Padaria Silva Filial", owner_id=chat.rep.id, actor=CLI, now=NOW
        )
        rosa = tx.accounts.create_contact(account_id=other.id, name="Rosa", actor=CLI, now=NOW)
        workflow.enrol(
            tx,
            actor=CLI,
            cadence_key="nurture",
            account_id=other.id,
            owner_id=chat.rep.id,
            now=NOW,
            options=OPTIONS,
            contact_id=rosa.id,
        )

    await chat.store.write(branch)
    answer = await chat.say(
        "pular padaria silva", parsed("cadence_action", action="skip", name="padaria silva")
    )
    (reply,) = answer.replies
    assert reply.text == "Qual deles?"
    labels = [b.label for b in reply.choices]
    assert "Rosa (Padaria Silva Filial)" in labels and "Maria (Padaria Silva Ltda)" in labels
    assert {b.action for b in reply.choices} == {"step.skip"}
    assert all(b.token for b in reply.choices)

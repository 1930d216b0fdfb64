"""A confirm card answered in words: "sim" / "yes pls" presses Confirm, "não" / "esquece"
presses Cancel — for the card just sent, never for a list of choices or an old card."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.kernel import asking
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.i18n import t
from handlers.kernel.messages import Incoming, Sender
from storage import backends
from tests.handlers.conftest import NOW, Chat, build, button, buttons, routers, text

CARD = "visitei a Padaria Silva hoje, pediram orçamento de R$ 65 mil, ligar de novo terça"


class ClockChat(Chat):
    clock: list

    def later(self, **delta: float) -> None:
        self.clock[0] += timedelta(**delta)


@pytest.fixture
async def chat(store_url):
    store = await backends.connect(store_url)
    try:
        ids = await store.write(build)
        clock = [NOW]
        dispatcher = Dispatcher(routers(), store, Options(), lambda: clock[0], asking.parser)
        talk = ClockChat(dispatcher, store, ids)
        talk.clock = clock
        yield talk
    finally:
        await store.close()


async def test_a_typed_sim_confirms_the_card_and_closes_its_buttons(chat):
    card = await chat.say("Ana", CARD)
    assert card.data["card"] and not card.data["written"]

    done = await chat.say("Ana", "simmm")

    assert done.data["written"]
    assert (await chat.deal(chat.ids["Padaria — pães"])).amount == 65_000
    [follow_up] = await chat.follow_ups()
    assert follow_up.due_date == "2026-11-24"
    # The card is still on her screen: its Cancel no longer undoes anything.
    late = await chat.press("Ana", button(card, "ask.cancel"))
    assert late.intent == "unknown" and len(await chat.follow_ups()) == 1


async def test_a_typed_nao_cancels_and_a_later_sim_writes_nothing(chat):
    await chat.say("Ana", CARD)

    cancelled = await chat.say("Ana", "não, esquece")
    again = await chat.say("Ana", "sim")

    assert text(cancelled) == t("pt-BR", "ask.cancelled")

    assert await chat.follow_ups() == []
    assert (await chat.deal(chat.ids["Padaria — pães"])).amount == 50_000  # as seeded
    assert not (again.data or {}).get("written")


async def test_english_yes_confirms_an_english_card(chat):
    card = await chat.say(
        "Bruno", "visited Silva Transportes today, they asked for 90k, call friday"
    )
    assert card.data["card"]

    done = await chat.say("Bruno", "yes pls")

    assert done.data["written"]
    assert (await chat.deal(chat.ids["Frota"])).amount == 90_000


async def test_only_a_card_sent_in_the_last_quarter_hour_is_answered_by_a_word(chat):
    await chat.say("Ana", CARD)
    chat.later(minutes=16)
    stale = await chat.say("Ana", "sim")
    assert not (stale.data or {}).get("written")
    assert await chat.follow_ups() == []

    await chat.say("Ana", CARD)
    chat.later(minutes=14)
    fresh = await chat.say("Ana", "sim")
    assert fresh.data["written"] and len(await chat.follow_ups()) == 1


async def test_sim_answers_did_you_mean_but_never_picks_from_a_list(chat):
    question = await chat.say("Marina", "liguei pra silva")
    assert len(buttons(question)) >= 2
    before = len(await chat.logged())
    await chat.say("Marina", "sim")
    assert len(await chat.logged()) == before

    guess = await chat.say("Ana", "visitei a padria")
    assert {b.action for b in buttons(guess)} == {"pick.account", "ask.cancel"}
    picked = await chat.say("Ana", "isso")
    logged = await chat.interaction(picked.data["interaction_id"])
    assert (logged.kind, logged.account_id) == ("visit", chat.ids["Padaria Silva Ltda"])


async def test_a_yes_with_a_fact_in_it_is_read_as_a_message_not_an_answer(chat):
    await chat.say("Ana", CARD)

    answer = await chat.say("Ana", "sim, liguei pra ACME agora")

    assert answer.intent == "log"
    assert await chat.follow_ups() == []  # the card was not confirmed by it
    assert "ACME" in text(answer)


async def test_an_ok_after_a_plain_answer_acknowledges_it_and_confirms_nothing(chat):
    await chat.say("Ana", CARD)
    status = await chat.say("Ana", "status Padaria Silva")
    assert buttons(status) == []

    await chat.say("Ana", "ok")

    assert await chat.follow_ups() == []
    assert (await chat.deal(chat.ids["Padaria — pães"])).amount == 50_000  # as seeded


async def test_a_card_is_answered_only_in_the_chat_it_was_shown_in(chat):
    await chat.say("Ana", CARD)
    in_a_group = Incoming(Sender("console", "ana"), "sales-team", "g1", text="sim", is_group=True)

    answer = await chat.dispatcher.handle(in_a_group)

    assert not (answer.data or {}).get("written") and await chat.follow_ups() == []
    assert (await chat.say("Ana", "sim")).data["written"]  # in her own chat it still is


async def test_after_a_restart_a_bare_sim_is_asked_about_not_guessed(chat):
    card = await chat.say("Ana", CARD)
    chat.dispatcher.cards.forget()  # a new process remembers no answer

    answer = await chat.say("Ana", "sim")

    assert "esperando resposta" in text(answer) and await chat.follow_ups() == []
    assert (await chat.press("Ana", button(card, "log.confirm"))).data["written"]

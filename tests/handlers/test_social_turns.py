"""A thank-you, a greeting or a nod gets a word back, not the help page; a bare "sim" with no
card waiting says so instead of "I didn't understand"."""

from __future__ import annotations

from tests.handlers.conftest import text


async def test_thanks_in_each_language(chat):
    assert text(await chat.say("Ana", "valeuuu")) == "De nada, Ana! 👍"
    assert text(await chat.say("Bruno", "thanks!")) == "You're welcome, Bruno! 👍"


async def test_a_greeting_is_answered_for_the_time_of_day_where_she_is(chat):
    # The chat's clock: Wednesday 14:00 in São Paulo.
    answer = await chat.say("Ana", "bom dia!")
    assert text(answer).startswith("Boa tarde, Ana!")
    assert answer.intent == "out_of_domain"  # still no data, no write


async def test_a_nod_is_a_nod_and_writes_nothing(chat):
    before = len(await chat.logged())
    assert text(await chat.say("Ana", "blz")) == "👍"
    assert len(await chat.logged()) == before


async def test_a_bare_yes_with_nothing_waiting_says_so(chat):
    answer = await chat.say("Ana", "sim")
    assert "esperando resposta" in text(answer)
    answer = await chat.say("Bruno", "nope")
    assert "waiting for an answer" in text(answer)


async def test_thanks_with_a_fact_is_still_the_fact(chat):
    answer = await chat.say("Ana", "obrigado, liguei pra ACME agora")
    assert answer.intent == "log"

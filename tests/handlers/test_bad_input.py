"""Bad input gets one clear sentence in the asker's language and stores nothing."""

from __future__ import annotations

import pytest

from tests.handlers.conftest import text

INPUTS = [
    "x" * 10_000,
    "🙂🚀🔥",
    "",
    "   ",
    "'; DROP TABLE deals; --",
    "status Acme' OR 1=1 --",
    "31 de fevereiro visitei a ACME",
    "liguei pra acme às 27h",
]


async def counts(chat):
    return (
        len(await chat.logged()),
        len(await chat.deals()),
        len(await chat.accounts()),
        len(await chat.follow_ups()),
    )


@pytest.mark.parametrize("message", INPUTS)
@pytest.mark.parametrize("who", ["Ana", "Bruno"])
async def test_bad_input(chat, message, who):
    before = await counts(chat)
    answer = await chat.say(who, message)
    assert len(answer.replies) == 1
    sentence = text(answer)
    assert sentence and len(sentence) < 400
    assert await counts(chat) == before


async def test_the_sentence_is_in_the_askers_language(chat):
    pt = await chat.say("Ana", "31 de fevereiro visitei a ACME")
    en = await chat.say("Bruno", "visited silva transportes on february 31")
    assert "não existe" in text(pt)
    assert "doesn't exist" in text(en)


@pytest.mark.parametrize("who, words", [("Ana", "Não entendi"), ("Bruno", "not sure what")])
async def test_a_lone_question_mark_is_asked_back_and_writes_nothing(chat, who, words):
    # "?" alone is a "huh?": what do you need, with examples; the whole help card answers
    # "ajuda"/"help".
    before = await counts(chat)
    answer = await chat.say(who, "?")
    assert answer.intent == "unclear"
    assert words in text(answer)
    assert await counts(chat) == before

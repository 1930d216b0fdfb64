"""A log denied or only supposed ("não liguei pro João ainda", "if ACME signs…") is asked
about, never written: a wrong confident write is worse than a question."""

from __future__ import annotations

import pytest

from tests.handlers.conftest import text


@pytest.mark.parametrize(
    ("who", "message", "words"),
    [
        ("Ana", "nao liguei pro joão ainda", "Padaria Silva Ltda"),
        ("Ana", "se a acme fechar esse mes eu bato a meta", "ACME Indústria S.A."),
        ("Bruno", "didn't get to call silva transportes today", "Silva Transportes"),
    ],
)
async def test_a_denied_or_supposed_log_asks_about_the_account_and_writes_nothing(
    chat, who, message, words
):
    logged, follow_ups = len(await chat.logged()), len(await chat.follow_ups())
    answer = await chat.say(who, message)
    assert answer.intent == "unclear"
    assert words in text(answer)
    assert len(await chat.logged()) == logged
    assert len(await chat.follow_ups()) == follow_ups


async def test_a_call_the_client_did_not_answer_is_still_logged(chat):
    logged = len(await chat.logged())
    answer = await chat.say("Ana", "liguei pro joão, n atendeu")
    assert answer.intent == "log"
    assert len(await chat.logged()) == logged + 1

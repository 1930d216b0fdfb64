"""A reply that carries only a day or an amount ("amanhã", "tmrw", "uns 40 mil") is asked
about, never written; the day or the amount is shown back with how to say what it is for, so
the rep can say it again whole. Today is Wednesday 2026-11-18."""

from __future__ import annotations

import pytest

from tests.handlers.conftest import text


async def _writes(chat):
    return (
        len(await chat.logged()),
        len(await chat.deals()),
        len(await chat.follow_ups()),
    )


@pytest.mark.parametrize(
    ("who", "said", "shown"),
    [
        ("Ana", "amanha", "19"),
        ("Bruno", "tmrw", "19"),
        ("Ana", "sexta", "20"),
        ("Bruno", "fri", "20"),
    ],
)
async def test_a_bare_day_is_shown_back_with_how_to_use_it(chat, who, said, shown):
    before = await _writes(chat)
    answer = await chat.say(who, said)
    assert answer.intent == "unclear"
    reply = text(answer)
    assert shown in reply and ("agenda" in reply)
    assert await _writes(chat) == before


async def test_a_bare_amount_is_still_shown_back(chat):
    before = await _writes(chat)
    answer = await chat.say("Ana", "uns 40 mil")
    assert answer.intent == "unclear" and "40.000" in text(answer)
    assert await _writes(chat) == before


async def test_a_day_with_an_account_still_asks_about_the_account(chat):
    answer = await chat.say("Ana", "acme amanha")
    assert "ACME" in text(answer) and answer.entities.get("account")

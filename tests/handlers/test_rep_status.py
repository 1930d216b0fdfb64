"""A manager asking how one of their reps is doing gets that rep's line, not "account not found"."""

from __future__ import annotations

from tests.handlers.conftest import text


async def test_a_manager_asking_about_a_rep_gets_the_reps_line(chat):
    answer = await chat.say("Marina", "como tá a Ana?")
    assert answer.intent == "team"
    assert "Ana" in text(answer) and "Bruno" not in text(answer)


async def test_a_rep_asking_about_a_colleague_learns_nothing_of_them(chat):
    answer = await chat.say("Ana", "como tá o Bruno?")
    assert answer.intent != "team"
    assert "negócio" not in text(answer)


async def test_an_account_is_still_an_account(chat):
    answer = await chat.say("Marina", "como tá a Padaria Silva?")
    assert answer.intent == "status"
    assert answer.entities["account"] == "Padaria Silva Ltda"

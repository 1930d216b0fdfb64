"""A manager's roundabout questions about the team reach the team's answers: how one seller
is doing, how everyone is doing, what is going cold.

Sul: manager Marina, reps Ana and Bruno (tests/handlers/conftest.py).
"""

from __future__ import annotations


async def test_how_one_seller_is_doing_is_that_sellers_line(chat):
    answer = await chat.say("Marina", "como o bruno tá esse mês?")
    assert answer.intent == "team"
    assert [p["person"] for p in answer.data["people"]] == ["Bruno"]


async def test_how_everyone_is_doing_is_the_whole_team(chat):
    answer = await chat.say("Marina", "me dá uma visão de como o pessoal tá indo")
    assert answer.intent == "team"
    assert {p["person"] for p in answer.data["people"]} == {"Ana", "Bruno"}


async def test_what_is_going_cold_is_the_stalled_list_not_a_name(chat):
    answer = await chat.say("Marina", "o que tá esfriando no funil?")
    assert answer.intent == "stalled"
    assert "person" not in answer.entities


async def test_an_empty_list_for_a_month_reads_as_one_sentence(stub_chat):
    from tests.handlers.conftest import text

    answer = await stub_chat.say("Marina", "o que perdemos em março?")
    assert answer.intent == "lost_list"
    assert answer.entities["period"] == {"start": "2026-03-01", "end": "2026-03-31"}
    assert text(answer) == "De 1 de mar. a 31 de mar., nenhum negócio perdido."

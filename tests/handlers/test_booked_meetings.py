"""A meeting said as booked ("reunião c o João amanhã 10h") is a task on that day and hour,
never a meeting logged as done. The clock is pinned to Wednesday 2026-11-18."""

from __future__ import annotations


async def test_a_meeting_booked_ahead_is_a_task_not_a_log(stub_chat):
    logged = len(await stub_chat.logged())
    answer = await stub_chat.say("Ana", "reuniao c o joão amanha 10h")
    assert answer.intent == "task"
    assert answer.data["due"] == "2026-11-19" and answer.data["time"] == "10:00"
    assert answer.entities["account"] == "Padaria Silva Ltda"
    assert len(await stub_chat.logged()) == logged


async def test_me_cobra_is_a_reminder(stub_chat):
    answer = await stub_chat.say("Ana", "me cobra sexta de mandar a proposta da acme")
    assert answer.intent == "task"
    assert answer.data["due"] == "2026-11-20"

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


async def test_a_reminder_for_a_nickname_two_contacts_share_asks_which(stub_chat):
    from tests.handlers.conftest import NOW, SYSTEM, buttons, text

    ids = stub_chat.ids

    def contacts(tx):
        tx.accounts.create_contact(
            account_id=ids["Padaria Silva Ltda"], name="Luciana Souza", actor=SYSTEM, now=NOW
        )
        tx.accounts.create_contact(
            account_id=ids["ACME Indústria S.A."], name="Lúcia Prado", actor=SYSTEM, now=NOW
        )

    await stub_chat.store.write(contacts)
    before = len(await stub_chat.follow_ups())
    asked = await stub_chat.say("Ana", "me lembra de ligar pra Lu amanha")
    assert asked.intent == "task"
    assert "Padaria Silva Ltda" in text(asked) + str([b.label for b in buttons(asked)])
    assert "ACME Indústria S.A." in text(asked) + str([b.label for b in buttons(asked)])
    assert len(await stub_chat.follow_ups()) == before
    acme = next(b for b in buttons(asked) if "ACME" in b.label)
    done = await stub_chat.press("Ana", acme)
    assert done.intent == "task" and done.entities["account"] == "ACME Indústria S.A."
    assert len(await stub_chat.follow_ups()) == before + 1

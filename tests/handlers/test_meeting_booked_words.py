"""A meeting booked in words keeps the day said all the way to the store: the cadence step
ends as "meeting booked" and the meeting sits on the rep's agenda on that day.

Today is Wednesday 2026-11-18 (tests/handlers/conftest.py).
"""

from __future__ import annotations

from bot.config import Settings
from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from handlers.kernel.context import Options
from storage.interface import Tx
from tests.handlers.conftest import NOW, SYSTEM, text


async def _enrol(stub_chat, account: str, owner: str) -> int:
    def write(tx: Tx):
        install_cadences(tx, Settings())
        return workflow.enrol(
            tx,
            actor=SYSTEM,
            cadence_key="nurture",
            account_id=stub_chat.ids[account],
            owner_id=stub_chat.ids[owner],
            now=NOW,
            options=Options(),
        ).id

    return await stub_chat.store.write(write)


async def test_a_meeting_booked_on_a_day_ends_the_step_and_goes_on_the_agenda(stub_chat):
    enrolment = await _enrol(stub_chat, "Padaria Silva Ltda", "Ana")
    answer = await stub_chat.say("Ana", "marquei reunião com a padaria silva dia 24 às 10h")
    assert answer.intent == "cadence_action"
    assert answer.entities["date"] == "2026-11-24"
    ended = await stub_chat.store.read(lambda tx: tx.enrolments.get(enrolment))
    assert ended is not None and (ended.state, ended.exit_reason) == ("exited", "meeting_booked")
    assert [
        (f.kind, f.due_date, f.due_time, f.account_id, f.state)
        for f in await stub_chat.follow_ups()
    ] == [("meeting", "2026-11-24", "10:00", stub_chat.ids["Padaria Silva Ltda"], "open")]
    assert "ter., 24 de nov. às 10:00" in text(answer)
    week = await stub_chat.say("Ana", "o que tenho semana que vem?")
    assert [i["account"] for i in week.data["items"]] == ["Padaria Silva Ltda"]


async def test_a_meeting_booked_with_an_account_in_no_cadence_is_still_kept(stub_chat):
    answer = await stub_chat.say("Bruno", "booked a meeting with Silva Transportes for friday")
    assert answer.entities["date"] == "2026-11-20"
    assert "isn't in any of your cadences" in text(answer)
    assert "Meeting on your agenda: Fri, Nov 20." in text(answer)
    assert [(f.kind, f.due_date, f.note) for f in await stub_chat.follow_ups()] == [
        ("meeting", "2026-11-20", "Meeting with Silva Transportes")
    ]


async def test_a_meeting_said_without_a_day_books_nothing_more(stub_chat):
    await _enrol(stub_chat, "Padaria Silva Ltda", "Ana")
    answer = await stub_chat.say("Ana", "marquei reunião com a padaria silva")
    assert "date" not in answer.entities
    assert await stub_chat.follow_ups() == []

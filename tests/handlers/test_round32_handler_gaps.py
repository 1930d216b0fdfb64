"""Handler gaps found by the understanding rounds (round 32): a close date moved by a length
is counted from the deal's own date."""

from __future__ import annotations

from handlers.understanding.parse import Parsed
from tests.handlers.conftest import button, text


def said(text_: str, intent: str, **kw) -> Parsed:
    return Parsed(text=text_, intent=intent, **kw)


async def test_a_close_date_pushed_by_a_week_moves_from_the_deals_own_date(stub_chat):
    card = await stub_chat.tell(
        "Bruno",
        said("push Silva's close out a week", "deal_update", name="silva transportes", shift=7),
    )
    assert "close date: Dec 15 → *Dec 22*" in text(card)
    assert card.entities["date"] == "2026-12-22"
    await stub_chat.press("Bruno", button(card, "deal.update"))
    assert (await stub_chat.deal(stub_chat.ids["Frota"])).close_date == "2026-12-22"


async def test_a_meeting_said_set_keeps_its_day_on_the_agenda(stub_chat):
    answer = await stub_chat.say("Bruno", "meeting set w/ Silva Transportes next fri 10am")
    assert answer.intent == "cadence_action"
    assert answer.entities["date"] == "2026-11-27"
    assert [(f.kind, f.due_date, f.due_time) for f in await stub_chat.follow_ups()] == [
        ("meeting", "2026-11-27", "10:00")
    ]

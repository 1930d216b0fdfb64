"""A person sets their own hours in the chat, on a card they confirm."""

from __future__ import annotations

import pytest

from handlers.understanding.hours import read_hours
from tests.handlers.conftest import button, buttons, text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("meu horário é das 8 às 17", {"work_start": "08:00", "work_end": "17:00"}),
        ("my hours are 9 to 6", {"work_start": "09:00", "work_end": "18:00"}),
        ("trabalho das 9h às 18h30", {"work_start": "09:00", "work_end": "18:30"}),
        ("não me avise no almoço", {"quiet_start": "12:00", "quiet_end": "13:00"}),
        ("don't notify me from 12 to 2", {"quiet_start": "12:00", "quiet_end": "14:00"}),
        ("meu horário é das 17 às 8", {}),  # asked again, never guessed
        ("log call Acme: they work from 8 to 5", None),
        ("status padaria silva", None),
    ],
)
def test_reading_a_persons_hours(sentence: str, expected: dict | None) -> None:
    assert read_hours(sentence) == expected


async def _row(stub_chat, who: str) -> tuple:
    s = await stub_chat.store.read(lambda tx: tx.schedules.schedule_of(stub_chat.ids[who]))
    return (s.work_start, s.work_end, s.quiet_start, s.quiet_end)


async def test_hours_from_the_chat_are_written_only_after_confirm(stub_chat) -> None:
    card = await stub_chat.say("Ana", "meu horário é das 8 às 17")
    assert "08:00" in text(card) and "17:00" in text(card) and "Confirma" in text(card)
    assert [b.action for b in buttons(card)] == ["prefs.set", "ask.cancel"]
    assert await _row(stub_chat, "Ana") == ("09:00", "18:00", None, None)
    done = await stub_chat.press("Ana", button(card, "prefs.set"))
    assert "08:00" in text(done)
    assert await _row(stub_chat, "Ana") == ("08:00", "17:00", None, None)


async def test_no_messages_at_lunch_and_cancel_changes_nothing(stub_chat) -> None:
    card = await stub_chat.say("Bruno", "don't notify me at lunch")
    await stub_chat.press("Bruno", button(card, "ask.cancel"))
    assert await _row(stub_chat, "Bruno") == ("09:00", "18:00", None, None)
    card = await stub_chat.say("Ana", "não me avise no almoço")
    assert "12:00" in text(card) and "13:00" in text(card)
    await stub_chat.press("Ana", button(card, "prefs.set"))
    assert await _row(stub_chat, "Ana") == ("09:00", "18:00", "12:00", "13:00")


async def test_unreadable_hours_get_an_example_not_a_guess(stub_chat) -> None:
    answer = await stub_chat.say("Ana", "meu horário é das 17 às 8")
    assert "meu horário é das 8 às 17" in text(answer) and not buttons(answer)

"""The agenda answers for the span asked about: a week ahead holds that week's items only,
"my week" this week's from today on, a day ahead everything due until then.

Today is Wednesday 2026-11-18 (tests/handlers/conftest.py); next week is 23–29 November.
"""

from __future__ import annotations

from tests.handlers.conftest import button, text


async def _two_follow_ups(chat) -> None:
    """One follow-up tomorrow (Thu 19), one next Tuesday (24)."""
    for said in (
        "visitei a Padaria Silva hoje, ligar de novo amanhã",
        "liguei pra ACME hoje, retornar dia 24",
    ):
        card = await chat.say("Ana", said)
        if any(b.action == "log.confirm" for r in card.replies for b in r.all_buttons()):
            await chat.press("Ana", button(card, "log.confirm"))


async def test_next_week_holds_only_what_falls_in_it(chat):
    await _two_follow_ups(chat)
    answer = await chat.say("Ana", "o que tenho semana que vem?")
    assert answer.intent == "agenda"
    assert [i["account"] for i in answer.data["items"]] == ["ACME Indústria S.A."]
    assert answer.data["items"][0]["due"].startswith("2026-11-24")
    assert text(answer).startswith("*Sua agenda de seg., 23 de nov. a dom., 29 de nov.*")
    assert "atras" not in text(answer)  # an item ahead is never shown as late


async def test_my_week_runs_from_today_to_sunday(chat):
    await _two_follow_ups(chat)
    answer = await chat.say("Ana", "minha semana")
    assert [i["account"] for i in answer.data["items"]] == ["Padaria Silva Ltda"]
    assert text(answer).startswith("*Sua agenda até dom., 22 de nov.*")


async def test_an_empty_week_ahead_says_so_for_that_week_in_english(chat):
    answer = await chat.say("Bruno", "what do I have next week?")
    assert answer.intent == "agenda" and answer.data["items"] == []
    assert text(answer) == "Nothing due from Mon, Nov 23 to Sun, Nov 29."
    mine = await chat.say("Bruno", "my week")
    assert text(mine) == "Nothing due through Sun, Nov 22 or overdue."


async def test_tomorrow_is_tomorrow_and_keeps_its_day(chat):
    await _two_follow_ups(chat)
    answer = await chat.say("Ana", "agenda de amanhã")
    assert answer.entities["date"] == "2026-11-19"
    assert [i["account"] for i in answer.data["items"]] == ["Padaria Silva Ltda"]

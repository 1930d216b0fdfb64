"""Stage changes, won and lost: proposed, then written only after the button, with audit."""

from __future__ import annotations

from datetime import date, timedelta

from storage.metrics import DealChange, Span
from tests.handlers.conftest import NOW, SYSTEM, TODAY, button, buttons, text


async def stage_of(chat, title):
    deal = await chat.deal(chat.ids[title])
    return deal.stage_key, deal.status, deal.lost_reason


async def journal(chat, deal_id: int) -> list[DealChange]:
    """The deal's moves as Sul's digest reads them (movements, conversion, cycle time)."""
    year = NOW - timedelta(days=365)
    span = Span(NOW, TODAY, year, NOW, year, year, (date(2026, 10, 1), date(2026, 10, 31)))

    def read(tx):
        team = tx.people.get_team_by_name("Sul")
        return [c for c in tx.metrics.load_team(team.id, span).changes if c.deal_id == deal_id]

    return await chat.store.read(read)


async def test_stage_change_waits_for_confirmation(chat):
    answer = await chat.say("Ana", "mover padaria silva para negociação")
    assert answer.data == {
        "deal_id": chat.ids["Padaria — pães"],
        "from": "proposal",
        "to": "negotiation",
        "confirmed": False,
    }
    assert await stage_of(chat, "Padaria — pães") == ("proposal", "open", None)
    done = await chat.press("Ana", button(answer, "deal.stage"))
    assert done.data["confirmed"]
    assert await stage_of(chat, "Padaria — pães") == ("negotiation", "open", None)
    moves = await journal(chat, chat.ids["Padaria — pães"])
    assert [c.to_stage for c in moves].count("negotiation") == 1
    assert len(await chat.audit("deal", chat.ids["Padaria — pães"], "update")) == 1


async def test_won(chat):
    answer = await chat.say("Bruno", "won silva transportes")
    assert "R$200,000.00" in text(answer)
    await chat.press("Bruno", button(answer, "deal.won"))
    assert await stage_of(chat, "Frota") == ("commit", "won", None)


async def test_lost_asks_for_a_reason_from_the_standard_list(chat):
    answer = await chat.say("Ana", "perdemos a padaria silva")
    reasons = [b.args["reason"] for b in answer.replies[0].choices]
    assert reasons == [
        "price",
        "competitor",
        "no_budget",
        "no_decision",
        "timing",
        "lost_contact",
        "other",
    ]
    card = await chat.press("Ana", button(answer, "deal.lost_reason", reason="competitor"))
    assert await stage_of(chat, "Padaria — pães") == ("proposal", "open", None)  # not yet
    assert "perdido" in text(card) and "concorrente" in text(card)
    assert [b.action for b in buttons(card)] == ["deal.lost", "ask.cancel"]
    await chat.press("Ana", button(card, "deal.lost", reason="competitor"))
    assert await stage_of(chat, "Padaria — pães") == ("proposal", "lost", "competitor")


async def test_lost_without_a_reason_can_be_cancelled_before_anything_is_written(chat):
    answer = await chat.say("Ana", "perdido padaria silva")
    await chat.press("Ana", button(answer, "ask.cancel"))
    card = await chat.press("Ana", button(answer, "deal.lost_reason", reason="price"))
    await chat.press("Ana", button(card, "ask.cancel"))
    assert await stage_of(chat, "Padaria — pães") == ("proposal", "open", None)


async def test_lost_with_a_reason_in_the_sentence(chat):
    answer = await chat.say("Ana", "perdido padaria silva preço")
    assert answer.entities["reason"] == "price"
    await chat.press("Ana", button(answer, "deal.lost"))
    assert (await stage_of(chat, "Padaria — pães"))[2] == "price"


async def test_several_open_deals_become_a_choice(chat):
    await chat.store.write(
        lambda tx: tx.deals.update_deal(
            chat.ids["ACME — piloto"], actor=SYSTEM, now=NOW, status="open"
        )
    )
    answer = await chat.say("Ana", "ganho acme")
    assert {b.action for b in buttons(answer)} == {"deal.pick"}


async def test_a_confirmation_is_checked_again_when_pressed(chat):
    answer = await chat.say("Ana", "ganho padaria silva")
    await chat.store.write(
        lambda tx: tx.deals.update_deal(
            chat.ids["Padaria — pães"], actor=SYSTEM, now=NOW, status="lost", lost_reason="other"
        )
    )
    done = await chat.press("Ana", button(answer, "deal.won"))
    assert done.data == {}
    assert (await stage_of(chat, "Padaria — pães"))[1] == "lost"

"""A value the rep takes back in the same message ("ontem… ops, foi anteontem", "60 mil, na
verdade 65") is stored as corrected, never as first typed."""

from __future__ import annotations

from tests.handlers.conftest import button, text


async def test_a_day_taken_back_logs_the_corrected_day(chat):
    answer = await chat.say("Ana", "visitei a padaria silva ontem, ops, foi anteontem")
    assert answer.intent == "log"
    logged = await chat.interaction(answer.data["interaction_id"])
    assert logged.occurred_at.startswith("2026-11-16")


async def test_a_day_ruled_out_with_nao_is_not_the_day(chat):
    answer = await chat.say(
        "Bruno", "called silva transportes, actually it was yesterday not today"
    )
    assert answer.intent == "log"
    logged = await chat.interaction(answer.data["interaction_id"])
    assert logged.occurred_at.startswith("2026-11-17")


async def test_an_amount_taken_back_is_the_one_on_the_card(chat):
    answer = await chat.say("Ana", "o negocio da padaria silva agora é 60 mil. na vdd 65 mil")
    assert answer.intent == "deal_update"
    assert answer.entities["amount"]["value"] == 65000
    assert "65" in text(answer) and "60.000" not in text(answer)


async def test_a_deal_title_going_to_a_new_amount_is_a_confirmed_amount_change(chat):
    # the deal's own word before the account, and "foi pra": news of its amount, not a log
    logged = len(await chat.logged())
    card = await chat.say("Ana", "o pães da padaria silva foi pra 55 mil")
    assert card.intent == "deal_update"
    assert "R$ 50.000,00 → *R$ 55.000,00*" in text(card)
    deal = chat.ids["Padaria — pães"]
    assert (await chat.deal(deal)).amount == 50_000.0
    await chat.press("Ana", button(card, "deal.update"))
    assert (await chat.deal(deal)).amount == 55_000.0
    assert len(await chat.logged()) == logged


async def test_a_correction_with_nothing_to_fix_asks_and_writes_nothing(chat):
    logged, deals = len(await chat.logged()), await chat.deals()
    answer = await chat.say("Ana", "ops, era 45 mil nao 54")
    assert answer.intent == "unclear"
    assert len(await chat.logged()) == logged
    assert await chat.deals() == deals

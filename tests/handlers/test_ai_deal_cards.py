"""Deal changes the model read (stage, won, lost, amount) are Confirm / Edit / Cancel cards.

The card says exactly what will be stored and nothing is written before the press; Confirm
writes once, with the deal's one audit row naming the model and the confirmer; Edit opens the
manual flow; Cancel stores nothing. A name the resolver finds ambiguous keeps the model's
reading through the "which one?" buttons.
"""

from __future__ import annotations

from handlers.kernel.messages import Answer
from storage.audit import Actor
from tests.handlers import test_ai_reading
from tests.handlers.conftest import NOW, button, buttons, text
from tests.handlers.test_ai_reading import UNSURE, AIChat, reading

chat = test_ai_reading.chat  # the same fixture: the handlers' store and the fake model


async def _linha_2(chat: AIChat) -> tuple:
    """ACME — linha 2 as stored: (stage, status, lost reason, amount)."""
    deal = await chat.deal(chat.ids["ACME — linha 2"])
    return (deal.stage_key, deal.status, deal.lost_reason, deal.amount)


async def _deal_audit(chat: AIChat, deal_id: int) -> list[tuple]:
    """(actor, reason) of every audit row of a deal, oldest first."""
    return [(e.actor, e.reason) for e in await chat.audit("deal", deal_id)]


async def _stages(chat: AIChat, *deal_ids: int) -> list[tuple]:
    return [((d := await chat.deal(i)).title, d.stage_key) for i in deal_ids]


async def _card(chat: AIChat, **read: object) -> Answer:
    chat.fake.say(reading(**{"account": "ACME Indústria S.A.", **read}))  # type: ignore[arg-type]
    return await chat.say("Ana", UNSURE)


async def _nothing_stored(chat: AIChat) -> None:
    assert await _linha_2(chat) == ("negotiation", "open", None, 120_000)
    deal = chat.ids["ACME — linha 2"]
    assert len(await _deal_audit(chat, deal)) == 1  # its creation only
    assert await chat.audit("ai_reading") == []


async def _confirmed_once(chat: AIChat, card: Answer) -> None:
    """Confirm stores it; a second press of the same card stores nothing more; the deal's one
    new audit row names the confirmer (its actor) and the model (its reason)."""
    await chat.press("Ana", _primary(card))
    again = await chat.press("Ana", _primary(card))
    assert "já foi feito" in text(again)
    rows = await _deal_audit(chat, chat.ids["ACME — linha 2"])
    assert len(rows) == 2
    actor, reason = rows[1]
    assert actor == f"person:{chat.ids['Ana']}"
    assert (
        "read by AI (fake-model)" in reason and f"confirmed by person:{chat.ids['Ana']}" in reason
    )
    assert await chat.audit("ai_reading") == []


def _primary(card: Answer):
    (confirm,) = [b for b in buttons(card) if b.style == "primary"]
    return confirm


def _labels(card: Answer) -> list[str]:
    return [b.label for b in buttons(card)]


async def test_a_stage_reading_is_a_card_that_shows_from_and_to_and_writes_once(chat) -> None:
    card = await _card(chat, intent="stage_change", stage="proposal")
    said = text(card)
    assert "lido por IA, fake-model" in said and "nada foi salvo ainda" in said
    assert "*ACME — linha 2* (ACME Indústria S.A.) de Negociação para *Proposta*" in said
    assert _labels(card) == ["Confirmar", "Editar", "Cancelar"]
    assert card.data["card"] and card.data["written"] is False
    await _nothing_stored(chat)
    await _confirmed_once(chat, card)
    assert await _linha_2(chat) == ("proposal", "open", None, 120_000)


async def test_a_won_reading_shows_the_amount_in_the_readers_format(chat) -> None:
    card = await _card(chat, intent="won")
    assert "*ACME — linha 2* (ACME Indústria S.A., R$ 120.000,00) como *ganho*" in text(card)
    await _nothing_stored(chat)
    await _confirmed_once(chat, card)
    assert await _linha_2(chat) == ("negotiation", "won", None, 120_000)


async def test_a_lost_reading_shows_its_reason(chat) -> None:
    card = await _card(chat, intent="lost", reason="price")
    assert "como *perdido*, motivo: preço" in text(card)
    await _nothing_stored(chat)
    await _confirmed_once(chat, card)
    assert await _linha_2(chat) == ("negotiation", "lost", "price", 120_000)


async def test_a_lost_reading_without_a_reason_asks_it_and_keeps_the_model(chat) -> None:
    question = await _card(chat, intent="lost")
    await _nothing_stored(chat)
    card = await chat.press("Ana", button(question, "ai.pick", reason="competitor"))
    assert "lido por IA, fake-model" in text(card) and "motivo: concorrente" in text(card)
    await _nothing_stored(chat)
    await _confirmed_once(chat, card)
    assert await _linha_2(chat) == ("negotiation", "lost", "competitor", 120_000)


async def test_an_amount_reading_shows_old_and_new_in_english_for_an_english_reader(chat):
    def add(tx):
        deal = tx.deals.create_deal(
            account_id=chat.ids["Silva Transportes"],
            owner_id=chat.ids["Bruno"],
            title="Frota 2",
            stage_key="proposal",
            amount=200_000,
            actor=Actor(None, "test"),
            now=NOW,
        )
        return deal.id

    await chat.store.write(add)
    chat.fake.say(
        reading(
            "deal_update", account="Silva Transportes", amount={"value": 250000, "currency": "BRL"}
        )
    )
    question = await chat.say("Bruno", "silva is hot")
    assert "Which deal" in text(question)  # two open deals: the choice keeps the reading
    card = await chat.press("Bruno", button(question, "ai.pick", deal_id=chat.ids["Frota"]))
    said = text(card)
    assert "read by AI, fake-model" in said and "- update *Frota* (Silva Transportes):" in said
    assert "R$200,000.00 → *R$250,000.00*" in said
    assert (await chat.deal(chat.ids["Frota"])).amount == 200_000
    await chat.press("Bruno", _primary(card))
    assert (await chat.deal(chat.ids["Frota"])).amount == 250_000
    [reason] = [
        r
        for a, r in await _deal_audit(chat, chat.ids["Frota"])
        if a == f"person:{chat.ids['Bruno']}"
    ]
    assert "read by AI (fake-model)" in (reason or "")


async def test_cancel_stores_nothing_and_says_so(chat) -> None:
    card = await _card(chat, intent="won")
    cancelled = await chat.press("Ana", button(card, "ask.cancel"))
    assert "nada foi salvo" in text(cancelled)
    await _nothing_stored(chat)


async def test_edit_on_a_stage_card_offers_the_stages_and_the_manual_card(chat) -> None:
    card = await _card(chat, intent="stage_change", stage="proposal")
    stages = await chat.press("Ana", button(card, "ai.edit"))
    assert "nada foi salvo" in text(stages)
    assert "Proposta" not in _labels(stages) and "Fechamento" in _labels(stages)
    await _nothing_stored(chat)
    manual = await chat.press("Ana", button(stages, "ai.restage", stage="commit"))
    assert "de Negociação para *Fechamento*" in text(manual)
    await chat.press("Ana", button(manual, "deal.stage"))
    assert await _linha_2(chat) == ("commit", "open", None, 120_000)
    rows = await _deal_audit(chat, chat.ids["ACME — linha 2"])
    assert rows[-1] == (f"person:{chat.ids['Ana']}", "chat: stage change")  # her own choice


async def test_edit_on_a_lost_card_asks_the_reason_again(chat) -> None:
    card = await _card(chat, intent="lost", reason="price")
    reasons = await chat.press("Ana", button(card, "ai.edit"))
    assert "preço" in _labels(reasons) and "concorrente" in _labels(reasons)
    await _nothing_stored(chat)


async def test_an_ambiguous_name_keeps_the_models_reading_through_the_choice(chat) -> None:
    def two_acmes(tx):
        made = []
        for title in ("Acme um", "Acme dois"):
            account = tx.accounts.create_account(
                name="Acme", owner_id=chat.ids["Ana"], actor=Actor(None, "test"), now=NOW
            )
            deal = tx.deals.create_deal(
                account_id=account.id,
                owner_id=chat.ids["Ana"],
                title=title,
                stage_key="qualification",
                amount=10_000,
                actor=Actor(None, "test"),
                now=NOW,
            )
            made += [deal.id, account.id]
        return made

    first, _, second, second_account = await chat.store.write(two_acmes)
    chat.fake.say(reading("stage_change", account="Acme", stage="proposal"))
    question = await chat.say("Ana", "a acme quer proposta já")
    assert "Qual destas" in text(question)
    assert len([b for b in buttons(question) if b.action == "ai.pick"]) == 2
    card = await chat.press("Ana", button(question, "ai.pick", account_id=second_account))
    assert len(chat.fake.chat_calls()) == 1  # the choice did not read the text again
    assert "lido por IA, fake-model" in text(card)
    assert "*Acme dois* (Acme) de Qualificação para *Proposta*" in text(card)
    assert await _stages(chat, first, second) == [
        ("Acme um", "qualification"),
        ("Acme dois", "qualification"),
    ]
    await chat.press("Ana", _primary(card))
    await chat.press("Ana", _primary(card))
    assert await _stages(chat, first, second) == [
        ("Acme um", "qualification"),
        ("Acme dois", "proposal"),
    ]
    rows = await _deal_audit(chat, second)
    assert len(rows) == 2 and rows[1][0] == f"person:{chat.ids['Ana']}"
    assert "read by AI (fake-model)" in rows[1][1]


async def test_an_ambiguous_name_on_a_log_reading_keeps_the_reading_too(chat) -> None:
    def two_acmes(tx):
        made = [
            tx.accounts.create_account(
                name="Acme", owner_id=chat.ids["Ana"], actor=Actor(None, "test"), now=NOW
            ).id
            for _ in range(2)
        ]
        return made

    first, second = await chat.store.write(two_acmes)

    async def logged_at() -> list[list[tuple]]:
        def read(tx):
            return [
                [(i.kind, i.body) for i in tx.interactions.recent_for_account(a, None)]
                for a in (first, second)
            ]

        return await chat.store.read(read)

    chat.fake.say(reading("log", account="Acme", kind="visit", body="pediram proposta"))
    question = await chat.say("Ana", "a acme quer proposta já")
    card = await chat.press("Ana", button(question, "ai.pick", account_id=second))
    assert len(chat.fake.chat_calls()) == 1 and "lido por IA, fake-model" in text(card)
    assert await logged_at() == [[], []]
    await chat.press("Ana", button(card, "ai.confirm"))
    assert await logged_at() == [[], [("visit", "pediram proposta")]]

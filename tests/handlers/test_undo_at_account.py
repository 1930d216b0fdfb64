"""Undo with an account named ("apaga o que registrei na padaria"): only the asker's last
write at that account is offered, and what undo and enrol ask back names the account."""

from __future__ import annotations

from tests.handlers.conftest import button, buttons, text


async def _bodies(stub_chat) -> list[str]:
    return sorted(str(r["body"]) for r in await stub_chat.logged())


async def test_undo_at_a_named_account_offers_that_accounts_log_and_removes_only_it(stub_chat):
    stub_chat.later(minutes=5)
    await stub_chat.say("Ana", "registrar ligação Padaria Silva: falei com o João do pão")
    stub_chat.later(minutes=1)
    await stub_chat.say("Ana", "registrar ligação ACME: mandei a proposta da linha 2")
    before = await _bodies(stub_chat)
    card = await stub_chat.say("Ana", "apaga o que registrei na padaria")
    assert card.intent == "undo"
    assert "Padaria Silva Ltda" in text(card) and "falei com o João do pão" in text(card)
    assert "proposta" not in text(card)
    assert card.entities["account"] == "Padaria Silva Ltda"
    done = await stub_chat.press("Ana", button(card, "undo.confirm"))
    assert "Registro apagado" in text(done)
    after = await _bodies(stub_chat)
    assert [b for b in before if b not in after] == ["falei com o João do pão"]
    assert "mandei a proposta da linha 2" in after


async def test_undo_at_an_account_with_nothing_of_hers_says_so_and_writes_nothing(stub_chat):
    stub_chat.later(minutes=5)
    await stub_chat.say("Ana", "registrar ligação Padaria Silva: falei com o João do pão")
    before = await _bodies(stub_chat)
    said = await stub_chat.say("Ana", "desfaz a ligação da ACME")
    assert said.intent == "undo"
    assert "Não há nada seu em ACME Indústria S.A." in text(said)
    assert not buttons(said)
    assert said.entities["account"] == "ACME Indústria S.A."
    assert await _bodies(stub_chat) == before
    assert await stub_chat.audit("interaction", action="delete") == []


async def test_undo_at_an_ambiguous_name_asks_which_and_the_pick_offers_that_ones(stub_chat):
    # Marina (manager of Ana and Bruno) sees Padaria Silva Ltda and Silva Transportes.
    stub_chat.later(minutes=5)
    await stub_chat.say("Marina", "registrar ligação Silva Transportes: frota nova em março")
    stub_chat.later(minutes=1)
    await stub_chat.say("Marina", "registrar visita Padaria Silva Ltda: conheci a loja")
    asked = await stub_chat.say("Marina", "apaga o que registrei na silva")
    assert asked.intent == "undo"
    labels = {b.label for b in buttons(asked)}
    assert {"Padaria Silva Ltda", "Silva Transportes"} <= labels
    assert not any(b.action == "undo.confirm" for b in buttons(asked))
    assert sorted(asked.entities["account"]) == ["Padaria Silva Ltda", "Silva Transportes"]
    pick = next(b for b in buttons(asked) if b.label == "Silva Transportes")
    card = await stub_chat.press("Marina", pick)
    assert "frota nova em março" in text(card) and "conheci a loja" not in text(card)
    assert button(card, "undo.confirm")


async def test_undo_at_a_named_account_in_english_skips_a_newer_task(stub_chat):
    stub_chat.later(minutes=5)
    await stub_chat.say("Bruno", "log call Silva Transportes: talked fleet sizes")
    stub_chat.later(minutes=1)
    await stub_chat.say("Bruno", "remind me to send the deck tomorrow")
    card = await stub_chat.say("Bruno", "delete my last log on Silva Transportes")
    assert card.intent == "undo"
    assert "Delete the call logged for Silva Transportes" in text(card)
    assert "talked fleet sizes" in text(card) and "deck" not in text(card)
    assert card.entities["account"] == "Silva Transportes"
    done = await stub_chat.press("Bruno", button(card, "undo.confirm"))
    assert "talked fleet sizes" not in await _bodies(stub_chat)
    assert [f.state for f in await stub_chat.follow_ups()] == ["open"]
    assert done.data["confirmed"] is True


async def test_no_one_is_offered_another_persons_write_at_the_account(stub_chat):
    stub_chat.later(minutes=5)
    await stub_chat.say("Ana", "registrar ligação Padaria Silva: falei com o João do pão")
    # Marina sees Ana's account, but the call there is Ana's, not hers.
    said = await stub_chat.say("Marina", "apaga o que registrei na Padaria Silva")
    assert said.intent == "undo"
    assert "Não há nada seu em Padaria Silva Ltda" in text(said)
    assert not buttons(said)
    assert "falei com o João do pão" in await _bodies(stub_chat)


async def test_enrol_asking_which_cadence_keeps_the_account_named(stub_chat):
    said = await stub_chat.say("Ana", "coloca a Padaria Silva numa cadência")
    assert said.intent == "enroll" and "Em qual cadência?" in text(said)
    assert await stub_chat.enrolments() == []
    assert said.entities["account"] == "Padaria Silva Ltda"


async def test_a_name_said_as_the_wrong_place_still_undoes_the_last_write(stub_chat):
    # The call went on ACME by mistake; "padaria" is where it should have gone.
    stub_chat.later(minutes=5)
    await stub_chat.say("Ana", "registrar ligação ACME: falei com o João do pão")
    card = await stub_chat.say("Ana", "registrei a ligação da padaria na conta errada, desfaz")
    assert card.intent == "undo"
    assert "ACME Indústria S.A." in text(card) and "falei com o João do pão" in text(card)
    assert button(card, "undo.confirm")


async def test_a_record_named_by_its_account_then_called_the_wrong_place_undoes_that_one(
    stub_chat,
):
    # "aquele registro da padaria, era outra conta": the record is on Padaria, wrongly.
    stub_chat.later(minutes=5)
    await stub_chat.say("Ana", "registrar ligação Padaria Silva: falei com o João do pão")
    stub_chat.later(minutes=1)
    await stub_chat.say("Ana", "registrar ligação ACME: mandei a proposta da linha 2")
    card = await stub_chat.say("Ana", "cancela aquele registro da padaria, era outra conta")
    assert card.intent == "undo"
    assert card.entities["account"] == "Padaria Silva Ltda"
    assert "falei com o João do pão" in text(card) and "proposta" not in text(card)

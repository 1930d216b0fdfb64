"""Enrolling a company the book doesn't hold: offered for creation, then created and enrolled."""

from __future__ import annotations

from bot.config import Settings
from cadence_jobs.jobs import install_cadences
from tests.handlers.conftest import button, text


async def test_a_new_company_is_offered_then_created_and_enrolled(stub_chat):
    await stub_chat.store.write(lambda tx: install_cadences(tx, Settings()))
    offer = await stub_chat.say("Ana", "coloca a Zebra Têxtil Nordeste na cadência de nutrição")
    assert offer.intent == "enroll"
    # nothing is created before the press
    assert [a for a in await stub_chat.accounts() if a.name.startswith("Zebra")] == []
    done = await stub_chat.press("Ana", button(offer, "account.create"))
    [zebra] = await stub_chat.accounts("Zebra Têxtil Nordeste")
    [cadence] = [e.cadence_key for e in await stub_chat.enrolments() if e.account_id == zebra.id]
    assert cadence == "nurture" and "Zebra Têxtil Nordeste" in text(done)


async def test_a_filler_word_is_never_offered(stub_chat):
    await stub_chat.store.write(lambda tx: install_cadences(tx, Settings()))
    answer = await stub_chat.say("Ana", "coloca ele na cadência de nutrição")
    assert all(b.action != "account.create" for r in answer.replies for b in r.all_buttons())

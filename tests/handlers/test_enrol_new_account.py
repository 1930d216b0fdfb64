"""Enrolling a company the book doesn't hold: offered for creation, then created and enrolled."""

from __future__ import annotations

from bot.config import Settings
from cadence_jobs.jobs import install_cadences
from tests.handlers.conftest import button, text


async def test_a_new_company_is_offered_then_created_and_enrolled(stub_chat):
    await stub_chat.store.write(lambda tx: install_cadences(tx, Settings()))
    offer = await stub_chat.say("Ana", "coloca a Zebra Têxtil Nordeste na cadência de nutrição")
    assert offer.intent == "enroll"
    assert await stub_chat.sql("SELECT count(*) FROM accounts WHERE name LIKE 'Zebra%'") == [
        (0,)
    ]  # nothing is created before the press
    done = await stub_chat.press("Ana", button(offer, "account.create"))
    [(account_id,)] = await stub_chat.sql(
        "SELECT id FROM accounts WHERE name = 'Zebra Têxtil Nordeste'"
    )
    [(cadence,)] = await stub_chat.sql(
        "SELECT cadence_key FROM enrolments WHERE account_id = ?", account_id
    )
    assert cadence == "nurture" and "Zebra Têxtil Nordeste" in text(done)


async def test_a_filler_word_is_never_offered(stub_chat):
    await stub_chat.store.write(lambda tx: install_cadences(tx, Settings()))
    answer = await stub_chat.say("Ana", "coloca ele na cadência de nutrição")
    assert all(b.action != "account.create" for r in answer.replies for b in r.all_buttons())

"""Requests said the short way: a contact added with a family word in it is still a contact
(a confirm card, nothing written before it), never the off-topic answer."""

from __future__ import annotations

from tests.handlers.conftest import buttons


async def test_a_contact_with_a_family_word_gets_the_contact_card(stub_chat):
    contacts = await stub_chat.contacts()
    answer = await stub_chat.say(
        "Ana", "add contato na padaria silva: Jair Pereira, filho do joão, 11 98888-7766"
    )
    assert answer.intent == "create_contact"
    assert buttons(answer)
    assert await stub_chat.contacts() == contacts

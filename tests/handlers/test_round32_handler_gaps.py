"""Handler gaps found by the understanding rounds (round 32): a close date moved by a length
is counted from the deal's own date; a meeting said "set" keeps its day on the agenda; a
contact at a company the book lacks offers the company, then the contact."""

from __future__ import annotations

from handlers.kernel.records import contact_details
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


async def test_a_contact_at_a_company_the_book_lacks_offers_the_company_then_the_contact(
    stub_chat,
):
    asked = await stub_chat.tell(
        "Ana",
        said(
            "novo contato Metalurgica Forte Aço: Ricardo Nogueira, 11 98123-4455",
            "create_contact",
            name="Metalurgica Forte Aço",
        ),
    )
    offer = button(asked, "account.create")
    assert offer.args["name"] == "Metalurgica Forte Aço"
    card = await stub_chat.press("Ana", offer)
    assert "Metalurgica Forte Aço" in text(card) and "Ricardo Nogueira" in text(card)
    await stub_chat.press("Ana", button(card, "records.contact"))
    [account] = await stub_chat.accounts("Metalurgica Forte Aço")
    contacts = await stub_chat.store.read(lambda tx: tx.accounts.contacts_of(account.id))
    assert [c.name for c in contacts] == ["Ricardo Nogueira"]


def test_the_person_of_a_contact_said_after_the_company_and_a_colon_or_a_role():
    assert contact_details("novo contato Serralheria Uniao: Paula Quintela, 11 97777-1234") == (
        "Paula Quintela",
        None,
        "11 97777-1234",
    )
    assert contact_details("adiciona contato na uniao a engenheira Yara Bastide y@u.com") == (
        "Yara Bastide",
        "y@u.com",
        None,
    )

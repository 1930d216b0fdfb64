"""Read-only questions about the asker's book: contacts, won/lost lists, sales vs target,
accounts and cadences. None of them writes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.config import Settings
from cadence_jobs.jobs import install_cadences
from handlers.kernel.markup import plain
from handlers.understanding.dates import Period
from handlers.understanding.parse import Parsed
from storage.interface import Tx
from tests.handlers.conftest import NOW, SYSTEM, button, text


def said(text_: str, intent: str, **kw) -> Parsed:
    return Parsed(text=text_, intent=intent, **kw)


async def test_contact_lookup_answers_the_account_contacts(stub_chat):
    await stub_chat.store.write(
        lambda tx: tx.accounts.create_contact(
            account_id=stub_chat.ids["Padaria Silva Ltda"],
            name="Joaquim Lima",
            phone="(11) 97777-1234",
            email="joaquim@padaria.com",
            actor=SYSTEM,
            now=NOW,
        )
    )
    answer = await stub_chat.tell(
        "Ana", said("qual o tel da padaria?", "contact_lookup", name="padaria silva")
    )
    assert "*Contatos de Padaria Silva Ltda*" in text(answer)
    assert "Joaquim Lima: (11) 97777-1234 · joaquim@padaria.com" in plain(text(answer))
    assert "João Pereira" in text(answer) and "sem telefone nem e-mail" in text(answer)


async def test_contact_lookup_is_only_in_the_askers_book(stub_chat):
    answer = await stub_chat.tell(
        "Carlos", said("qual o tel do João da padaria?", "contact_lookup", name="padaria silva")
    )
    assert "João" not in text(answer)
    assert answer.data.get("contacts") is None


async def test_won_list_this_month_with_total(stub_chat):
    answer = await stub_chat.tell("Ana", said("o que ganhei esse mês?", "won_list"))
    assert "*Ganhos de 1 de nov. a 30 de nov.* (você): 1 · R$ 30.000,00" in text(answer)
    assert "ACME — piloto" in text(answer)
    assert answer.data["total"] == 30_000


async def test_lost_list_in_english_for_a_period(stub_chat):
    lost_on = datetime(2026, 10, 10, 12, 0, tzinfo=UTC)
    await stub_chat.store.write(
        lambda tx: tx.deals.update_deal(
            stub_chat.ids["Frota"], actor=SYSTEM, now=lost_on, status="lost", lost_reason="price"
        )
    )
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    answer = await stub_chat.tell(
        "Bruno", said("lost deals in october", "lost_list", period=october)
    )
    assert "*Lost Oct 1–Oct 31* (you): 1 · R$200,000.00" in text(answer)
    assert "*Frota* (Silva Transportes): R$200,000.00 · price" in text(answer)
    none = await stub_chat.tell("Bruno", said("lost deals this month?", "lost_list"))
    assert "No deals lost" in text(none)


async def test_my_sales_against_the_team_target(stub_chat):
    def target(tx: Tx):
        team = tx.people.get_team_by_name("Sul")
        tx.people.set_team_target(team.id, 100_000, "BRL", SYSTEM, NOW)

    await stub_chat.store.write(target)
    answer = await stub_chat.tell("Ana", said("quanto vendi esse mês?", "my_sales"))
    assert "você vendeu R$ 30.000,00 em 1 negócio ganho." in text(answer)
    assert "Meta do time Sul: R$ 100.000,00" in text(answer) and "Faltam R$ 70.000,00" in text(
        answer
    )
    assert answer.data["gap"] == 70_000


async def test_my_sales_without_a_target_says_so(stub_chat):
    answer = await stub_chat.tell("Carlos", said("how far am I from target?", "my_sales"))
    assert "você vendeu R$ 0,00" in text(answer) and "Nenhuma meta" in text(answer)


async def test_list_accounts_is_the_askers_book_paged(stub_chat):
    def many(tx: Tx):
        for n in range(25):
            tx.accounts.create_account(
                name=f"Cliente {n:02d}", owner_id=stub_chat.ids["Ana"], actor=SYSTEM, now=NOW
            )

    await stub_chat.store.write(many)
    first = await stub_chat.tell("Ana", said("minhas contas", "list_accounts"))
    assert "*Suas contas* (27)" in text(first)
    assert "Norte Agro" not in text(first) and "Silva Transportes" not in text(first)
    second = await stub_chat.press("Ana", button(first, "accounts.page"))
    assert "21. " in text(second) and "27. " in text(second)


async def test_list_cadences_in_the_askers_language(stub_chat):
    await stub_chat.store.write(lambda tx: install_cadences(tx, Settings()))
    pt = await stub_chat.tell("Ana", said("quais cadências existem?", "list_cadences"))
    en = await stub_chat.tell("Bruno", said("list cadences", "list_cadences"))
    assert "*Cadências disponíveis*" in text(pt) and "(`nurture`)" in text(pt)
    assert "*Available cadences*" in text(en)
    nurture = next(c for c in en.data["cadences"] if c["key"] == "nurture")
    assert nurture["name"] != next(c for c in pt.data["cadences"] if c["key"] == "nurture")["name"]

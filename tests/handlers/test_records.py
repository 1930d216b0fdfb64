"""Explicit creation (account, deal, contact) and deal amount / close date changes: a card,
then the write after the button, with duplicates refused."""

from __future__ import annotations

from datetime import date

from handlers.kernel.records import contact_details
from handlers.understanding.amounts import Amount
from handlers.understanding.parse import Parsed
from tests.handlers.conftest import button, buttons, text


def said(text_: str, intent: str, **kw) -> Parsed:
    return Parsed(text=text_, intent=intent, **kw)


async def test_create_account_asks_then_creates_it_for_the_asker(stub_chat):
    card = await stub_chat.tell(
        "Ana", said("cria a conta Metal Forte", "create_account", name="Metal Forte")
    )
    assert "Criar a conta *Metal Forte*?" in text(card)
    assert await stub_chat.accounts("Metal Forte") == []
    done = await stub_chat.press("Ana", button(card, "records.account"))
    assert "Conta *Metal Forte* criada" in text(done)
    assert [a.owner_id for a in await stub_chat.accounts("Metal Forte")] == [stub_chat.ids["Ana"]]


async def test_create_account_refuses_a_name_that_exists(stub_chat):
    mine = await stub_chat.tell(
        "Ana", said("cria a conta padaria silva", "create_account", name="padaria silva")
    )
    assert "Você já tem a conta *Padaria Silva Ltda*" in text(mine) and not buttons(mine)
    assert mine.entities == {"account": "Padaria Silva Ltda"}  # the answer is about it
    other = await stub_chat.tell(
        "Bruno", said("create account Norte Agro", "create_account", name="Norte Agro")
    )
    assert "already exists in someone else's book" in text(other) and not buttons(other)
    assert other.entities == {}  # not Bruno's to be about
    assert len(await stub_chat.accounts()) == 4


async def test_create_account_checks_again_on_confirm(stub_chat):
    card = await stub_chat.tell(
        "Ana", said("cria a conta Metal Forte", "create_account", name="Metal Forte")
    )
    again = await stub_chat.tell(
        "Ana", said("cria a conta metal forte!", "create_account", name="metal forte")
    )
    await stub_chat.press("Ana", button(card, "records.account"))
    late = await stub_chat.press("Ana", button(again, "records.account"))
    assert "já tem a conta" in text(late)
    assert [a.name.lower() for a in await stub_chat.accounts()].count("metal forte") == 1


async def test_create_deal_with_amount_on_an_account(stub_chat):
    card = await stub_chat.tell(
        "Ana",
        said(
            "novo negócio para a Padaria Silva de 30 mil",
            "create_deal",
            name="padaria silva",
            amount=Amount(30_000),
        ),
    )
    assert "Criar o negócio *Padaria Silva Ltda*" in text(card)
    assert "R$ 30.000,00" in text(card) and "Prospecção" in text(card)
    done = await stub_chat.press("Ana", button(card, "records.deal"))
    assert "criado" in text(done)
    deals = await stub_chat.deals_at(stub_chat.ids["Padaria Silva Ltda"])
    new = deals[-1]
    assert (new.owner_id, new.amount, new.stage_key, new.status) == (
        stub_chat.ids["Ana"],
        30_000.0,
        "prospecting",
        "open",
    )
    assert len(deals) == 2


async def test_create_deal_outside_the_book_is_not_found(stub_chat):
    answer = await stub_chat.tell(
        "Ana",
        said(
            "new deal for Norte Agro 10k", "create_deal", name="Norte Agro", amount=Amount(10_000)
        ),
    )
    assert not any(b.action == "records.deal" for b in buttons(answer))
    assert len(await stub_chat.deals()) == 5


def test_contact_details_reads_name_email_and_phone():
    assert contact_details("add contact Maria Silva at Acme, maria@x.com") == (
        "Maria Silva",
        "maria@x.com",
        None,
    )
    assert contact_details("novo contato Carla Souza da Padaria Silva, tel (11) 98888-7777") == (
        "Carla Souza",
        None,
        "(11) 98888-7777",
    )
    assert contact_details("cria um contato na Acme") == (None, None, None)


def test_a_person_added_first_and_called_a_contact_last_is_named():
    # the person opens the request, the word for contact closes it: the account is after "da"
    assert contact_details("adiciona o Jorge do financeiro da Acme como contato") == (
        "Jorge",
        None,
        None,
    )
    assert contact_details("salva a Bia da Metal Forte como contato, 11 98888-1234") == (
        "Bia",
        None,
        "11 98888-1234",
    )
    assert contact_details("add Greg from ops at Acme as a contact, greg@acme.test") == (
        "Greg",
        "greg@acme.test",
        None,
    )


def test_a_contact_introduced_by_their_role_is_named_between_commas():
    assert contact_details("cadastra a compradora nova da Acme, Joana Freitas") == (
        "Joana Freitas",
        None,
        None,
    )
    assert contact_details("add the new buyer at Acme, Tom, tom@acme.test") == (
        "Tom",
        "tom@acme.test",
        None,
    )
    assert contact_details("cadastra o gerente novo da Acme, ele é muito bom") == (
        None,
        None,
        None,
    )


async def test_create_contact_with_email_at_an_account(stub_chat):
    card = await stub_chat.tell(
        "Bruno",
        said(
            "add contact Maria Silva at Silva, maria@x.com",
            "create_contact",
            name="Silva Transportes",
        ),
    )
    assert "Add *Maria Silva* as a contact at Silva Transportes, maria@x.com?" in text(card)
    done = await stub_chat.press("Bruno", button(card, "records.contact"))
    assert "Contact *Maria Silva* added to Silva Transportes" in text(done)
    maria = [c for c in await stub_chat.contacts() if c["name"] == "Maria Silva"]
    assert [(c["email"], c["account"]) for c in maria] == [("maria@x.com", "Silva Transportes")]


async def test_create_contact_refuses_a_duplicate(stub_chat):
    answer = await stub_chat.tell(
        "Ana", said("novo contato joão pereira da padaria", "create_contact", name="padaria silva")
    )
    assert "já é contato de Padaria Silva Ltda" in text(answer) and not buttons(answer)


async def test_deal_update_amount_needs_a_confirm(stub_chat):
    card = await stub_chat.tell(
        "Ana",
        said(
            "o negócio da padaria agora é 130 mil",
            "deal_update",
            name="padaria silva",
            amount=Amount(130_000),
        ),
    )
    assert "Atualizar *Padaria — pães*" in text(card)
    assert "R$ 50.000,00 → *R$ 130.000,00*" in text(card)
    deal = stub_chat.ids["Padaria — pães"]
    assert (await stub_chat.deal(deal)).amount == 50_000.0
    done = await stub_chat.press("Ana", button(card, "deal.update"))
    assert "Feito" in text(done)
    assert (await stub_chat.deal(deal)).amount == 130_000.0
    assert await stub_chat.audit("deal", deal, "update") != []


async def test_deal_update_close_date_in_english_shows_the_year(stub_chat):
    card = await stub_chat.tell(
        "Bruno",
        said(
            "push Silva's close date to 20/01",
            "deal_update",
            name="silva transportes",
            date=date(2027, 1, 20),
        ),
    )
    assert "close date: Dec 15 → *Jan 20, 2027*" in text(card)
    await stub_chat.press("Bruno", button(card, "deal.update"))
    assert (await stub_chat.deal(stub_chat.ids["Frota"])).close_date == "2027-01-20"


async def test_deal_update_with_several_open_deals_asks_which(stub_chat):
    await stub_chat.tell(
        "Ana", said("novo negócio ACME", "create_deal", name="acme", amount=Amount(5_000))
    )
    card = await stub_chat.tell(
        "Ana", said("novo negócio ACME", "create_deal", name="acme", amount=Amount(5_000))
    )
    await stub_chat.press("Ana", button(card, "records.deal"))
    asked = await stub_chat.tell(
        "Ana",
        said(
            "o negócio da ACME agora é 130 mil", "deal_update", name="acme", amount=Amount(130_000)
        ),
    )
    assert "Qual negócio de *ACME Indústria S.A.*?" in text(asked)
    picked = await stub_chat.press(
        "Ana", button(asked, "deal.pick", deal_id=stub_chat.ids["ACME — linha 2"])
    )
    assert "R$ 120.000,00 → *R$ 130.000,00*" in text(picked)


def test_a_contact_typed_in_lower_case_or_with_a_role_is_the_person_only():
    assert contact_details("cadastra o carlos gerente do mar azul tel 71 98888 1234") == (
        "Carlos",
        None,
        "71 98888 1234",
    )
    assert contact_details("adiciona a juliana compras da granja, 11 91234 5678") == (
        "Juliana",
        None,
        "11 91234 5678",
    )
    assert contact_details("add Grace Holt the CFO at maple, grace@maple.io") == (
        "Grace Holt",
        "grace@maple.io",
        None,
    )
    assert contact_details("cadastra a granja boa vista") == (None, None, None)  # no person


async def test_a_lower_case_contact_with_a_phone_is_proposed_for_the_account(stub_chat):
    card = await stub_chat.tell(
        "Ana",
        said(
            "cadastra o joao gerente da padaria silva tel 11 98888 1234",
            "create_contact",
            name="padaria silva",
        ),
    )
    assert "Adicionar *Joao* como contato de Padaria Silva Ltda, 11 98888 1234?" in text(card)


def test_a_contact_typed_in_lower_case_after_the_colon_is_read_when_it_opens_with_a_name():
    assert contact_details("novo contato na padaria silva: cristina alves compras") == (
        "Cristina Alves",
        None,
        None,
    )
    assert contact_details("add contact at acme: rebecca stone cfo rebecca@acme.io") == (
        "Rebecca Stone",
        "rebecca@acme.io",
        None,
    )
    # what follows the colon is no person's name: asked for, never guessed
    assert contact_details("novo contato na padaria silva: o filho do dono") == (None, None, None)


async def test_a_lower_case_contact_after_the_colon_reaches_the_card(stub_chat):
    answer = await stub_chat.say(
        "Ana", "adiciona contato na padaria silva: cristina alves compras cristina@pao.com"
    )
    assert answer.intent == "create_contact"
    assert answer.entities == {"account": "Padaria Silva Ltda", "contact": "Cristina Alves"}


async def test_create_deal_said_aloud_keeps_its_close_date_to_the_store(stub_chat):
    card = await stub_chat.say(
        "Ana", "cria negócio padaria silva fornos vinte mil fechamento dia 28"
    )
    assert card.intent == "create_deal"
    assert card.entities["date"] == "2026-11-28"
    assert card.entities["amount"]["value"] == 20_000
    await stub_chat.press("Ana", button(card, "records.deal"))
    deals = await stub_chat.deals_at(stub_chat.ids["Padaria Silva Ltda"])
    assert (deals[-1].amount, deals[-1].close_date) == (20_000.0, "2026-11-28")


def test_a_contact_named_after_the_account_without_a_colon_is_read():
    assert contact_details("novo contato na padaria silva Rosana Dias 11 98888 1234") == (
        "Rosana Dias",
        None,
        "11 98888 1234",
    )
    assert contact_details("novo contato na Padaria Silva") == (None, None, None)

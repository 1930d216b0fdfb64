"""Round eighteen of understanding: field sellers dictating by voice (dev18's kinds of miss).

Each group is a kind of miss met there, in other words (as another rep would dictate the same
thing, pt-BR and English, no accents, numbers said as words), against a small book of names
that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Serralheria Ferro Forte"),
        BookName(1, "Serralheria Ferro Forte", deal_id=21, deal_title="Portoes 2027"),
        BookName(2, "Quillon Logistics"),
        BookName(2, "Quillon Logistics", deal_id=22, deal_title="Fleet tracking"),
        BookName(3, "Laticinios Vale Verde"),
        BookName(3, "Laticinios Vale Verde", deal_id=23, deal_title="Camaras frias"),
    ]
)


read = reader(BOOK)


# -- a deal's new value dictated in words, or said and taken back: its amount, not unclear --


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("atualiza a ferro forte vinte mil ops vinte e dois mil", "pt-BR", 22000),
        ("muda a vale verde pra sessenta mil quer dizer sessenta e cinco mil", "pt-BR", 65000),
        ("a ferro forte passa pra trinta e cinco mil", "pt-BR", 35000),
        ("vale verde passa para 80 mil", "pt-BR", 80000),
        ("update quillon to forty thousand oops forty five thousand", "en", 45000),
    ],
)
def test_a_value_dictated_in_words_is_the_deals_amount(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None and parsed.amount.value == value


# -- a close date moved, said by its other names ("a data", "a previsão"): the deal's date ---


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("a data da ferro forte muda pra vinte de janeiro", "pt-BR", "2027-01-20"),
        ("a previsao da vale verde passa pro dia quinze de janeiro", "pt-BR", "2027-01-15"),
        ("a previsao de fechamento da vale verde foi pra 22/01", "pt-BR", "2027-01-22"),
        ("expected close of quillon moves to january 8", "en", "2027-01-08"),
    ],
)
def test_a_close_date_said_by_another_name_moves_the_deal(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert account(parsed) is not None
    assert str(parsed.date) == day


# -- a pointer said as a "no" to the choice just offered: asked back, not off-topic ---------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("nao nao e a outra", "pt-BR"),
        ("nao, era aquele", "pt-BR"),
        ("nao o outro", "pt-BR"),
        ("no the other one", "en"),
        ("nope, that one", "en"),
        ("no i mean the other one", "en"),
    ],
)
def test_a_no_then_a_pointer_is_asked_back(text, locale):
    assert read(text, locale).intent == "unclear"


# -- a new company dictated in lower case after a create verb: offered to create, by name ----


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("cadastra a padaria sol nascente", "pt-BR", "padaria sol nascente"),
        ("cadastrar a construtora rocha viva", "pt-BR", "construtora rocha viva"),
        (
            "por favor cadastra o mercado bom preco do bairro",
            "pt-BR",
            "mercado bom preco do bairro",
        ),
        ("add the bakery sweet crumbs", "en", "bakery sweet crumbs"),
        ("register the clinic bright smile", "en", "clinic bright smile"),
        # a kind of business the book holds, with a name it doesn't
        ("cadastra a serralheria aco bom", "pt-BR", "serralheria aco bom"),
    ],
)
def test_a_company_dictated_in_lower_case_is_offered_as_new(text, locale, name):
    parsed = read(text, locale)
    assert parsed.intent == "create_account"
    assert (parsed.name or "").lower() == name


def test_a_company_of_the_book_dictated_after_a_create_verb_is_not_new():
    parsed = read("cadastra a serralheria ferro forte")
    assert parsed.intent != "create_account"
    assert account(parsed) == "Serralheria Ferro Forte"


# -- the cadences asked to be shown, in Portuguese as in English: the list, not chatter ------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me mostra as cadencias", "pt-BR"),
        ("mostra todas as cadencias", "pt-BR"),
        ("quero ver as cadencias", "pt-BR"),
        ("show me the sequences", "en"),
    ],
)
def test_the_cadences_asked_to_be_shown_are_listed(text, locale):
    assert read(text, locale).intent == "list_cadences"


# -- a stage said as what the deal now is, with no verb: the stage moved ---------------------


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("ferro forte agora e proposta", "pt-BR", "proposal"),
        ("a vale verde agora e negociacao", "pt-BR", "negotiation"),
        ("vale verde agora ja e fechamento", "pt-BR", "commit"),
        ("quillon is now negotiation", "en", "negotiation"),
    ],
)
def test_a_stage_said_as_what_the_deal_now_is_moves_it(text, locale, stage):
    parsed = read(text, locale)
    assert parsed.intent == "stage_change"
    assert parsed.stage == stage


# -- a comma said aloud and typed as its word: it ends the name, as the mark would ----------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("nova conta oficina do beto virgula fica na rua sete", "pt-BR", "oficina do beto"),
        ("cria a conta loja das tintas vírgula perto do mercado", "pt-BR", "loja das tintas"),
        ("new account harbor lights comma on main street", "en", "harbor lights"),
        ("create account bluefin marine comma they sell boats", "en", "bluefin marine"),
    ],
)
def test_a_comma_said_aloud_ends_the_new_companys_name(text, locale, name):
    parsed = read(text, locale)
    assert parsed.intent == "create_account"
    assert (parsed.name or "").lower() == name


def test_a_comma_said_inside_a_number_stays_the_number():
    parsed = read("a ferro forte agora vale um virgula dois milhao")
    assert parsed.amount is not None and parsed.amount.value == 1_200_000

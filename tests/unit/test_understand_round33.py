"""Round thirty-three of understanding: kinds of miss in how accounts are named that recur
across writers (a kind word said with "uma"/"a" beside a company named in full, a name's word
one slip off, whose deal it is, a surname that is also a landform, one of two accounts of a
name asked about, two accounts joined by "ou"), in other words (shorthand, typos, no accents),
against a small book of names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Farmácia Bom Jesus"),
        BookName(2, "Transportadora Pampa"),
        BookName(3, "Sunrise Bakery"),
        BookName(4, "Ridgeway Paints"),
        BookName(5, "Cerâmica Vento Norte"),
        BookName(6, "Kestrel Analytics"),
        BookName(6, "Kestrel Analytics", contact_id=61, contact_name="Wendell Price"),
        BookName(7, "Vértice Engenharia"),
        BookName(8, "Vértice Móveis"),
        BookName(9, "Jacaranda Turismo"),
        BookName(10, "Escola Girassol"),
    ]
)

read = reader(BOOK)


# -- a kind of business said with an indefinite article is some such company: the one named in
# full with capitals in the same report is new, not the book's of that kind (dev28 pt and en) --


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        (
            "passei numa farmacia nova perto de casa, Farmacia Estrela Guia, o dono quer orcamento",
            "pt-BR",
            "Farmacia Estrela Guia",
        ),
        (
            "liguei pra uma transportadora de campinas, Rodoviario Jaguar Cargas, querem rastreamento",
            "pt-BR",
            "Rodoviario Jaguar Cargas",
        ),
        (
            "stopped by a small bakery on 5th st, Golden Crust Bakery, owner wants a quote",
            "en",
            "Golden Crust Bakery",
        ),
        (
            "walked into a family owned paints shop, Dover Paints, they want a POS, back monday",
            "en",
            "Dover Paints",
        ),
    ],
)
def test_a_kind_said_with_an_indefinite_article_leaves_the_company_named_in_full(
    text: str, locale: str, name: str
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.mention is None
    assert parsed.fresh and parsed.name == name


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("passei na farmacia hoje, Bom Jesus quer o balcao", "pt-BR", "Farmácia Bom Jesus"),
        ("called the bakery, they want a demo", "en", "Sunrise Bakery"),
        ("add a contact at kestrel: Wendy Lo, wendy@kestrel.io", "en", "Kestrel Analytics"),
        ("add a contact to ridgeway: Raj Patel, raj@ridgeway.com", "en", "Ridgeway Paints"),
    ],
)
def test_the_kind_said_with_the_definite_article_is_still_the_books(
    text: str, locale: str, name: str
) -> None:
    assert account(read(text, locale)) == name


# -- a name's two words side by side, one typed right and the other one slip off, or a rare
# name with its whose-s typed without the apostrophe (dev21 pt and en) ------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("visitei a vento nortr ontem, gostaram", "pt-BR", "Cerâmica Vento Norte"),
        ("liguei pra ceramica vemto norte, pediram proposta", "pt-BR", "Cerâmica Vento Norte"),
        ("called ridgeway paimts, they want a demo", "en", "Ridgeway Paints"),
        ("kestrels close date moves to jan 20", "en", "Kestrel Analytics"),
    ],
)
def test_a_name_one_slip_off_is_the_name_not_a_guess(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.mention is not None and parsed.mention.sure
    assert account(parsed) == name


# -- whose deal it is, said by the seller's name with 's, is no word of a new company (dev9,
# dev11) ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Update Carla's Kestrel deal to 90k",
        "Pedro's Ridgeway deal is 12k now",
        "move Daniel's Kestrel deal to proposal",
    ],
)
def test_whose_deal_is_no_part_of_a_company_name(text: str) -> None:
    parsed = read(text, "en")
    assert not parsed.fresh
    assert account(parsed) in ("Kestrel Analytics", "Ridgeway Paints")


# -- a surname that is also a landform ("Park", "Monte") before the account is a person's, not
# the place the name stands for (dev22) -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("add contact Ana Park at Kestrel, ana@kestrel.io", "en"),
        ("add contact Tom Lake at Kestrel", "en"),
        ("adiciona contato Bruno Monte na Jacaranda, bruno@jacaranda.tur.br", "pt-BR"),
    ],
)
def test_a_landform_surname_does_not_hide_the_account(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "create_contact"
    assert account(parsed) in ("Kestrel Analytics", "Jacaranda Turismo")


@pytest.mark.parametrize(
    "text", ["hiking the kestrel mountains this weekend", "trip to kestrel national park"]
)
def test_a_name_beside_its_landform_is_still_a_place(text: str) -> None:
    assert read(text, "en").mention is None


# -- a word two accounts share, asked about ("and X?", "daquela X", "the other X", "X deal …")
# or two accounts joined by "ou"/"or": which one is asked, never guessed nor dropped (dev10,
# dev13, dev17, dev20, dev21) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("and vertice?", "en"),
        ("e vertice?", "pt-BR"),
        ("lembra daquela vertice?", "pt-BR"),
        ("no the other vertice", "en"),
        ("vertice deal is 40k now", "en"),
    ],
)
def test_a_shared_word_asked_about_asks_which(text: str, locale: str) -> None:
    assert account(read(text, locale)) == "?"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("kestrel ou jacaranda", "pt-BR"),
        ("foi a jacaranda ou a ridgeway, nao lembro", "pt-BR"),
        ("kestrel or ridgeway?", "en"),
    ],
)
def test_two_accounts_joined_by_or_asks_which(text: str, locale: str) -> None:
    assert account(read(text, locale)) == "?"


# -- a contact's phone asked by their first name and a company the asker's book doesn't show
# ("telefone do otavio da farma vida", another rep's client): still a look-up, never a log or
# off-topic (dev12, dev18) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("telefone do otavio da farma vida", "pt-BR"),
        ("o tel da rosana padaria santa clara", "pt-BR"),
        ("email do vitor da grafica expressa", "pt-BR"),
        ("phone for kate at blue harbor", "en"),
    ],
)
def test_a_contact_asked_with_a_company_out_of_sight_is_a_look_up(text: str, locale: str) -> None:
    assert read(text, locale).intent == "contact_lookup"


# -- whose the new account is, said after the word for account ("… como conta minha"), is no
# name: the company named before it is (dev10; round 26 had "como conta nova", dev24) --------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("quero adicionar a Marmoraria Pedra Alta como conta minha", "Marmoraria Pedra Alta"),
        ("cadastra a Oficina Dois Irmaos como conta minha", "Oficina Dois Irmaos"),
    ],
)
def test_whose_account_said_after_it_is_no_name(text: str, name: str) -> None:
    parsed = read(text)
    assert parsed.intent == "create_account"
    assert parsed.name == name


# -- a kind of business in the plural is any such, not a rare name's whose-s: the person named
# stays the one the message is about (dev's 'mandei email pra tereza … das escolas parceiras')


def test_a_kinds_plural_does_not_take_over_the_contact() -> None:
    parsed = read("mandei email pro wendell com o material das escolas parceiras")
    assert parsed.mention is not None
    assert parsed.mention.hits[0].contact_name == "Wendell Price"

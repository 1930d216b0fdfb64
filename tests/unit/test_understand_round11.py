"""Round eleven of understanding: how people name things, read by the grammar of the sentence.

Each group is a kind of miss of the dev11 part, met here in other words (as a different person
would say the same thing, pt-BR and English, typos and no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marcenaria Tronco Forte"),
        BookName(1, "Marcenaria Tronco Forte", 11, "Wilson Prates"),
        BookName(1, "Marcenaria Tronco Forte", deal_id=21, deal_title="Esquadrias sob medida"),
        BookName(2, "Pousada Brisa Leve"),
        BookName(2, "Pousada Brisa Leve", 12, "Dalva Nunes"),
        BookName(2, "Pousada Brisa Leve", deal_id=22, deal_title="Reservas online"),
        BookName(3, "Harbor Freightways"),
        BookName(3, "Harbor Freightways", 13, "Greg Ames"),
        BookName(3, "Harbor Freightways", deal_id=23, deal_title="Dock scheduling"),
        BookName(4, "Cobalt Dental Labs"),
        BookName(4, "Cobalt Dental Labs", 14, "Nora Price"),
        BookName(4, "Cobalt Dental Labs", deal_id=24, deal_title="Aligner printers"),
        BookName(5, "Mercearia Dois Irmaos"),
        BookName(5, "Mercearia Dois Irmaos", deal_id=25, deal_title="Leitor-fiscal PDV"),
        BookName(6, "Grupo Central Insurance"),
    ]
)


read = reader(BOOK)


# -- one word of what is sold, said as the people or the thing at a client, names it ---------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("e a galera das esquadrias, alguma novidade?", "pt-BR", "Marcenaria Tronco Forte"),
        ("liga pro pessoal das reservas amanha", "pt-BR", "Pousada Brisa Leve"),
        ("os do leitorfiscal responderam?", "pt-BR", "Mercearia Dois Irmaos"),
        ("o cliente das esquadrias pediu desconto", "pt-BR", "Marcenaria Tronco Forte"),
        ("any news from the aligner guys?", "en", "Cobalt Dental Labs"),
        ("called the dock scheduling people this morning", "en", "Harbor Freightways"),
        ("how is the aligner one going", "en", "Cobalt Dental Labs"),
    ],
)
def test_what_is_sold_said_as_the_people_there_names_the_account(text, locale, name):
    assert account(read(text, locale)) == name


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("comprei esquadrias novas pra casa", "pt-BR"),
        ("as reservas do hotel da viagem sairam caras", "pt-BR"),
        ("scheduling is a mess today", "en"),
        ("my dentist says I need aligners", "en"),
    ],
)
def test_the_same_words_said_of_anything_else_name_nothing(text, locale):
    assert read(text, locale).mention is None


# -- a deal's new amount said of it by its owner's name, its title or a change verb ----------


@pytest.mark.parametrize(
    ("text", "locale", "amount"),
    [
        ("Cobalt's aligner deal is 41,000 now", "en", 41000),
        ("the harbor freightways scheduling deal is 12k now", "en", 12000),
        ("update Greg's dock scheduling deal to 22k", "en", 22000),
        ("atualiza o negocio das esquadrias da Marcenaria pra 35 mil", "pt-BR", 35000),
        ("pousada brisa leve reservas deal agora e 18 mil", "pt-BR", 18000),
        ("altera a proposta da Tronco Forte para 27 mil", "pt-BR", 27000),
    ],
)
def test_a_deals_new_amount_said_of_it_is_the_deals_news(text, locale, amount):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None and parsed.amount.value == amount


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("update me on Harbor Freightways, did they pay the 12k?", "en"),
        ("liguei pra Pousada Brisa Leve, atualizei o contato, orcamento de 18 mil", "pt-BR"),
    ],
)
def test_an_update_that_is_not_the_deals_amount_is_not_a_change(text, locale):
    assert read(text, locale).intent != "deal_update"


# -- an account marked as won, however the request is put and whoever else is named ----------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("marca a Tronco Forte como ganha", "pt-BR"),
        ("pode marcar a Marcenaria Tronco Forte como ganho pfv", "pt-BR"),
        ("coloca a pousada brisa leve da Dalva como ganho", "pt-BR"),
        ("marca a Pousada Brisa Leve do Joao como ganha, ele me confirmou", "pt-BR"),
        ("set Harbor Freightways as won", "en"),
    ],
)
def test_an_account_marked_as_won_is_won(text, locale):
    assert read(text, locale).intent == "won"


def test_a_meeting_marked_as_confirmed_is_not_a_win():
    assert read("marca a reuniao com a Pousada Brisa Leve como confirmada").intent != "won"


# -- won or lost *a thing* (an article, then no noun of the work) is life, not a deal --------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("ganhei uma cesta de natal da firma kkk", "pt-BR"),
        ("perdi um brinco no uber ontem", "pt-BR"),
        ("ganhei um chocolate da vizinha, amei", "pt-BR"),
        ("won a free pizza at lunch lol", "en"),
        ("lost a filling eating caramel, ugh", "en"),
        ("my kid won a spelling bee today!!", "en"),
        # an ordinary word that is also a word of a name in the book, in lower case
        ("ganhei um perfume leve da minha sogra", "pt-BR"),
        ("ganhei um casaco forte pro inverno", "pt-BR"),
        ("won a harbor cruise for two at the gala", "en"),
        ("lost a cobalt blue earring at the bar", "en"),
    ],
)
def test_a_thing_won_or_lost_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("ganhamos um cliente novo hj!!", "pt-BR", "won"),
        ("won a new logo today", "en", "won"),
        ("fechei um contrato com a Pousada Brisa Leve", "pt-BR", "won"),
        ("perdemos a pousada brisa leve pro concorrente", "pt-BR", "lost"),  # "a" is "the"
    ],
)
def test_a_client_or_a_contract_won_is_still_the_work(text, locale, intent):
    assert read(text, locale).intent == intent


# -- a list asked by its noun and whose: a colleague's accounts, the deals someone lost/won ---


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("quais contas a Bianca tem?", "pt-BR", "list_accounts"),
        ("mostra os clientes do Rodrigo", "pt-BR", "list_accounts"),
        ("what accounts does Kevin handle", "en", "list_accounts"),
        ("show me Priyas accounts", "en", "list_accounts"),
        ("deals we lost in q3", "en", "lost_list"),
        ("oportunidades q a gente perdeu esse ano", "pt-BR", "lost_list"),
        ("o q a gente perdeu em novembro e pq?", "pt-BR", "lost_list"),
        ("deals the team closed last month", "en", "won_list"),
        ("negocios que eu ganhei em outubro", "pt-BR", "won_list"),
    ],
)
def test_a_list_asked_by_its_noun_and_whose(text, locale, intent):
    assert read(text, locale).intent == intent


def test_the_accounts_of_a_named_client_are_not_a_colleagues_list():
    parsed = read("mostra as contas da Pousada Brisa Leve")
    assert parsed.intent != "list_accounts" or parsed.mention is not None


# -- how much sits in a stage is the pipeline; whether anything of mine closes is closing ----


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("how much is sitting in proposal?", "en", "pipeline"),
        ("whats the total in qualification rn", "en", "pipeline"),
        ("valor total em negociacao?", "pt-BR", "pipeline"),
        ("algo meu fecha semana que vem?", "pt-BR", "closing"),
        ("tem coisa minha fechando esse mes?", "pt-BR", "closing"),
        ("will anything of mine close this week?", "en", "closing"),
    ],
)
def test_a_stage_total_or_my_closings_asked(text, locale, intent):
    assert read(text, locale).intent == intent


# -- a kind of business said in the other language leads to the name of that kind -----------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("how's the joinery doing?", "en", "Marcenaria Tronco Forte"),
        ("status on Wilson's carpentry", "en", "Marcenaria Tronco Forte"),
        ("any news from the inn?", "en", "Pousada Brisa Leve"),
        ("update on Rodrigo's grocery deal", "en", "Mercearia Dois Irmaos"),
        ("e a transportadora, respondeu?", "pt-BR", "Harbor Freightways"),
        ("liguei pro laboratorio hoje, pediram proposta", "pt-BR", "Cobalt Dental Labs"),
    ],
)
def test_a_kind_of_business_in_the_other_language_names_it(text, locale, name):
    assert account(read(text, locale)) == name


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("the grocery near my place closed down, sad", "en"),
        ("the inn we stayed at in Paraty was lovely", "en"),
        ("my kid's school has a bake sale at the inn today", "en"),
    ],
)
def test_a_kind_of_business_in_ones_life_is_not_acted_on(text, locale):
    assert read(text, locale).intent in {"out_of_domain", "unclear"}


# -- an account named, then taken back for another in the same message ----------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("visitei a Pousada Brisa Leve hj, ops, foi a Marcenaria Tronco Forte", "pt-BR",
         "Marcenaria Tronco Forte"),
        ("liguei pra Harbor Freightways.. no wait, it was Cobalt Dental Labs", "en",
         "Cobalt Dental Labs"),
        ("reuniao com a Tronco Forte, quer dizer, com a Pousada Brisa Leve", "pt-BR",
         "Pousada Brisa Leve"),
        ("emailed Cobalt Dental, I mean Harbor Freightways, about the renewal", "en",
         "Harbor Freightways"),
    ],
)  # fmt: skip
def test_an_account_taken_back_for_another_is_the_other(text, locale, name):
    assert account(read(text, locale)) == name


def test_two_accounts_named_together_are_still_asked_about():
    assert account(read("liguei pra Pousada Brisa Leve e pra Marcenaria Tronco Forte")) == "?"


# -- a maybe after its day, and "no time to", are not facts: asked -------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("semana q vem talvez eu ligue pro Wilson da Tronco Forte", "pt-BR"),
        ("amanha quem sabe passo na Pousada Brisa Leve da Dalva", "pt-BR"),
        ("friday maybe I'll swing by Harbor Freightways to see Greg", "en"),
        ("nao deu tempo de ligar pra Dalva", "pt-BR"),
        ("n deu tempo de passar na marcenaria tronco forte hj", "pt-BR"),
        ("didnt have time to call Greg today", "en"),
    ],
)
def test_a_maybe_or_no_time_to_is_asked(text, locale):
    assert read(text, locale).intent == "unclear"


def test_the_client_giving_no_answer_is_still_news():
    assert read("a Dalva da Pousada Brisa Leve nao deu retorno ainda").intent == "log"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("ganhei 30 conto no bicho kkk", "pt-BR"),
        ("perdi 20 reais no troco hoje", "pt-BR"),
        ("lost 40 bucks at poker last night", "en"),
        ("won 15 dollars on a lotto ticket", "en"),
    ],
)
def test_a_little_money_won_or_lost_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


def test_a_deal_won_for_its_amount_is_still_won():
    assert read("ganhamos a Pousada Brisa Leve, 30 mil reais").intent == "won"


@pytest.mark.parametrize(
    "text",
    [
        "a pousada brisa leve ta como?",
        "e o pessoal das esquadrias, ta como",
        "a marcenaria tronco forte anda como",
    ],
)
def test_how_it_stands_asked_at_the_end_is_its_status(text):
    parsed = read(text)
    assert parsed.intent == "status"
    assert parsed.mention is not None


# -- an ordinary word of a name, said as a deal or an account, names it ----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("status on Daniel's insurance deal", "en"),
        ("how is the insurance account doing?", "en"),
        ("any news on the central deal?", "en"),
        ("como ta o negocio da insurance?", "pt-BR"),
    ],
)
def test_an_ordinary_word_of_a_name_called_a_deal_names_it(text, locale):
    assert account(read(text, locale)) == "Grupo Central Insurance"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("my car insurance went up again", "en"),
        ("the central station was packed today", "en"),
    ],
)
def test_the_same_word_said_of_anything_else_is_no_name(text, locale):
    assert read(text, locale).mention is None


# -- a place of the book's kind near one's home is the place, not the client ----------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a mercearia do bairro fechou, que pena", "pt-BR"),
        ("the gym in my building raised its fees", "en"),
        ("the grocery on the corner is closed today", "en"),
    ],
)
def test_a_place_near_home_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


def test_a_place_near_home_with_nothing_else_is_at_most_asked_about():
    assert read("a pousada da esquina ta em reforma").intent in {"out_of_domain", "unclear"}

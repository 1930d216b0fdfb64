"""Round thirty-six of understanding: kinds of off-topic message still answered with data that
recur across writers (the price of a thing or the hours of a shop asked of the world), in other
words (shorthand, typos, no accents), against a small book of names that appears nowhere else.
Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Sorveteria Polar"),
        BookName(2, "Northgate Pharmacy"),
        BookName(3, "Drogaria Nova Era"),
        BookName(4, "Cedar Bakery"),
        BookName(5, "Pastelaria Sol"),
    ]
)

read = reader(BOOK)


# -- the price of a thing, or when a shop opens or closes, asked of the world: "quanto custa um
# X na sorveteria", "what time does the pharmacy close" (dev12, dev18, dev29, a fresh batch) --
# a shop's kind in such a line is where the thing is sold, never the client ------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("quanto custa um picole na sorveteria perto do escritorio", "pt-BR"),
        ("qto custa uma coxinha na pastelaria da esquina", "pt-BR"),
        ("que horas fecha a drogaria hj", "pt-BR"),
        ("a drogaria abre que horas no domingo?", "pt-BR"),
        ("what time does the pharmacy close tonight", "en"),
        ("how much is a loaf at the bakery these days", "en"),
        ("whens the bakery open on sundays", "en"),
    ],
)
def test_a_price_or_a_shops_hours_asked_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ACTS


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("como ta a sorveteria polar?", "pt-BR", "Sorveteria Polar"),
        ("how much is the cedar bakery deal worth", "en", "Cedar Bakery"),
    ],
)
def test_a_clients_status_or_worth_is_still_asked(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "status"
    assert account(parsed) == name


# -- a thing of the work owned "de" a thing of one's life: "meu pipeline de séries", "minha
# meta de academia" (dev11, dev23; passing elsewhere by other words in dev9, dev19, dev22,
# dev24, dev25, dev29) -- no data asked and no absence from the work told ------------------


@pytest.mark.parametrize(
    "text",
    [
        "meu pipeline de filmes pra ver no feriado ta gigante",
        "minha meta de natacao esse mes ja era",
        "minha lista de livros pras ferias nao acaba nunca",
        "meu funil de receitas pro natal ta cheio kkk",
        "minha meta de leitura foi pro espaco",
    ],
)
def test_a_work_thing_of_ones_life_is_off_topic(text: str) -> None:
    assert read(text).intent not in ACTS | {"away"}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("minha meta de vendas esse mes, como ta?", "forecast"),
        ("meu pipeline de negociacao", "pipeline"),
        ("minha agenda de amanha", "agenda"),
        ("vou tirar minhas ferias semana que vem", "away"),
    ],
)
def test_a_work_thing_of_a_time_or_a_stage_stays_the_works(text: str, intent: str) -> None:
    assert read(text).intent == intent


# -- whether an account replied, asked in a few words ended by "?": "a X já respondeu?", "did
# X reply?" (dev27; with "alguma novidade" of dev10, the status asked about a reply or news) --
# a question never marks the cadence's reply, the status answers it -------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("a sorveteria polar ja respondeu?", "pt-BR", "Sorveteria Polar"),
        ("pastelaria sol respondeu?", "pt-BR", "Pastelaria Sol"),
        ("did cedar bakery reply?", "en", "Cedar Bakery"),
        ("northgate pharmacy answered yet?", "en", "Northgate Pharmacy"),
    ],
)
def test_a_reply_asked_is_the_status(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "status"
    assert account(parsed) == name


def test_a_reply_told_still_marks_the_cadence() -> None:
    assert read("a sorveteria polar respondeu, tira da cadencia").intent != "status"

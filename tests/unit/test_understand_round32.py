"""Round thirty-two of understanding: kinds of miss on a write that recur across writers (dev
parts 10, 15, 16, 18, 28 and others), in other words (shorthand, typos, no accents), against a
small book of names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Ipe Roxo"),
        BookName(1, "Marmoraria Ipe Roxo", contact_id=81, contact_name="Celso Duarte"),
        BookName(2, "Osprey Freight"),
        BookName(2, "Osprey Freight", contact_id=82, contact_name="Gwen Holloway"),
        BookName(3, "Sorveteria Polo Norte"),
        BookName(4, "Larkspur Dental"),
    ]
)

read = reader(BOOK)


# -- a price said aloud without its "mil"/"k" after a word of the deal (dev10, dev15, dev16,
# dev28): "fechado em quarenta e quatro", "fecha por dezessete e quinhentos", "quer por 6 e
# meio", "can do one ninety five", "ok with sixty two five", "one twenty max", "twenty ish":
# the number said short is thousands, read by the same mechanism as "tão firmes no 42" -------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("passei na ipe roxo, o celso fechou por vinte e dois e quinhentos", "pt-BR", 22500),
        ("marmoraria ipe roxo ta fechada em trinta e oito so falta o pedido", "pt-BR", 38000),
        ("visitei a polo norte, querem por 9 e meio, volto amanha", "pt-BR", 9500),
        ("falei c o celso, de quarenta vai pra uns cinquenta e dois", "pt-BR", 52000),
        ("sorveteria polo norte vendido por dezoito e trezentos", "pt-BR", 18300),
        ("a polo norte vai dar 74 mesmo", "pt-BR", 74000),
        ("gwen at osprey says they can do one thirty five if we add support", "en", 135000),
        ("osprey freight, gwen is ok with forty seven five", "en", 47500),
        ("call w gwen, osprey needs one fifty max, calling back mon", "en", 150000),
        ("larkspur wants a quote for the portal, thirty ish", "en", 30000),
        ("larkspur went up to one sixty", "en", 160000),
        ("ipe roxo: cinquenta e cinco continua, visita dia 15", "pt-BR", 55000),
        ("osprey is comparing three vendors, we're at forty two, quote by fri", "en", 42000),
        ("a polo norte quer o sistema novo, uns trinta pau, volto dia 17", "pt-BR", 30000),
    ],
)
def test_a_price_said_short_in_words_is_thousands(text: str, locale: str, value: int) -> None:
    parsed = read(text, locale)
    assert parsed.amount is not None
    assert parsed.amount.value == value


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("fechamos em dois lotes com a polo norte", "pt-BR"),
        ("a polo norte quer por tres pessoas no treinamento", "pt-BR"),
        ("gwen can do thirty minutes on friday", "en"),
        ("fechado em quinze dias com a ipe roxo", "pt-BR"),
        ("o cafe da polo norte foi pra seis e noventa", "pt-BR"),
        ("we're ok with two trucks for osprey", "en"),
    ],
)
def test_a_count_or_a_time_said_after_those_words_is_no_price(text: str, locale: str) -> None:
    assert read(text, locale).amount is None


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("osprey is now three hundred k oops no two eighty", "en", 280000),
        (
            "mandei proposta pra ipe roxo 90 mil. ops nao, oitenta e cinco com desconto",
            "pt-BR",
            85000,
        ),
        ("sent larkspur the quote 140k, sorry, one thirty after the discount", "en", 130000),
    ],
)
def test_an_amount_taken_back_by_one_said_short_in_words(
    text: str, locale: str, value: int
) -> None:
    parsed = read(text, locale)
    assert parsed.amount is not None
    assert parsed.amount.value == value


# -- a close date moved to a day said bare or after the deal's "close" (dev7, dev16, dev17):
# "muda a data do X pra 18", "joguei a data pra 18", "X close moved to the 15th of january" is
# the deal's close date on that day, not a question nor a cadence step put off ---------------


@pytest.mark.parametrize(
    ("text", "locale", "name", "day"),
    [
        ("muda a data da ipe roxo pra 18", "pt-BR", "Marmoraria Ipe Roxo", "2026-12-18"),
        (
            "o celso pediu mais prazo, joguei a data pra 22",
            "pt-BR",
            "Marmoraria Ipe Roxo",
            "2026-12-22",
        ),
        ("altera a data da polo norte p 15", "pt-BR", "Sorveteria Polo Norte", "2026-12-15"),
        ("osprey close moved to the 12th of january", "en", "Osprey Freight", "2027-01-12"),
        ("larkspur's closing date slipped to jan 20", "en", "Larkspur Dental", "2027-01-20"),
        ("push osprey close date to 28", "en", "Osprey Freight", "2026-12-28"),
    ],
)
def test_a_close_date_moved_to_a_day(text: str, locale: str, name: str, day: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert account(parsed) == name
    assert parsed.date is not None and parsed.date.isoformat() == day


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o fechamento da polo norte baixou pra 18", "pt-BR"),
        ("a reuniao com a ipe roxo foi pra 14h", "pt-BR"),
    ],
)
def test_a_price_or_an_hour_after_pra_is_no_close_day(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.date is None


# -- a close date moved by a length (dev24; a handler gap): "escorrega o fechamento da X uma
# semana" carries the days, which the handler adds to the deal's own close date ----------------


@pytest.mark.parametrize(
    ("text", "locale", "days"),
    [
        ("empurra o fechamento da ipe roxo uma semana", "pt-BR", 7),
        ("escorrega o fechamento da polo norte 2 semanas", "pt-BR", 14),
        ("posterga o fechamento da ipe roxo mais 10 dias", "pt-BR", 10),
        ("push osprey's close date out a week", "en", 7),
        ("slip larkspur close by two weeks", "en", 14),
    ],
)
def test_a_close_date_moved_by_a_length_carries_the_days(
    text: str, locale: str, days: int
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.date is None
    assert parsed.shift == days


def test_a_close_date_moved_to_a_day_in_some_weeks_is_that_day() -> None:
    parsed = read("empurra o fechamento da ipe roxo pra daqui 2 semanas")
    assert parsed.shift is None
    assert parsed.date is not None and parsed.date.isoformat() == "2026-12-24"


# -- a contact added at a company of the book, the person named in full before it (dev22,
# dev28): "add contact John Park at X" is at X; a person's surname that is a land word ("Park",
# "Hill") makes no place of the company after "at" ------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("add contact Amy Park at Osprey, amy.park@osprey.com", "en", "Osprey Freight"),
        ("add contact tom hill at larkspur", "en", "Larkspur Dental"),
        ("new contact Dana Brook at Osprey Freight, 555 0101", "en", "Osprey Freight"),
        (
            "adiciona contato Rita Campos na Polo Norte rita@polonorte.com.br",
            "pt-BR",
            "Sorveteria Polo Norte",
        ),
    ],
)
def test_a_contact_added_at_a_company_of_the_book(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "create_contact"
    assert account(parsed) == name


def test_a_place_named_by_its_land_is_still_no_client() -> None:
    assert account(read("trip to the osprey mountains next week", "en")) is None


# -- a day said after a verb of what comes, in a report (dev17): "tá tudo certo pra assinar
# segunda" is the signing ahead, the follow-up's day; the typo corrector once read "assinar"
# as the head "assinad" of a pattern's "assinad[oa]" and the day fell behind ---------------


@pytest.mark.parametrize(
    ("text", "locale", "due"),
    [
        ("falei c o celso da ipe roxo, ta tudo certo pra assinar segunda", "pt-BR", "2026-12-14"),
        ("liguei pra polo norte, ficou de assinar sexta", "pt-BR", "2026-12-11"),
        ("talked to gwen at osprey, all set to sign monday", "en", "2026-12-14"),
    ],
)
def test_a_day_after_a_verb_of_what_comes_is_the_follow_up(
    text: str, locale: str, due: str
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.date is None
    assert parsed.follow_up is not None and parsed.follow_up.due.isoformat() == due


@pytest.mark.parametrize("word", ["assinar", "recebida", "concluir", "sumido", "ajudar"])
def test_a_whole_word_is_never_corrected_into_a_patterns_head(word: str) -> None:
    from handlers.understanding import intents

    assert intents.correct(word) == word

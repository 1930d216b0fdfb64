"""Round thirty-five of understanding: kinds of miss in writes that recur across writers (a
record of an account taken back by "aquele registro da X", a day's chore tagged "me cobra" /
"anota aí", a new company's name followed by where it is), in other words (shorthand, typos,
no accents), against a small book of names that appears nowhere else. Today is Thursday
2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding import sales_words
from handlers.understanding.mentions import NameIndex
from handlers.understanding.text import normalize
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Fina"),
        BookName(2, "Harlow Dental"),
        BookName(3, "Oficina Roda Viva"),
        BookName(4, "Quarry Tiles"),
        BookName(5, "Colégio Aurora"),
    ]
)

read = reader(BOOK)


# -- a record of one account taken back, named by the account it was written on: "cancela
# aquele registro da X" (dev29, dev30) -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        (
            "cancela aquele registro da pedra fina, era outra conta",
            "pt-BR",
            "Marmoraria Pedra Fina",
        ),
        ("apaga aquela nota da roda viva q eu errei", "pt-BR", "Oficina Roda Viva"),
        ("exclui esse registro do colegio aurora", "pt-BR", "Colégio Aurora"),
        ("scrap the entry for quarry tiles pls", "en", "Quarry Tiles"),
        ("delete that note on harlow dental, wrong client", "en", "Harlow Dental"),
    ],
)
def test_a_record_of_an_account_taken_back_is_an_undo(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "undo"
    assert account(parsed) == name


def test_an_invoice_cancelled_is_no_record_taken_back() -> None:
    assert read("cancela a nota fiscal da roda viva, veio errada").intent != "undo"


# -- what the asker has to do, then tagged to be reminded of it: "…, me cobra", "…, anota aí"
# (dev17, dev30) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("sexta preciso ligar pro colegio aurora me cobra", "Colégio Aurora"),
        (
            "semana q vem preciso visitar a marmoraria pedra fina anota ai pfv",
            "Marmoraria Pedra Fina",
        ),
        ("tenho q mandar o contrato da roda viva segunda, me cobra hein", "Oficina Roda Viva"),
        ("amanha tenho que passar na roda viva, anota ai", "Oficina Roda Viva"),
    ],
)
def test_a_chore_tagged_to_be_reminded_of_is_a_task(text: str, name: str) -> None:
    parsed = read(text)
    assert parsed.intent == "task"
    assert account(parsed) == name


@pytest.mark.parametrize(
    "text",
    [
        "liguei pra roda viva, pediram orcamento, anota ai",
        "visitei o colegio aurora hj, querem proposta, anota isso",
    ],
)
def test_what_was_done_tagged_anota_ai_is_still_a_log(text: str) -> None:
    assert read(text).intent == "log"


# -- a new company's name, then what it is or where ("X, cliente novo da zona norte", "X de
# sorocaba"): the name the asker capitalised, not the description (dev7, dev30) ---------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        (
            "cadastra a Vidracaria Sol Nascente, cliente novo da zona norte",
            "pt-BR",
            "Vidracaria Sol Nascente",
        ),
        ("cria a Pizzaria Bella Napoli, cliente nova do centro", "pt-BR", "Pizzaria Bella Napoli"),
        ("novo cliente: Oficina do Zeca de campinas, cadastra", "pt-BR", "Oficina do Zeca"),
        ("new account: Pinecrest Roofing from denver", "en", "Pinecrest Roofing"),
        ("add Lakeside Optics, new client in the north side", "en", "Lakeside Optics"),
    ],
)
def test_a_new_company_is_its_capitalised_name_not_its_description(
    text: str, locale: str, name: str
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "create_account"
    assert parsed.name == name


def test_a_lowercase_place_word_of_a_one_word_name_is_kept() -> None:
    assert read("cria a conta Padaria do bairro").name == "Padaria do bairro"


# -- a short weekday said gone by, "seg passada", is last Monday, as "segunda passada" is (dev29;
# a past day of a log missed in dev11 and dev17 by other words) -------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("seg passada fiz visita no colegio aurora, a diretora gostou", "2026-12-07"),
        ("visita na roda viva na sex passada, querem proposta", "2026-12-04"),
        ("ter passada liguei pra pedra fina", "2026-12-08"),
    ],
)
def test_a_short_weekday_gone_by_dates_the_log(text: str, day: str) -> None:
    parsed = read(text)
    assert parsed.intent == "log"
    assert str(parsed.date) == day


def test_a_short_weekday_still_to_come_is_ahead() -> None:
    assert str(read("seg que vem ligo pra pedra fina, me cobra").date) == "2026-12-14"


# -- a demo or a video call done, said by its own verb ("demoed", "had a zoom", "fiz um zoom"):
# a log of a meeting, as "had a meeting" is (dev17, dev30) -------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("had a zoom w/ the harlow guys", "en", "Harlow Dental"),
        ("demoed the app to quarry tiles, they loved it", "en", "Quarry Tiles"),
        ("last thurs I demoed the portal to harlow, forgot to log it", "en", "Harlow Dental"),
        ("fiz um zoom com a pedra fina, gostaram do sistema", "pt-BR", "Marmoraria Pedra Fina"),
        ("fizemos um meet c o colegio aurora", "pt-BR", "Colégio Aurora"),
    ],
)
def test_a_demo_or_video_call_done_is_a_log(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert account(parsed) == name


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("cancela aquele registro da pedra fina, era outra conta", False),
        ("delete that note on harlow dental, wrong client", False),
        ("registrei na conta errada a visita da pedra fina, apaga", True),
        ("logged the harlow call on the wrong account, undo", True),
        ("lancei a nota na conta errada, era da roda viva", True),
    ],
)
def test_the_account_a_record_is_named_with_is_where_it_is(text: str, wrong: bool) -> None:
    """An undo keeps to the account a record is named with ("registro da X"); a slip told
    ("na conta errada") leaves the account named out of it."""
    assert sales_words.wrong_place(normalize(text)) is wrong


# -- a visit told in the first person plural ("fomos na X terça", "we went to X"): a visit done,
# so its weekday is the one gone by, not a follow-up ahead (dev11; said in dev and dev15 too) --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        (
            "eu e o Daniel fomos na roda viva terca, o dono topou rever a frota",
            "pt-BR",
            "2026-12-08",
        ),
        ("fomos na pedra fina segunda, querem proposta", "pt-BR", "2026-12-07"),
        ("we went to harlow dental on tuesday, they want a quote", "en", "2026-12-08"),
    ],
)
def test_a_visit_told_as_we_went_is_dated_by_the_day_gone_by(
    text: str, locale: str, day: str
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert str(parsed.date) == day
    assert parsed.follow_up is None

"""Round thirty-seven of understanding: kinds of miss in writes that recur across writers. A
new company's name cut short when one of its words is also a word of ours: a place's last
word ("Vila Nova", "Campo Novo"; dev16), a capitalised word of ours opening it after "pra"
("Speak Up Idiomas"; dev28). In other words (shorthand, typos, no accents), against a small
book of names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Serralheria Ponte Alta"),
        BookName(2, "Kestrel Freight"),
        BookName(3, "Açougue Boi Bravo"),
    ]
)

read = reader(BOOK)


# -- a new company's name holds a word of ours: all of it is the name ----------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent", "name"),
    [
        (
            "liguei pro mercadinho vila nova, querem balanca",
            "pt-BR",
            "log",
            "mercadinho vila nova",
        ),
        (
            "cria o negocio do armazem campo novo, 20 mil",
            "pt-BR",
            "create_deal",
            "armazem campo novo",
        ),
        (
            "me lembra de mandar a tabela pra Open Door Realty amanha",
            "pt-BR",
            "task",
            "Open Door Realty",
        ),
        ("talked to Speak Easy Studios, they want a quote", "en", "log", "Speak Easy Studios"),
    ],
)
def test_a_new_company_is_named_whole(text: str, locale: str, intent: str, name: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed), parsed.name) == (intent, None, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("cadastra a padaria nova", "padaria nova"),  # as on main: what follows the verb
        ("liguei pra Kestrel Freight hoje", "Kestrel Freight"),
        ("Serralheria Ponte Alta pediu proposta", "Serralheria Ponte Alta"),
    ],
)
def test_the_book_and_a_bare_kind_keep_their_reading(text: str, name: str) -> None:
    parsed = read(text)
    assert parsed.name == name


# -- the account said to be ours is a deal won ("lumen solar is ours"; dev30's leftover); a
# client of ours for years is no news ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("kestrel freight is ours!! 40k signed", "en"),
        ("ponte alta is ours, after the discount", "en"),
        ("a serralheria ponte alta e nossa!!", "pt-BR"),
        ("o acougue boi bravo ta nosso, assinaram hj", "pt-BR"),
    ],
)
def test_an_account_said_to_be_ours_is_won(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "won"
    assert account(parsed) not in (None, "?")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a serralheria ponte alta e nossa cliente desde 2020", "pt-BR"),
        ("kestrel freight is ours since 2019", "en"),
        ("o acougue boi bravo e nosso parceiro", "pt-BR"),
    ],
)
def test_an_account_ours_for_long_is_no_win(text: str, locale: str) -> None:
    assert read(text, locale).intent != "won"

"""Reading a sentence by its evidence against a book of names (issue 14's rules, one each).

Today is Thursday 2026-12-10; the book is a rep's small one, with contacts whose names are also
words of the language ("Dias", "Prado").
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understand import parse
from handlers.understand.mentions import NameIndex
from storage.books import BookName

TODAY = date(2026, 12, 10)
BOOK = NameIndex.of([
    BookName(1, "Academia Corpo em Forma"), BookName(1, "Academia Corpo em Forma", 11,
                                                     "Juliana Reis"),
    BookName(2, "Transportadora Rota Sul"), BookName(2, "Transportadora Rota Sul", 12,
                                                     "Marcelo Dias"),
    BookName(3, "Construtora Alicerce"), BookName(3, "Construtora Alicerce", 13, "Renata Prado"),
    BookName(4, "Quantum Retail"), BookName(5, "Clínica Sorriso Pleno"),
    BookName(6, "Supermercado Bom Preço"), BookName(6, "Supermercado Bom Preço", 14,
                                                    "Gilberto Nunes"),
])


def read(text: str, locale: str = "pt-BR"):
    return parse(text, TODAY, month_first=locale == "en", mentions=BOOK.mentions(text))


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


@pytest.mark.parametrize("text", [
    "telefone da juliana academia", "tel da juliana", "email do marcelo rota sul",
    "contato do marcelo rota sul", "qual o email da renata?", "number for marcelo at rota sul",
])
def test_phone_or_email_of_someone_is_a_lookup_not_a_log(text):
    parsed = read(text)
    assert parsed.intent == "contact_lookup", parsed


@pytest.mark.parametrize("text, intent", [
    ("o email da clinica voltou", "cadence_action"),  # a word of ours after it: a sentence
    ("email p gilberto com nf", "log"),  # an e-mail *to* someone was sent
])
def test_a_sentence_that_starts_with_email_is_not_always_a_lookup(text, intent):
    assert read(text).intent == intent


def test_a_persons_name_is_never_corrected_into_a_word():
    # "marcelo" is one letter from "martelo" ("bateu o martelo" is a won deal)
    parsed = read("contato do marcelo rota sul")
    assert parsed.intent == "contact_lookup"
    assert account(parsed) == "Transportadora Rota Sul"


@pytest.mark.parametrize("text", ["quem ta parado ha mais de 30 dias",
                                  "tem algo parado q eu deveria olhar?"])
def test_a_contacts_surname_alone_is_not_read_from_an_ordinary_word(text):
    parsed = read(text)
    assert parsed.mention is None  # "30 dias" is a count of days, "parado" is not Prado
    assert parsed.intent == "stalled"


def test_the_word_cadence_is_not_corrected_away():
    assert read("remove quantum from the cadence", "en").intent == "unenroll"

"""Round thirty-four of understanding: kinds of miss in questions and lists that recur across
writers (a list asked in other words, the team's forecast asked with "team", one's own sales
asked in shorthand), in other words (shorthand, typos, no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Branca"),
        BookName(2, "Ironbark Supply"),
        BookName(3, "Colégio Aurora"),
        BookName(4, "Lakeshore Dental"),
    ]
)

read = reader(BOOK)


# -- a list asked in other words: "the won list", "ganhos meus", "perdas por X", "minhas
# empresas", "minha carteira" (dev25, dev27, dev29, dev30) --


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("Rita aqui - me manda a lista de ganhos do trimestre", "pt-BR", "won_list"),
        ("can you pull up the won list for november", "en", "won_list"),
        ("ganhos meus desse mes", "pt-BR", "won_list"),
        ("whats on the lost list this quarter", "en", "lost_list"),
        ("mostra as perdas por concorrente esse ano", "pt-BR", "lost_list"),
        ("o que a Bruna perdeu no mes passado", "pt-BR", "lost_list"),
        ("me lista minhas empresas", "pt-BR", "list_accounts"),
        ("mostra a minha carteira ai", "pt-BR", "list_accounts"),
    ],
)
def test_a_list_asked_in_other_words_is_that_list(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent

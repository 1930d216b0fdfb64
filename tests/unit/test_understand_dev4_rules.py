"""Rules of the sixth understanding round, each checked on sentences written for it here (none
from any corpus), against a small book of names that appear nowhere else.

Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding import parse
from handlers.understanding.dates import Period
from handlers.understanding.mentions import NameIndex
from storage.books import BookName

TODAY = date(2026, 12, 10)
BOOK = NameIndex.of(
    [
        BookName(1, "Serralheria Ponte Alta"),
        BookName(1, "Serralheria Ponte Alta", 11, "Osmar Teixeira"),
        BookName(2, "Pousada Recanto das Aves"),
        BookName(3, "Fairbanks Marine"),
        BookName(3, "Fairbanks Marine", 13, "Trevor Hale"),
        BookName(4, "Colégio Novo Saber"),
        BookName(5, "Gelateria Dolce Vita"),
    ]
)


def read(text: str, locale: str = "pt-BR"):
    return parse(text, TODAY, month_first=locale == "en", mentions=BOOK.mentions(text))


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


THIS_WEEK = Period(date(2026, 12, 7), date(2026, 12, 13))


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("como ta minha semana?", "pt-BR"),
        ("o que falta no resto da semana", "pt-BR"),
        ("how's my week looking", "en"),
        ("anything left for the rest of the week?", "en"),
    ],
)
def test_my_week_is_this_week_asked_as_an_agenda(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "agenda"
    assert parsed.period == THIS_WEEK

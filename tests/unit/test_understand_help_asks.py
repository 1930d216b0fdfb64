"""A bare ask for help, said to ritmo, is help: a first-time user who types "can you help me?"
must get the list of what ritmo does, not "didn't understand" or an off-topic brush-off (both
happened before this). An ask for help that carries the work ("help me with Tarvos") is that
work, not the menu.

Today is Thursday 2026-12-10; the book is a small one of names found nowhere else.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of([BookName(1, "Olvera Têxtil"), BookName(2, "Cervejaria Pampa Alta")])
read = reader(BOOK)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("can you help me?", "en"),
        ("hey could u help me out", "en"),
        ("would you please help me", "en"),
        ("you can help me?", "en"),
        ("vc consegue me ajudar?", "pt-BR"),
        ("oi, pode me ajudar aqui", "pt-BR"),
        ("me ajuda ai por favor", "pt-BR"),
        ("voce poderia me ajudar com uma coisa", "pt-BR"),
    ],
)
def test_a_bare_ask_for_help_is_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("can you help me log a call with olvera", "en"),
        ("me ajuda a lembrar de ligar pra pampa alta amanha", "pt-BR"),
    ],
)
def test_an_ask_for_help_with_the_work_is_the_work(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent != "help"
    assert account(parsed) is not None


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me ajuda a lembrar de ligar pra pampa alta amanha", "pt-BR"),
        ("help me remember to email olvera on monday", "en"),
    ],
)
def test_help_to_remember_is_a_task_not_a_log(text: str, locale: str) -> None:
    """Nothing was done yet: a log here would record a call that never happened."""
    parsed = read(text, locale)
    assert parsed.intent == "task"
    assert account(parsed) is not None

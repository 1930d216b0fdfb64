"""Round thirty-four of understanding: kinds of miss in questions and lists that recur across
writers (a list asked in other words, the team's forecast asked with "team", one's own sales
asked in shorthand), in other words (shorthand, typos, no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Branca"),
        BookName(2, "Ironbark Supply"),
        BookName(3, "Colégio Aurora"),
        BookName(4, "Lakeshore Dental"),
        BookName(5, "Incorporadora Céu Aberto"),
        BookName(6, "Pousada Lua Cheia"),
        BookName(7, "Sunset Roofing"),
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


# -- the team's forecast asked with "team" is the forecast, not the team's sales (dev17, dev29) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what's my team gonna land this quarter", "en"),
        ("team forecast for january vs quota?", "en"),
        ("quanto o time vai fechar em dezembro", "pt-BR"),
        ("previsao do time pro mes contra a meta?", "pt-BR"),
    ],
)
def test_the_teams_forecast_is_the_forecast(text: str, locale: str) -> None:
    assert read(text, locale).intent == "forecast"


# -- one's own sales asked in shorthand or by the distance to one's number (dev27, dev30) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("qnt eu ja vendi no mes", "pt-BR"),
        ("qto eu vendi ate agora", "pt-BR"),
        ("how close am i to quota rn", "en"),
        ("how far am i from my number this qtr", "en"),
    ],
)
def test_ones_own_sales_in_shorthand_are_my_sales(text: str, locale: str) -> None:
    assert read(text, locale).intent == "my_sales"


# -- the team asked of in other words: its month, who has logged nothing (dev19, dev27,
# dev30) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("e o pessoal, como ta a semana de todo mundo?", "pt-BR"),
        ("a turma, como anda o mes da galera", "pt-BR"),
        ("quem ainda nao lancou nada esse mes?", "pt-BR"),
        ("who hasnt logged anything this week?", "en"),
        ("who still hasn't updated their deals", "en"),
    ],
)
def test_the_team_asked_in_other_words_is_the_team(text: str, locale: str) -> None:
    assert read(text, locale).intent == "team"


# -- a name's words typed as a view admired are scenery, not the account (dev8, dev29) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a lua cheia ta linda demais hoje", "pt-BR"),
        ("o ceu aberto la da serra ta maravilhoso", "pt-BR"),
        ("sunset looks amazing from the office", "en"),
        ("the sunset over the bay is gorgeous tonight", "en"),
    ],
)
def test_a_view_admired_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_a_visit_told_with_a_view_admired_is_still_the_visit() -> None:
    parsed = read("visitei a lua cheia hoje, a pousada ta linda")
    assert (parsed.intent, account(parsed)) == ("log", "Pousada Lua Cheia")


# -- a thanks in shorthand, with what it was for, and a wish for the day ahead are chatter
# (dev27, dev29) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("obg pela ajuda", "pt-BR"),
        ("obgda pela forca, mto bom", "pt-BR"),
        ("thx for the help!", "en"),
        ("happy friday eve", "en"),
        ("happy almost weekend folks", "en"),
    ],
)
def test_thanks_and_wishes_in_other_words_are_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_ones_own_lost_things_listed_stay_off_topic() -> None:
    assert read("lista minhas chaves perdidas kkk").intent == "out_of_domain"

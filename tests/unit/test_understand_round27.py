"""Round twenty-seven of understanding: the kinds of miss that recur across writers (each
seen in two or more development parts), in questions, chatter and asks.

Each group is one kind, in other words than any corpus's (another rep typing the same
thing: shorthand, no accents), against a small book of names that appears nowhere else.
Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Quillon Metais"),
        BookName(1, "Quillon Metais", deal_id=71, deal_title="Chapas"),
        BookName(1, "Quillon Metais", contact_id=61, contact_name="Irene Bastos"),
        BookName(2, "Wexford Freight"),
        BookName(2, "Wexford Freight", deal_id=72, deal_title="Route optimizer"),
    ]
)

read = reader(BOOK)


# -- ritmo asked about its own person: what it is, who made it, whether it sleeps -----------
# (six parts: every writer labels it off-topic; a question about what ritmo does stays help)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("r u gpt or something?", "en"),
        ("who programmed you anyway", "en"),
        ("does ritmo ever sleep?", "en"),
        ("quem fez vc?", "pt-BR"),
        ("vc eh o chatgpt?", "pt-BR"),
        ("ritmo vc tem namorada?", "pt-BR"),
        # found by the fresh batch ("are you an AI?" read as help in English)
        ("wait r u an ai??", "en"),
        ("vc e uma ia ou gente", "pt-BR"),
    ],
)
def test_ritmo_asked_about_its_own_person_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [("what can you do?", "en"), ("o que vc sabe fazer", "pt-BR")],
)
def test_what_ritmo_does_is_still_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


# -- a pointer at something said before, with nothing in it: asked back, never written -----
# (three parts: dev10, dev12, dev21)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("that thing from this morning", "en"),
        ("about the call from yesterday", "en"),
        ("faz aquilo que eu te pedi", "pt-BR"),
        ("aquilo q te mandei de manha, viu?", "pt-BR"),
        ("sobre a visita de ontem", "pt-BR"),
    ],
)
def test_a_pointer_at_earlier_talk_is_asked_back(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "unclear"


# -- ritmo called by its name and nothing else: asked what is wanted (dev18, dev22) --------


@pytest.mark.parametrize(("text", "locale"), [("ritmo??", "pt-BR"), ("Ritmo!", "en")])
def test_ritmo_called_by_name_alone_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


# -- something put off with nothing named: asked what (dev7, dev21) -------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("depois eu vejo isso", "pt-BR"),
        ("semana q vem a gente resolve isso", "pt-BR"),
        ("i'll deal with it later", "en"),
        ("will look at this after the holidays", "en"),
    ],
)
def test_something_put_off_with_nothing_named_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


# -- a mood about a day of the week: chatter (dev25, dev26) ---------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("odeio sexta feira", "pt-BR"),
        ("odeio as segundas", "pt-BR"),
        ("hate tuesdays", "en"),
        ("ugh wednesdays", "en"),
    ],
)
def test_a_mood_about_a_weekday_is_chatter(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "out_of_domain"
    assert parsed.intent not in ACTS


# -- a seller of the team named and how they do this month: asked of the team (dev21, dev23)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a juliana ta como esse mes?", "pt-BR"),
        ("e o rafael ta como na semana?", "pt-BR"),
        ("sarah's numbers for the quarter?", "en"),
        ("julianas numbers this month", "en"),
    ],
)
def test_a_seller_named_with_the_month_is_asked_of_the_team(text: str, locale: str) -> None:
    # the seller's name is no account: the reading asks how that person does ("status" with
    # no account, which the handler answers from the team), never chatter
    parsed = read(text, locale)
    assert parsed.intent in ("team", "status")
    assert account(parsed) is None


# -- what the asker should be doing on an account, or still owes it: its next step ---------
# (dev15, dev17)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what should i be working on for wexford", "en"),
        ("what do i still owe quillon?", "en"),
        ("remind me what i owe wexford freight", "en"),
        ("o que eu devo pra quillon ainda?", "pt-BR"),
        ("o que eu deveria estar fazendo na wexford", "pt-BR"),
    ],
)
def test_what_the_asker_owes_an_account_is_its_next_step(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "next_step"
    assert account(parsed) in ("Wexford Freight", "Quillon Metais")


# -- a goal of the body or of the day's own chores: chatter, never the sales numbers -------
# (dev9, dev14, dev18); a goal of the day that sells stays the work's


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("qual minha meta de passos por dia?", "pt-BR"),
        ("finally hit my goal at the gym lol", "en"),
        ("meta do dia beber mais agua", "pt-BR"),
        ("whats a good target weight for me", "en"),
        ("bati minha meta na academia hj", "pt-BR"),
        ("meta de hoje: comer salada", "pt-BR"),
    ],
)
def test_a_goal_of_the_body_or_the_day_is_chatter(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [("meta de hoje ligar pra 20 clientes", "pt-BR"), ("qual minha meta do mes", "pt-BR")],
)
def test_a_goal_of_the_day_that_sells_stays_work(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ("out_of_domain", "unclear")


def test_a_seller_named_by_the_possessive_is_the_name_asked() -> None:
    # "sarah's numbers": the handler looks the seller up by the name read, "sarah", not by
    # "sarah's numbers"
    assert read("sarah's numbers for the quarter?", "en").name == "sarah"

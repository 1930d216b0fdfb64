"""Round twenty-five of understanding: English as a team of many countries writes it (dev26's
kinds of miss) -- the trade's jargon as vocabulary, texting shorthand, run-ons.

Each group is a kind of miss met there, in other words (another rep typing the same thing:
shorthand, no accents), against a small book of names that appears nowhere else. Today is
Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Tamarind Logistics"),
        BookName(1, "Tamarind Logistics", deal_id=81, deal_title="Fleet tracking"),
        BookName(2, "Corvo Papelaria"),
        BookName(2, "Corvo Papelaria", deal_id=82, deal_title="Cadernos"),
        BookName(3, "Pelican Dental"),
        BookName(3, "Pelican Dental", contact_id=91, contact_name="Nadia Okafor"),
    ]
)

read = reader(BOOK)


# -- the trade's words for a deal gone silent: dark, ghosting, sitting without a move --------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("any deals that went dark on me?", "en"),
        ("which accounts have been ghosting us", "en"),
        ("show me stuff sitting w/o any movement", "en"),
        ("what's been sitting there for weeks", "en"),
        ("quais negocios sumiram do mapa", "pt-BR"),
    ],
)
def test_a_deal_gone_silent_in_jargon_is_stalled(text: str, locale: str) -> None:
    assert read(text, locale).intent == "stalled"


# -- upside and what lands: the forecast and the month's closings in the trade's words -------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("how much upside do we have this quarter", "en", "forecast"),
        ("whats the upside looking like for jan", "en", "forecast"),
        ("what's landing this month", "en", "closing"),
        ("anything landing before xmas?", "en", "closing"),
        ("what deals are landing in january", "en", "closing"),
    ],
)
def test_upside_and_landing_are_forecast_and_closing(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


# -- an account pulled up or its lowdown asked: how it stands ---------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("pull up tamarind pls", "en"),
        ("could u pull up pelican dental for me", "en"),
        ("whats the lowdown on corvo", "en"),
        ("gimme the scoop on tamarind", "en"),
        ("me da o raio x da corvo", "pt-BR"),
    ],
)
def test_an_account_pulled_up_is_its_status(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "status"
    assert account(parsed) is not None


# -- reps slacking on their follow-ups: the late steps ----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("who's been slacking on their follow-ups", "en"),
        ("anyone dropping follow ups this week?", "en"),
        ("quem ta enrolando nos follow ups", "pt-BR"),
    ],
)
def test_slacking_on_follow_ups_is_overdue(text: str, locale: str) -> None:
    assert read(text, locale).intent == "overdue"


# -- "closed won" with a period and no account is the list of wins ----------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("closed won this quarter", "en"),
        ("closed-won deals last week?", "en"),
        ("fechados ganhos no mes passado", "pt-BR"),
    ],
)
def test_closed_won_over_a_period_is_the_list(text: str, locale: str) -> None:
    assert read(text, locale).intent == "won_list"


# -- a new deal told with "log": the deal is created, not an activity logged -------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("log a new opp for Tamarind Logistics, 45k", "en"),
        ("log new deal w/ corvo 12k", "en"),
        ("log a new deal for Corvo Papelaria 9k", "en"),
        ("registra um negocio novo na corvo de 20 mil", "pt-BR"),
    ],
)
def test_a_new_deal_logged_is_created(text: str, locale: str) -> None:
    assert read(text, locale).intent == "create_deal"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("add contato na pelican: Joana Reis, financeiro", "en"),
        ("add contato pro corvo - Rui Prado, compras", "pt-BR"),
    ],
)
def test_a_contact_added_in_mixed_words_is_created(text: str, locale: str) -> None:
    assert read(text, locale).intent == "create_contact"


# -- sales words said of one's own life: never the book's data ---------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("commit to the gym in january, that's my forecast 💪", "en"),
        ("my forecast for 2027: less coffee more sleep", "en"),
        ("run a marathon next year, that is my goal", "en"),
        ("ler mais livros em janeiro, essa e minha meta", "pt-BR"),
        ("how do i make pao de queijo", "en"),
        ("how do I make caipirinha", "en"),
        ("como eu faco pudim", "pt-BR"),
        ("best pizza place near the office?", "en"),
        ("best pastelaria near faria lima?", "en"),
        ("any decent izakaya around here?", "en"),
        ("como faz brigadeiro de panela", "pt-BR"),
    ],
)
def test_sales_words_about_ones_life_are_chatter(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent not in ACTS
    assert parsed.intent == "out_of_domain"


# -- a number mended in the same breath: the last one said --------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "amount"),
    [
        ("tamarind is 80k... no wait 85k", "en", 85000),
        ("corvo ta 30 mil, nao pera, 35 mil", "pt-BR", 35000),
        ("pelican deal is 60k, sorry, 66k", "en", 66000),
    ],
)
def test_a_number_mended_is_the_last(text: str, locale: str, amount: int) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None
    assert parsed.amount.value == amount


# -- the signing denied: the talk is logged, no deal is won ------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("talked to corvo, they havent signed", "en"),
        ("long call w pelican, keen but nothing signed before the 18th", "en"),
        ("met tamarind, nobody has signed anything", "en"),
        ("falei com a corvo, ninguem assinou nada", "pt-BR"),
    ],
)
def test_a_signing_denied_is_a_log(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert account(parsed) is not None


# -- a client's person away, said in shorthand: a note on the account, no deal lost -----------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("quick note on corvo: rui is out til feb, finance will handle it", "en"),
        ("pelican: nadia out thru xmas, sent the deck anyway", "en"),
        ("tamarind: their buyer is out thru next week, left a vm", "en"),
        ("nota na corvo: o rui ta fora ate fevereiro, o financeiro cuida", "pt-BR"),
    ],
)
def test_a_clients_person_away_is_a_note(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert account(parsed) is not None


# -- two accounts joined by a texted "n": which one is asked, never the first guessed ---------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("emailed corvo n tamarind the new deck", "en"),
        ("called pelican nd corvo this am", "en"),
        ("mandei proposta pra corvo n pelican", "pt-BR"),
    ],
)
def test_two_accounts_joined_by_a_texted_and_are_asked(text: str, locale: str) -> None:
    assert account(read(text, locale)) == "?"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("how do i make a cadence", "en"),
        ("how do i export", "en"),
        ("how do i make a report", "en"),
    ],
)
def test_how_to_of_ritmos_things_is_still_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


# -- a person's detail at a company, held in the book or not: looked up, never chatter -------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("marta's email at vento azul", "en"),
        ("jims number at globex pls", "en"),
        ("rui's cell at corvo", "en"),
        ("email do marcelo da rota sul", "pt-BR"),
        ("telefone do rui da corvo", "pt-BR"),
    ],
)
def test_a_persons_detail_at_a_company_is_looked_up(text: str, locale: str) -> None:
    assert read(text, locale).intent == "contact_lookup"


# -- a follow-up opened with fillers: still a few words asked back ------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("ta mas e a data?", "pt-BR"),
        ("ok mas e o prazo?", "pt-BR"),
        ("ok but the date?", "en"),
        ("hey so about that thing", "en"),
        ("ok but what about that one", "en"),
    ],
)
def test_a_follow_up_opened_with_fillers_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


# -- whether to give an account up, asked: a judgement asked back, no data, no write ----------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("should I drop corvo?", "en"),
        ("should we walk away from tamarind?", "en"),
        ("honestly should i just give up on pelican", "en"),
        ("devo largar a corvo?", "pt-BR"),
        ("sera que devemos desistir da tamarind", "pt-BR"),
    ],
)
def test_whether_to_give_up_an_account_is_asked_back(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "unclear"
    assert account(parsed) is not None

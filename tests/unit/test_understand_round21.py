"""Round twenty-one of understanding: Portuguese from the field, regional slang, long
dictated run-ons, managers asking about the team (dev21's kinds of miss).

Each group is a kind of miss met there, in other words (another rep typing the same thing:
no accents, texting shorthand, English too), against a small book of names that appears
nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Quillon Logistics"),
        BookName(1, "Quillon Logistics", 11, "Rory Blake"),
        BookName(1, "Quillon Logistics", deal_id=41, deal_title="Yard scanners"),
        BookName(2, "Marmoraria Pedra Bela"),
        BookName(2, "Marmoraria Pedra Bela", 12, "Osvaldo Teixeira"),
        BookName(2, "Marmoraria Pedra Bela", deal_id=42, deal_title="Cortadora"),
        BookName(3, "Vexley Analytics"),
        BookName(3, "Vexley Analytics", 13, "Dana Whit"),
    ]
)


read = reader(BOOK)


# -- the asker's own life in work's words: a step goal on the watch, the office's appliances ------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("bati 12 mil passos hoje no smartwatch", "pt-BR"),
        ("fechei a meta de passos do dia finalmente", "pt-BR"),
        ("hit 8k steps before lunch, new record", "en"),
        ("crushed my step goal today 💪", "en"),
        ("a maquina de cafe do escritorio parou de novo", "pt-BR"),
        ("the office coffee machine is broken again", "en"),
        ("o microondas da copa ta quebrado", "pt-BR"),
    ],
)
def test_the_askers_own_life_is_not_answered_with_data(text, locale):
    assert read(text, locale).intent not in ACTS


# -- a company the book does not hold, named with the kind word of one it does -----------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("talked to mike from bluegate logistics today", "en"),
        ("call with sam at ridgeway analytics, they want a demo", "en"),
        ("met tom of copper hill logistics this morning", "en"),
        ("liguei pro jose da orion analytics hoje", "pt-BR"),
    ],
)
def test_a_new_company_of_a_held_kind_is_not_the_held_one(text, locale):
    assert account(read(text, locale)) not in ("Quillon Logistics", "Vexley Analytics")


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("talked to rory at quillon logistics", "en", "Quillon Logistics"),
        ("call with the logistics guys, rory wants a demo", "en", "Quillon Logistics"),
        ("vexley analytics wants a demo", "en", "Vexley Analytics"),
    ],
)
def test_the_held_company_is_still_read(text, locale, name):
    assert account(read(text, locale)) == name


# -- "fechado"/"fechada" said of something else in a run-on: a note of the talk, not a win --------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        (
            "liguei pro osvaldo da pedra bela ele disse que a loja ta fechada pra balanco e que"
            " e pra eu ligar de novo dia 16",
            "pt-BR",
        ),
        (
            "sai agora da marmoraria pedra bela o osvaldo quer o orcamento fechado com frete"
            " pra dia 18",
            "pt-BR",
        ),
        ("called rory at quillon, the warehouse is closed till monday, try again then", "en"),
    ],
)
def test_closed_said_of_something_else_is_a_note(text, locale):
    assert read(text, locale).intent == "log"


# -- a manager asking how the team is doing, in slang ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("como tao os vendedores essa semana, alguem precisando de uma mao?", "pt-BR"),
        ("quem ta mandando melhor na equipe", "pt-BR"),
        ("qm ta vendendo mais no time esse mes", "pt-BR"),
        ("who's doing best on the team this month", "en"),
        ("how are the reps doing this week, anyone need help?", "en"),
    ],
)
def test_a_manager_asking_about_the_team_gets_the_team(text, locale):
    assert read(text, locale).intent == "team"


# -- the trade's slang for an outcome, a forecast, a phone -----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("vexley is dead, they went with a competitor", "en", "lost"),
        ("quillon deal is dead in the water", "en", "lost"),
        ("a pedra bela morreu, sem verba", "pt-BR", "lost"),
        ("how much do we land this quarter", "en", "forecast"),
        ("what are we gonna land by march", "en", "forecast"),
        ("got rory's cell?", "en", "contact_lookup"),
        ("whats dana's cell number", "en", "contact_lookup"),
    ],
)
def test_the_trades_slang_reads_its_intent(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("chega de cadencia pra pedra bela, tira ela", "pt-BR"),
        ("chega de sequencia pra vexley", "pt-BR"),
        ("enough of the sequence for vexley, take them off", "en"),
    ],
)
def test_enough_of_a_cadence_takes_the_account_out(text, locale):
    assert read(text, locale).intent == "unenroll"


# -- the morning report asked for by what it is, a deal's summary asked by the deal ---------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("cade o relatorio da manha? nao chegou", "pt-BR"),
        ("nao recebi o relatorio diario hoje", "pt-BR"),
        ("o resumo da manha nao veio", "pt-BR"),
        ("wheres my morning report", "en"),
        ("didnt get the daily report today", "en"),
    ],
)
def test_the_morning_report_asked_for_is_the_digest(text, locale):
    assert read(text, locale).intent == "digest"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("resumo do negocio da pedra bela", "pt-BR"),
        ("resumo da oportunidade da cortadora", "pt-BR"),
        ("resumo do deal da vexley", "pt-BR"),
    ],
)
def test_a_deals_summary_asked_is_its_status(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "status"
    assert account(parsed) is not None


# -- texting shorthand for "o que", an account opened with an indefinite --------------------------


@pytest.mark.parametrize(
    "text", ["q q eu faço com o osvaldo agora", "que que eu faco com a vexley"]
)
def test_what_to_do_with_someone_in_shorthand_is_the_next_step(text):
    parsed = read(text)
    assert parsed.intent == "next_step"
    assert account(parsed) is not None


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("abre uma conta nova Hospital Santa Clara pro pedro", "pt-BR"),
        ("abre uma nova conta Padaria Estrela", "pt-BR"),
        ("open a new account for Birchwood Dental", "en"),
    ],
)
def test_an_account_opened_is_created(text, locale):
    assert read(text, locale).intent == "create_account"


@pytest.mark.parametrize(
    "text",
    ["who's selling the most this month", "who is doing worst"],
)
def test_who_leads_the_team_is_the_team(text):
    assert read(text, "en").intent == "team"

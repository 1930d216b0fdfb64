"""Round sixteen of understanding: one week of a team's traffic (dev16's kinds of miss).

Each group is a kind of miss met there, in other words (as another rep would say the same
thing, pt-BR and English, typos and no accents), against a small book of names that appears
nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Fina"),
        BookName(1, "Marmoraria Pedra Fina", 11, "Osvaldo Bezerra"),
        BookName(1, "Marmoraria Pedra Fina", deal_id=21, deal_title="Bancadas 2027"),
        BookName(2, "Halcyon Freight"),
        BookName(2, "Halcyon Freight", 12, "Moira Quinlan"),
        BookName(2, "Halcyon Freight", deal_id=22, deal_title="Route planner"),
        BookName(3, "Colchoes Sono Leve"),
        BookName(3, "Colchoes Sono Leve", 13, "Dalva Teixeira"),
        BookName(4, "Tidewater Optics"),
        BookName(4, "Tidewater Optics", 14, "Gus Farrow"),
    ]
)


read = reader(BOOK)


# -- a meeting or call booked ahead, said by its noun and its day: a to-do, nothing told ------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("terca 15 visita na marmoraria pedra fina 10h", "pt-BR", "2026-12-15"),
        (
            "segunda q vem as 14h reuniao c a dalva sono leve sobre o contrato",
            "pt-BR",
            "2026-12-14",
        ),
        ("amanha cedo ligacao com o osvaldo da pedra fina", "pt-BR", "2026-12-11"),
        ("demo w/ moira at halcyon fri 2pm re the route planner", "en", "2026-12-11"),
        ("next tue 9am call with gus farrow tidewater", "en", "2026-12-15"),
    ],
)
def test_a_meeting_booked_ahead_is_a_task_on_its_day(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "task"
    assert str(parsed.date) == day


# -- a greeting or a cheer to the team, with its trailing words: chatter, not a request ------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("boa tarde galera", "pt-BR"),
        ("bom dia pessoal ☀️", "pt-BR"),
        ("ate amanha time, bom descanso", "pt-BR"),
        ("parabens a todos!!", "pt-BR"),
        ("nice work team!", "en"),
        ("see ya tomorrow guys", "en"),
        ("happy monday all 🎉", "en"),
    ],
)
def test_a_greeting_to_the_team_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


# -- when a named deal closes, asked (also without a question mark): how it stands ------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("qnd fecha a pedra fina", "pt-BR", "Marmoraria Pedra Fina"),
        ("a sono leve fecha esse mes mesmo?", "pt-BR", "Colchoes Sono Leve"),
        ("o negocio da pedra fina fecha dia 22 ainda ne", "pt-BR", "Marmoraria Pedra Fina"),
        ("when does halcyon close", "en", "Halcyon Freight"),
        ("tidewater still closing this month right?", "en", "Tidewater Optics"),
    ],
)
def test_when_a_named_deal_closes_asked_is_its_status(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("status", name)


# -- how to do something in ritmo, asked: help, not the thing done ---------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("como faz pra tirar uma conta da cadencia?", "pt-BR"),
        ("como eu faço pra pausar uma cadencia", "pt-BR"),
        ("how do i remove someone from a sequence?", "en"),
        ("quick q how do you snooze a cadence", "en"),
    ],
)
def test_how_to_do_a_thing_is_help(text, locale):
    assert read(text, locale).intent == "help"


# -- a deal won or lost, said as the team's news with a name ---------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent", "name"),
    [
        ("a sono leve mandou o contrato assinado!!", "pt-BR", "won", "Colchoes Sono Leve"),
        ("a dalva topou os 30 mil!! fechado sono leve", "pt-BR", "won", "Colchoes Sono Leve"),
        ("halcyon sent back the signed order!", "en", "won", "Halcyon Freight"),
        (
            "a gente perdeu a pedra fina, foram com outro fornecedor",
            "pt-BR",
            "lost",
            "Marmoraria Pedra Fina",
        ),
        ("we lost tidewater, gus says no budget next year", "en", "lost", "Tidewater Optics"),
    ],
)
def test_a_deal_won_or_lost_told_as_news(text, locale, intent, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == (intent, name)


# -- an absence with its reason and its days -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("semana q vem to num curso qua e qui, fora do campo", "pt-BR"),
        ("estou em treinamento amanha o dia todo", "pt-BR"),
        ("vou no medico segunda de manha, volto a tarde", "pt-BR"),
        ("at a workshop mon and tue next week, off the field", "en"),
        ("dentist fri morning, back after lunch", "en"),
    ],
)
def test_an_absence_with_its_reason_is_away(text, locale):
    assert read(text, locale).intent == "away"


@pytest.mark.parametrize(
    ("text", "locale", "dates"),
    [
        ("vou no medico segunda de manha, volto a tarde", "pt-BR", "2026-12-14..2026-12-14"),
        ("dentist fri morning, back after lunch", "en", "2026-12-11..2026-12-11"),
        ("at a workshop mon and tue next week, off the field", "en", "2026-12-14..2026-12-15"),
    ],
)
def test_an_absence_back_later_that_day_is_that_day(text, locale, dates):
    parsed = read(text, locale)
    assert parsed.period is not None
    assert f"{parsed.period.start}..{parsed.period.end}" == dates


# -- a deal's close date moved, asked or told in other verbs ----------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("atualiza a data da pedra fina pra 15 de fevereiro", "pt-BR", "2027-02-15"),
        ("atualiza a data de fechamento da sono leve pra 20/01", "pt-BR", "2027-01-20"),
        ("tidewater pushed their signature to the 30th", "en", "2026-12-30"),
        ("update the close date for halcyon to jan 20", "en", "2027-01-20"),
    ],
)
def test_a_close_date_moved_is_a_deal_update(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert str(parsed.date) == day


# -- a summary or a commit with a word between: the digest and the forecast -------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("me manda o resumo semanal", "pt-BR", "digest"),
        ("send me the whole weekly recap", "en", "digest"),
        ("qual o commit pra esse trimestre", "pt-BR", "forecast"),
        ("what's the commit for next quarter", "en", "forecast"),
    ],
)
def test_a_summary_or_commit_with_a_word_between(text, locale, intent):
    assert read(text, locale).intent == intent


# -- ritmo itself asked about: what it is, or whether it is some other assistant: help -------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # (round 27: "vc é o chatgpt?", "voce e uma ia ou uma pessoa?" and "are you chatgpt?"
        # moved to off-topic, as six corpus parts label them; see test_understand_round27)
        ("o que é o ritmo?", "pt-BR"),
        ("what is ritmo exactly", "en"),
    ],
)
def test_ritmo_itself_asked_about_is_help(text, locale):
    assert read(text, locale).intent == "help"


# -- a cheer to the team to get on with it: chatter; a look asked for stays the request ------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("bora time, hj a gente bate a meta", "pt-BR", "out_of_domain"),
        ("lets push those q4 deals over the line folks", "en", "out_of_domain"),
        ("vamos ver o pipeline", "pt-BR", "pipeline"),
        ("let's check the forecast", "en", "forecast"),
        ("qto vamos fechar esse mes", "pt-BR", "forecast"),
    ],
)
def test_a_cheer_to_the_team_is_chatter(text, locale, intent):
    assert read(text, locale).intent == intent

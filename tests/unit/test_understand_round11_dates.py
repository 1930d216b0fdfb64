"""Round eleven of understanding: dates, times and amounts said every way.

Each group is a kind of miss of the dev12 part (when and how much), met here in other words
(as a different person would say the same thing, pt-BR and English, typos and no accents),
against a small book of names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import TODAY, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Branca"),
        BookName(1, "Marmoraria Pedra Branca", 11, "Osvaldo Reis"),
        BookName(2, "Lavanderia Bolha Azul"),
        BookName(2, "Lavanderia Bolha Azul", 12, "Jussara Mendes"),
        BookName(3, "Harborview Marine"),
        BookName(3, "Harborview Marine", 13, "Trevor Banks"),
        BookName(4, "Copperleaf Studios"),
        BookName(4, "Copperleaf Studios", 14, "Megan Doyle"),
    ]
)


read = reader(BOOK)


# -- days named by the calendar's landmarks: a week's or month's end, a fortnight, holidays --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("me lembra de ligar pro osvaldo no fim da semana que vem", "pt-BR", "2026-12-18"),
        ("remind me to ping Trevor end of next week", "en", "2026-12-18"),
        ("cobrar a jussara daqui a uma quinzena", "pt-BR", "2026-12-24"),
        ("remind me to follow up with megan in a fortnight", "en", "2026-12-24"),
        ("me lembra de ligar pro osvaldo na qta q vem", "pt-BR", "2026-12-16"),
        ("lembrete: mandar contrato pra marmoraria antes do natal", "pt-BR", "2026-12-24"),
        ("remind me to call trevor before xmas", "en", "2026-12-24"),
        ("remind me to email megan end of next month", "en", "2027-01-31"),
        ("me lembra de ligar pra jussara no final do mes q vem", "pt-BR", "2027-01-31"),
        ("me lembra de ligar pro osvaldo no 1o dia util do ano", "pt-BR", "2027-01-04"),
        ("remind me first business day of next month to call megan", "en", "2027-01-04"),
    ],
)
def test_a_task_on_a_landmark_of_the_calendar(text, locale, day):
    got = read(text, locale)
    assert got.intent == "task"
    assert got.date == date.fromisoformat(day)


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("visited harborview thursday of last week, trevor liked it", "en", "2026-12-03"),
        ("visitei a marmoraria na segunda da semana passada", "pt-BR", "2026-11-30"),
        ("called megan on tuesday last week, no answer", "en", "2026-12-01"),
        ("fui na lavanderia bolha azul quarta da semana passada", "pt-BR", "2026-12-02"),
    ],
)
def test_a_weekday_of_last_week_is_that_day(text, locale, day):
    got = read(text, locale)
    assert got.intent == "log"
    assert got.date == date.fromisoformat(day)


# -- a day said bare in a log, after what was done and with nothing ahead: when it happened --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("registrar: ligacao pra jussara quarta, ela tava em reuniao", "pt-BR", "2026-12-09"),
        ("harborview visit w trevor on monday, went fine", "en", "2026-12-07"),
        ("emailed megan the deck on tue", "en", "2026-12-08"),
        ("copperleaf call on 12/7: megan wants the annual plan", "en", "2026-12-07"),
        ("marmoraria, visita c o osvaldo na segunda, gostou do catalogo", "pt-BR", "2026-12-07"),
        ("harborview call w trevor on tuesday, legal review done", "en", "2026-12-08"),
    ],
)
def test_a_bare_day_after_what_was_done_is_when_it_happened(text, locale, day):
    got = read(text, locale)
    assert got.intent == "log"
    assert got.date == date.fromisoformat(day)
    assert got.follow_up is None


# -- a day ahead after a word of doing it again, or what we do beside what the client does --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        (
            "visitei a marmoraria, osvaldo pediu pra eu passar la depois do almoco de sexta",
            "pt-BR",
            "2026-12-11",
        ),
        ("called trevor at harborview, no answer, try again fri", "en", "2026-12-11"),
        ("harborview: trevor liked the demo. check again wed", "en", "2026-12-16"),
        ("liguei pra jussara, nada ainda, tento dnv na qua", "pt-BR", "2026-12-16"),
        (
            "emailed megan at copperleaf today, she wants the quote for the 18th",
            "en",
            "2026-12-18",
        ),
        ("falei c o osvaldo, ele assina dia 22, ligo dia 21 pra confirmar", "pt-BR", "2026-12-21"),
        (
            "spoke to trevor, harborview signs on the 22nd, i'll call the 21st to confirm",
            "en",
            "2026-12-21",
        ),
    ],
)
def test_a_day_of_ours_to_do_is_the_follow_up(text, locale, day):
    got = read(text, locale)
    assert got.intent == "log"
    assert got.follow_up is not None
    assert got.follow_up.due == date.fromisoformat(day)


# -- "X, não, Y": a "no" set apart by commas takes the value before it back --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("me lembra de ligar pro osvaldo na terca, nao, quarta", "pt-BR", "2026-12-16"),
        ("me cobra de mandar a proposta pra jussara dia 14, nao, dia 15", "pt-BR", "2026-12-15"),
        ("remind me to email megan on the 17th, no, the 18th", "en", "2026-12-18"),
    ],
)
def test_a_no_between_commas_takes_the_day_back(text, locale, day):
    got = read(text, locale)
    assert got.intent == "task"
    assert got.date == date.fromisoformat(day)


def test_a_no_right_before_a_day_still_rules_it_out():
    got = read("me lembra de ligar pro osvaldo quinta nao sexta")
    assert got.date == date(2026, 12, 17)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me lembra de ligar pro osvaldo as 15h", "pt-BR"),
        ("remind me to ping megan at 3pm", "en"),
        ("lembrete: mandar whats pra jussara 16h30", "pt-BR"),
        ("remind me to call trevor at four", "en"),
    ],
)
def test_a_task_with_only_an_hour_is_due_today(text, locale):
    got = read(text, locale)
    assert got.intent == "task"
    assert got.date == TODAY
    assert got.time is not None


# -- an absence said as two days: the first day to the last, whatever joins them --


@pytest.mark.parametrize(
    ("text", "locale", "start", "end"),
    [
        ("fico fora de 21 ate dia 2", "pt-BR", "2026-12-21", "2027-01-02"),
        ("vou tirar folga de 28 ate o dia 1o", "pt-BR", "2026-12-28", "2027-01-01"),
        ("out of office from the 21st thru the 23rd", "en", "2026-12-21", "2026-12-23"),
        ("on leave from the 22nd through new year's day", "en", "2026-12-22", "2027-01-01"),
    ],
)
def test_an_absence_between_two_days(text, locale, start, end):
    got = read(text, locale)
    assert got.intent == "away"
    assert got.period is not None
    assert (got.period.start, got.period.end) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


# -- the client's price against ours: ours, or the one called too dear, is not the amount --


@pytest.mark.parametrize(
    ("text", "locale", "amount"),
    [
        ("liguei pro osvaldo, eles tao firmes no 52, nossa proposta e 58", "pt-BR", 52000),
        (
            "visitei a lavanderia, jussara acha 45 mil caro, o teto dela e quarenta mil",
            "pt-BR",
            40000,
        ),
        ("call w trevor: harborview says 80k is too expensive, their budget is 70k", "en", 70000),
        ("met megan, our quote is 64k, copperleaf countered at 58k", "en", 58000),
        ("falei c a jussara, a gente pediu 30 mil, ela ofereceu 26 mil", "pt-BR", 26000),
    ],
)
def test_the_clients_price_is_the_amount_not_ours(text, locale, amount):
    got = read(text, locale)
    assert got.intent == "log"
    assert got.amount is not None and got.amount.value == amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("marmoraria assinou! fechou em 47,5", 47500),
        ("a lavanderia bolha azul fechou em 33,2 depois de muito chorar", 33200),
    ],
)
def test_a_price_in_thousands_with_its_decimals(text, amount):
    got = read(text)
    assert got.amount is not None and got.amount.value == amount


# -- a day a thing is wanted for, or after which to come back, is ahead --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("demo w megan went great, she wants the contract for the 18th", "en", "2026-12-18"),
        ("visitei a marmoraria, osvaldo quer o orcamento pra dia 17", "pt-BR", "2026-12-17"),
        (
            "liguei pra jussara, ela pediu pra eu voltar depois do almoco de sexta",
            "pt-BR",
            "2026-12-11",
        ),
        ("called trevor, harborview needs the revised quote for monday", "en", "2026-12-14"),
    ],
)
def test_a_day_something_is_wanted_for_is_the_follow_up(text, locale, day):
    got = read(text, locale)
    assert got.intent == "log"
    assert got.follow_up is not None
    assert got.follow_up.due == date.fromisoformat(day)


@pytest.mark.parametrize(
    ("text", "locale", "day", "hour"),
    [
        ("remind me to call megan the 17th 2pm", "en", "2026-12-17", 14),
        ("me lembra de ligar pro osvaldo dia 17 15h", "pt-BR", "2026-12-17", 15),
        ("remind me to email trevor on the 21st 9am", "en", "2026-12-21", 9),
    ],
)
def test_a_day_of_the_month_then_an_hour(text, locale, day, hour):
    got = read(text, locale)
    assert got.intent == "task"
    assert got.date == date.fromisoformat(day)
    assert got.time is not None and got.time.hour == hour

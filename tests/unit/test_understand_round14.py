"""Round fourteen of understanding: English written by people whose first language is not
English (dev14's kinds of miss).

Each group is a kind of miss met here in other words (as another rep would say the same
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
        BookName(1, "Ferreteria Los Andes"),
        BookName(1, "Ferreteria Los Andes", 11, "Matias Quiroga"),
        BookName(1, "Ferreteria Los Andes", deal_id=21, deal_title="Herramientas 2027"),
        BookName(2, "Copperline Tools"),
        BookName(2, "Copperline Tools", 12, "Nora Blake"),
        BookName(2, "Copperline Tools", deal_id=22, deal_title="Drill fleet"),
        BookName(3, "Laticinios Serra Verde"),
        BookName(3, "Laticinios Serra Verde", 13, "Otavio Lins"),
        BookName(4, "Bluefin Marine"),
        BookName(4, "Bluefin Marine", 14, "Hank Porter"),
        BookName(4, "Bluefin Marine", deal_id=24, deal_title="Dock sensors"),
    ]
)


read = reader(BOOK)


# -- Spanish words of the work inside an English (or Spanish) request ------------------------


@pytest.mark.parametrize(
    ("text", "intent", "name"),
    [
        ("manana llamar a Nora de copperline", "task", "Copperline Tools"),
        ("que tengo manana?", "agenda", None),
        ("crear cuenta Panaderia San Telmo", "create_account", None),
        ("nuevo contacto en bluefin: Rita Gomez, compras", "create_contact", "Bluefin Marine"),
        ("que sigue con la bluefin?", "next_step", "Bluefin Marine"),
        ("muchas gracias!!", "out_of_domain", None),
    ],
)
def test_a_spanish_word_of_the_work_is_read_as_its_meaning(text, intent, name):
    parsed = read(text, "en")
    assert (parsed.intent, account(parsed)) == (intent, name)


def test_spanish_days_are_days():
    parsed = read("manana I go to copperline, hoy only an email to Nora", "en")
    assert parsed.intent == "log" and account(parsed) == "Copperline Tools"
    assert parsed.follow_up is not None and str(parsed.follow_up.due) == "2026-12-11"
    assert str(read("que tengo el viernes?", "en").date) == "2026-12-11"


def test_a_spanish_verb_after_a_name_is_no_step():
    assert read("bluefin sigue sin contestar", "en").intent != "next_step"


def test_spanish_small_talk_about_the_weather_stays_off_topic():
    assert read("que frio hoy, 8 grados in BA", "en").intent == "out_of_domain"


# -- a question asked in a statement's order, with no 'do' -----------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "name"),
    [
        ("what I have on friday?", "agenda", None),
        ("how much we sold in november?", "my_sales", None),
        ("how much our team sold this month", "my_sales", None),
        ("what I do next with copperline?", "next_step", "Copperline Tools"),
        ("how I add a new rep in here?", "help", None),
        ("ok so what I have today", "agenda", None),
    ],
)
def test_a_question_without_its_auxiliary_is_still_the_question(text, intent, name):
    parsed = read(text, "en")
    assert (parsed.intent, account(parsed)) == (intent, name)


def test_a_report_that_opens_with_what_is_still_a_report():
    parsed = read("what I did today: visited bluefin, Hank liked the sensors", "en")
    assert (parsed.intent, account(parsed)) == ("log", "Bluefin Marine")


# -- CW / CL: the sales floor's shorthand for a deal won or lost -----------------------------


@pytest.mark.parametrize(
    ("text", "intent", "name"),
    [
        ("CW copperline!! Nora signed", "won", "Copperline Tools"),
        ("bluefin CL, went with a cheaper vendor", "lost", "Bluefin Marine"),
        ("show my CW in november", "won_list", None),
        ("my CL deals this qtr", "lost_list", None),
        ("cl list pls", "lost_list", None),
    ],
)
def test_closed_won_and_lost_shorthand(text, intent, name):
    parsed = read(text, "en")
    assert (parsed.intent, account(parsed)) == (intent, name)

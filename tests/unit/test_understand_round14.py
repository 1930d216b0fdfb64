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


# -- a deal's value said in a second language's order ('X now is 130k', 'value update: …') --


@pytest.mark.parametrize(
    ("text", "locale", "name", "value"),
    [
        ("copperline now is 48k", "en", "Copperline Tools", 48000),
        ("bluefin value update: 61.300", "en", "Bluefin Marine", 61300),
        ("laticinios serra verde price update 22 mil", "pt-BR", "Laticinios Serra Verde", 22000),
        ("ferreteria los andes now is 15 mil", "en", "Ferreteria Los Andes", 15000),
    ],
)
def test_a_deal_s_value_said_in_another_order_is_its_update(text, locale, name, value):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("deal_update", name)
    assert parsed.amount is not None and parsed.amount.value == value


# -- the asker sick is away; someone else sick is not ---------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("im sick, no calls today", "en"),
        ("I am ill today, cancel my visits", "en"),
        ("to doente hj, nao vou sair", "pt-BR"),
        ("estou gripado, fico em casa hoje", "pt-BR"),
    ],
)
def test_the_asker_sick_is_away(text, locale):
    assert read(text, locale).intent == "away"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("my daughter is sick, at the pediatrician", "en", "out_of_domain"),
        ("visited bluefin, Hank was sick so I met his deputy", "en", "log"),
    ],
)
def test_someone_else_sick_is_not_the_asker_away(text, locale, intent):
    assert read(text, locale).intent == intent


# -- deals not moving, said with 'no movement' ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "deals without movement for a month",
        "show me the deals with no movement since november",
        "which opps have zero progress",
    ],
)
def test_deals_without_movement_are_the_stalled_ones(text):
    assert read(text, "en").intent == "stalled"


# -- 'what about X?' with nothing else is asked back, as 'e a X?' is ------------------------


@pytest.mark.parametrize("text", ["what about copperline?", "what about Bluefin??"])
def test_what_about_a_name_alone_is_asked_back(text):
    parsed = read(text, "en")
    assert parsed.intent == "unclear" and account(parsed) is not None


def test_what_about_a_name_with_a_question_is_its_status():
    assert read("what about copperline, any news?", "en").intent == "status"


# -- a supposition or a denial in a second language's words is asked, never written ---------


@pytest.mark.parametrize(
    "text",
    [
        "if bluefin signs next week I close my quota",
        "still did not call copperline, I do it monday",
        "I have not visited the ferreteria yet",
        "we did not send the proposal to bluefin yet",
    ],
)
def test_what_did_not_or_might_happen_is_asked(text):
    assert read(text, "en").intent == "unclear"


def test_a_target_hit_told_plainly_is_still_the_sales():
    assert read("how close am I to my target?", "en").intent in ("my_sales", "forecast")


# -- a Portuguese speaker's verbs and prepositions said in English --------------------------


@pytest.mark.parametrize(
    "text",
    ["register the company Vinicola Sur", "register a customer Tierra Fertil Ltda"],
)
def test_register_a_company_is_to_create_it(text):
    assert read(text, "en").intent == "create_account"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("whats in my plate for tuesday", "2026-12-15"),
        ("anything in my plate for friday?", "2026-12-11"),
    ],
)
def test_in_my_plate_is_the_agenda(text, date):
    parsed = read(text, "en")
    assert parsed.intent == "agenda" and str(parsed.date) == date


def test_a_spanish_new_contact_reads_the_person_after_the_colon():
    from handlers.kernel.records import contact_details

    assert contact_details("nuevo contacto en Bluefin Marine: Lia Moreno, gerente")[0] == (
        "Lia Moreno"
    )
    assert contact_details("nuevo contacto Pablo Ruiz en Copperline")[0] == "Pablo Ruiz"


# -- one word of an interaction, with nothing of whom, is asked about -----------------------


@pytest.mark.parametrize(
    ("text", "locale"), [("email", "en"), ("visitei", "pt-BR"), ("meeting", "en")]
)
def test_a_lone_word_of_an_interaction_is_asked(text, locale):
    assert read(text, locale).intent == "unclear"


def test_a_word_of_an_interaction_with_its_client_is_still_logged():
    assert read("emailed copperline", "en").intent == "log"


# -- a rate of something else today is no agenda --------------------------------------------


@pytest.mark.parametrize("text", ["whats the euro rate today", "what is the interest rate today?"])
def test_a_rate_of_the_world_is_off_topic(text):
    assert read(text, "en").intent == "out_of_domain"


# -- what a person of the book told of another account is news heard at the person's --------

TOLD = NameIndex.of(
    [
        BookName(31, "Marmoraria Pedra Fina"),
        BookName(31, "Marmoraria Pedra Fina", 41, "Severino Dantas"),
        BookName(32, "Oakridge Cabinets"),
        BookName(32, "Oakridge Cabinets", 42, "Gwen Holt"),
        BookName(33, "Casa do Granito"),
        BookName(34, "Pinewood Floors"),
        BookName(35, "Clinica Riso Largo"),
        BookName(36, "Harborview Dental Group"),
    ]
)
read_told = reader(TOLD)


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("liguei pro Severino, ele disse que a casa do granito ta sem estoque", "pt-BR", 31),
        ("talked to Gwen Holt, she mentioned pinewood floors is hiring", "en", 32),
        ("falei c o severino hj, comentou q a casa do granito fechou com outro", "pt-BR", 31),
        ("met Gwen at the expo, she told me pinewood went with a competitor", "en", 32),
    ],
)
def test_an_account_in_what_a_contact_said_does_not_take_the_message(text, locale, name):
    parsed = read_told(text, locale)
    names = {31: "Marmoraria Pedra Fina", 32: "Oakridge Cabinets"}
    assert (parsed.intent, account(parsed)) == ("log", names[name])


def test_the_contact_s_own_outcome_before_the_news_is_still_the_outcome():
    parsed = read_told("falei com o Severino, fechamos! ele disse que a casa do granito quer")
    assert (parsed.intent, account(parsed)) == ("won", "Marmoraria Pedra Fina")


# -- one kind of client said in two words held by two clients is asked which ---------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("how is the dental clinic doing?", "en"),
        ("called the dental clinic, they want a quote", "en"),
        ("a clinica dental ligou", "pt-BR"),
    ],
)
def test_a_kind_said_in_two_words_held_by_two_is_asked_which(text, locale):
    assert account(read_told(text, locale)) == "?"


def test_a_client_named_whole_beside_a_kind_word_is_still_the_client():
    parsed = read_told("visited harborview dental, the clinic was busy", "en")
    assert account(parsed) == "Harborview Dental Group"


# -- a colleague's visit on a weekday, at a client of two words, happened then ---------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("o Bruno visitou a laticinios serra verde na segunda", "pt-BR", "2026-12-07"),
        ("a Paula passou na Ferreteria Los Andes terca", "pt-BR", "2026-12-08"),
        ("Tom visited Copperline Tools on tuesday", "en", "2026-12-08"),
    ],
)
def test_a_visit_told_of_a_colleague_at_a_long_name_keeps_its_weekday(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log" and str(parsed.date) == day
    assert parsed.follow_up is None


# -- what the fresh batch showed: jargon verbs as a to-do, "por todo", "tenho pra segunda" ---


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("touch base with Hank on friday", "2026-12-11"),
        ("reach out to Matias next monday", "2026-12-14"),
        ("circle back w Otavio tmrw", "2026-12-11"),
    ],
)
def test_getting_in_touch_said_first_with_a_day_is_a_task(text, day):
    parsed = read(text, "en")
    assert parsed.intent == "task" and str(parsed.date) == day


def test_todo_after_por_is_everything_not_a_to_do():
    assert read("mil gracias por todo hermano", "en").intent == "out_of_domain"
    assert read("todo: send the dock sensors deck to bluefin", "en").intent == "task"


@pytest.mark.parametrize(
    ("text", "locale"), [("que tenho pra quarta?", "pt-BR"), ("que tengo para el martes?", "en")]
)
def test_what_i_have_for_a_day_is_the_agenda(text, locale):
    assert read(text, locale).intent == "agenda"

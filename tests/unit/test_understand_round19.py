"""Round nineteen of understanding: a week of real use (dev19's kinds of miss).

Each group is a kind of miss met there, in other words (as another user would write the same
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
        BookName(1, "Academia Fisico Total"),
        BookName(1, "Academia Fisico Total", deal_id=31, deal_title="Catracas"),
        BookName(2, "Everest Cloud"),
        BookName(2, "Everest Cloud", deal_id=32, deal_title="Backup plan"),
        BookName(3, "Restaurante Forno Velho"),
        BookName(4, "Padaria Sol de Minas"),
        BookName(4, "Padaria Sol de Minas", deal_id=34, deal_title="Fornos"),
        BookName(5, "Gym Nation Fitness"),
    ]
)


read = reader(BOOK)


# -- a goal of one's own life in the words of a target: off topic, no forecast answered -----


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("minha meta pro ano que vem e aprender a nadar", "pt-BR"),
        ("meu objetivo de 2027 eh viajar pro japao", "pt-BR"),
        ("a meta desse mes e ler tres livros", "pt-BR"),
        ("my target this year is to visit japan", "en"),
        ("my goal for january is to learn guitar", "en"),
    ],
)
def test_a_goal_of_ones_own_life_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("minha meta de vendas do mes e 200 mil", "pt-BR"),
        ("vou bater a meta esse mes?", "pt-BR"),
        ("my target this quarter is 500k", "en"),
        ("am i going to hit my quota this month", "en"),
    ],
)
def test_a_sales_target_is_still_the_forecast(text, locale):
    assert read(text, locale).intent == "forecast"


# -- one's own gym, bakery, restaurant ("minha academia"): the asker's place, not the client -


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("minha academia aumentou a mensalidade, absurdo", "pt-BR"),
        ("minha academia fechou pra reforma essa semana", "pt-BR"),
        ("a padaria da minha rua fechou, q triste", "pt-BR"),
        ("my gym raised the fee again", "en"),
        ("my gym is closed till monday ugh", "en"),
    ],
)
def test_ones_own_everyday_place_is_no_account(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "out_of_domain"
    assert account(parsed) is None


def test_the_clients_place_by_its_name_is_still_logged():
    parsed = read("fui na academia fisico total hoje, a dona gostou da demo")
    assert parsed.intent == "log"
    assert account(parsed) == "Academia Fisico Total"


# -- a season's greeting: off topic, never an agenda ----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("feliz natal pra todo mundo", "pt-BR"),
        ("feliz natal e um otimo ano novo pra vcs", "pt-BR"),
        ("boas festas pessoal!!", "pt-BR"),
        ("merry xmas everyone", "en"),
        ("happy holidays to the whole team", "en"),
    ],
)
def test_a_seasons_greeting_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


# -- a trip told of, a place in it sharing a word with an account: off topic ----------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("the everest base camp trip was amazing", "en"),
        ("a week at the everest base camp, best trip ever", "en"),
        ("a viagem pras montanhas de minas foi incrivel", "pt-BR"),
        ("o passeio na serra de minas foi lindo demais", "pt-BR"),
    ],
)
def test_a_trip_told_of_is_off_topic(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "out_of_domain"
    assert account(parsed) is None


# -- hunger and the best place to eat: off topic, no restaurant of the book -----------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("I'm starving", "en"),
        ("so hungry rn", "en"),
        ("qual o melhor restaurante japones de sp", "pt-BR"),
        ("qual restaurante arabe vc recomenda em bh", "pt-BR"),
        ("best sushi restaurant in town?", "en"),
    ],
)
def test_hunger_and_where_to_eat_are_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


def test_a_client_restaurant_asked_about_by_name_is_still_its_status():
    parsed = read("como ta o restaurante forno velho?")
    assert parsed.intent == "status"
    assert account(parsed) == "Restaurante Forno Velho"


# -- a day said, taken back and said again: the last one said is the day --------------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        (
            "yesterday... no wait, wednesday... ugh tuesday. visited everest cloud",
            "en",
            "2026-12-08",
        ),
        ("monday, no, tuesday actually, called everest cloud", "en", "2026-12-08"),
        (
            "ontem, nao, quarta... quer dizer terca. visitei a padaria sol de minas",
            "pt-BR",
            "2026-12-08",
        ),
        ("segunda, alias terca, passei na padaria sol de minas", "pt-BR", "2026-12-08"),
    ],
)
def test_the_last_day_said_is_the_day(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.date is not None and parsed.date.isoformat() == day


# -- an amount taken back with a bare number ("40 mil, ops 42"): the unit carries over -------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("liguei pra padaria sol de minas, topa 40 mil, ops 42, manda proposta", "pt-BR", 42000),
        ("falei com a padaria sol de minas, fecha por 30 mil, quer dizer 32", "pt-BR", 32000),
        ("called everest cloud, they agree to 30k, sorry 32, sending the proposal", "en", 32000),
        ("everest cloud call: budget is 50k, I mean 55", "en", 55000),
    ],
)
def test_a_bare_number_taking_an_amount_back_keeps_its_unit(text, locale, value):
    parsed = read(text, locale)
    assert parsed.amount is not None and parsed.amount.value == value


# -- a first-timer asking where to start: help ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("primeira vez usando isso, por onde começo?", "pt-BR"),
        ("acabei de instalar, por onde eu comeco", "pt-BR"),
        ("sou novo aqui, como comeco?", "pt-BR"),
        ("first time here, where do i start?", "en"),
        ("just got access, where should I begin", "en"),
    ],
)
def test_a_first_timer_asking_where_to_start_gets_help(text, locale):
    assert read(text, locale).intent == "help"


# -- what to do with a name several accounts share ("a padaria"): its next step, asked which -


SHARED = NameIndex.of([BookName(4, "Padaria Sol de Minas"), BookName(6, "Padaria Lua Cheia")])
read_shared = reader(SHARED)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o que eu tenho que fazer agora com a padaria", "pt-BR"),
        ("o q eu faco hj com a padaria?", "pt-BR"),
        ("o que tenho pra fazer com a padaria", "pt-BR"),
        ("what do I have to do with the bakery now", "en"),
    ],
)
def test_what_to_do_with_a_shared_name_is_its_next_step(text, locale):
    parsed = read_shared(text, locale)
    assert parsed.intent == "next_step"
    assert account(parsed) == "?"


def test_what_to_do_today_is_still_the_agenda():
    assert read_shared("o que eu tenho que fazer hoje?").intent == "agenda"


# -- a pick taken back in answer to ritmo ("não essa, a outra"): asked back, never off topic -


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("nao essa nao a outra", "pt-BR"),
        ("essa nao, a outra", "pt-BR"),
        ("nao esse, o outro", "pt-BR"),
        ("no not that one, the other one", "en"),
        ("no, the other one", "en"),
    ],
)
def test_a_pick_taken_back_is_asked_back(text, locale):
    assert read(text, locale).intent == "unclear"

"""Round seventeen of understanding: a fair mix of every user (dev17's kinds of miss).

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
        BookName(1, "Vidracaria Cristal Azul"),
        BookName(1, "Vidracaria Cristal Azul", 11, "Heitor Paiva"),
        BookName(2, "Quarry Lane Bakery"),
        BookName(2, "Quarry Lane Bakery", 12, "Tess Monroe"),
        BookName(3, "Moveis Ipe Roxo"),
        BookName(4, "Saltmarsh Labs"),
    ]
)


read = reader(BOOK)


# -- an amount taken back by "não," or an arrow: the one said last is the deal's ----------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("cristal azul: 40 mil nao, 38 mil", "pt-BR", 38000),
        ("ipe roxo 52 mil nao, 50 mil", "pt-BR", 50000),
        ("saltmarsh: 90k → 80k", "en", 80000),
        ("quarry lane 45k -> 40k", "en", 40000),
        ("moveis ipe roxo 30 mil -> 27 mil", "pt-BR", 27000),
    ],
)
def test_an_amount_taken_back_leaves_the_last_one(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None and parsed.amount.value == value


# -- a day told of what was done: set apart before the verb, in last week, or told by another --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("tuesday.. no, wednesday, called saltmarsh", "en", "2026-12-09"),
        ("monday, emailed tess at quarry lane", "en", "2026-12-07"),
        ("terca, liguei pro heitor da cristal azul", "pt-BR", "2026-12-08"),
        ("visitei a cristal azul semana passada, na terca", "pt-BR", "2026-12-01"),
        ("called saltmarsh last week on wednesday", "en", "2026-12-02"),
        ("heitor told me he visited saltmarsh on monday", "en", "2026-12-07"),
        ("a tess falou que visitou a quarry lane na segunda", "pt-BR", "2026-12-07"),
    ],
)
def test_a_day_of_something_done_is_behind(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert str(parsed.date) == day


# -- a call to one's own family: chatter, never a note on the book --------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("liguei pro meu pai, ta tudo bem", "pt-BR"),
        ("liguei pra minha irma hj", "pt-BR"),
        ("falei com a minha vo hoje, ela ta otima", "pt-BR"),
        ("called my dad, all good", "en"),
        ("called my sister this morning", "en"),
        ("talked to my grandma, she says hi", "en"),
    ],
)
def test_a_call_to_family_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


def test_a_call_to_a_clients_person_is_still_a_note():
    parsed = read("liguei pro heitor da cristal azul", "pt-BR")
    assert parsed.intent == "log"
    assert account(parsed) == "Vidracaria Cristal Azul"


# -- a change verb, what changed, then its value: the deal's new amount, not a note --------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("o ipe roxo aumentou o pedido agora e 60 mil", "pt-BR", 60000),
        ("a cristal azul subiu o pedido pra 60 mil", "pt-BR", 60000),
        ("a ipe roxo reduziu a proposta pra quarenta mil", "pt-BR", 40000),
        ("saltmarsh bumped the order to 90k", "en", 90000),
        ("saltmarsh cut the budget to ninety grand", "en", 90000),
    ],
)
def test_a_value_changed_by_its_verb_is_the_deals(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None and parsed.amount.value == value


# -- a new company typed in lower case right after "cadastra": that name, not one of the book


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("cadastra a vidracaria sol nascente", "vidracaria sol nascente"),
        ("cadastra ai padaria estrela do sul", "padaria estrela do sul"),
        ("cadastrar moveis jatoba", "moveis jatoba"),
        ("cadastre a oficina sao jorge", "oficina sao jorge"),
    ],
)
def test_a_new_company_in_lower_case_is_created(text, name):
    parsed = read(text)
    assert parsed.intent == "create_account"
    assert parsed.name == name
    assert account(parsed) is None


def test_a_person_after_cadastra_is_no_company():
    assert read("cadastra o filho do heitor como contato").intent != "create_account"

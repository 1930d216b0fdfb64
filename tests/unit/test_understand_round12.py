"""Round twelve of understanding: what rounds ten and eleven left.

Each group is a kind of miss of the dev parts, met here in other words (as a different person
would say the same thing, pt-BR and English, typos and no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding import parse
from handlers.understanding.intents import correct
from handlers.understanding.mentions import NameIndex
from storage.books import BookName

TODAY = date(2026, 12, 10)
BOOK = NameIndex.of(
    [
        BookName(1, "Vidracaria Cristal Azul"),
        BookName(1, "Vidracaria Cristal Azul", 11, "Osmar Teles"),
        BookName(1, "Vidracaria Cristal Azul", deal_id=21, deal_title="Box de banheiro"),
        BookName(2, "Granja Sol Poente"),
        BookName(2, "Granja Sol Poente", 12, "Irene Brito"),
        BookName(2, "Granja Sol Poente", deal_id=22, deal_title="Balancas de ovos"),
        BookName(3, "Keystone Plumbing"),
        BookName(3, "Keystone Plumbing", 13, "Walt Dunn"),
        BookName(3, "Keystone Plumbing", deal_id=23, deal_title="Fleet tracking"),
        BookName(4, "Orchid Dental Studio"),
        BookName(4, "Orchid Dental Studio", 14, "Maya Lin"),
    ]
)


def read(text: str, locale: str = "pt-BR"):
    return parse(text, TODAY, month_first=locale == "en", mentions=BOOK.mentions(text))


def account(parsed) -> str | None:
    if parsed.mention is None:
        return None
    names = {h.account_name for h in parsed.mention.hits}
    return names.pop() if len(names) == 1 else "?"


# -- the typo pass mends a slip into a word it knows; an everyday word is no slip -----------
# Every word written into an intent cue joins the vocabulary the pass mends towards, so a new
# cue can swallow an ordinary word one letter from it ('chover' became 'cover', 'vendido'
# 'vendid', 'losing' 'closing', 'presentes' 'apresentei'). These words of a day's life must
# come out as typed, whatever cue is added later.

EVERYDAY = """
chover chuva vendido cantar jantar computador presentes presente consertar conserto resfriado
costas passear passeio cachorro cozinhar almocar cerveja futebol feriado aniversario hospital
farmacia academia dentista remedio viagem ferias estrada fazenda vizinho mudanca geladeira
churrasco sobremesa casamento igreja shopping cinema novela torcida campeonato eleicao governo
raining snowing walking cooking baking singing dancing planting mowing raking mother father
brother sister winner losing weather birthday holiday vacation football soccer basketball
traffic parking grocery dinner breakfast coffee doctor dentist pharmacy hospital kitchen
laundry garden complex another nothing something friends family weekend tonight
""".split()


@pytest.mark.parametrize("word", EVERYDAY)
def test_an_everyday_word_is_never_mended_into_a_word_of_a_cue(word):
    assert correct(word) == word


@pytest.mark.parametrize(
    ("slip", "meant"),
    [
        ("pipline", "pipeline"),
        ("atrasdos", "atrasados"),
        ("closign", "closing"),
        ("qualifcacao", "qualificacao"),
    ],
)
def test_a_slip_is_still_mended(slip, meant):
    assert correct(slip) == meant


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("comprei presentes pro natal", "pt-BR"),
        ("comprei uns presentes pra minha mae ontem", "pt-BR"),
        ("bought presentes for the kids lol", "en"),
    ],
)
def test_a_day_of_one_s_life_is_not_logged_for_a_mended_word(text, locale):
    assert read(text, locale).intent == "out_of_domain"

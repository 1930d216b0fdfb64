"""Round twenty-nine of understanding: the kinds of miss left by round 27's survey that recur
across writers (each seen in two or more development parts), in questions, chatter and asks.

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
        BookName(1, "Tarvos Cerâmica"),
        BookName(1, "Tarvos Cerâmica", deal_id=91, deal_title="Pisos"),
        BookName(2, "Brindle Optics"),
        BookName(2, "Brindle Optics", deal_id=92, deal_title="Lens line"),
        BookName(3, "Academia Vida Plena"),
        BookName(4, "Farmácia Rio Claro"),
        BookName(5, "Quendra Logística"),
        BookName(5, "Quendra Logística", deal_id=95, deal_title="Telemetria"),
    ]
)

read = reader(BOOK)


# -- C2: a work word in a life sense, never answered with data (five parts) ----------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("won $20 at bingo last night haha", "en"),
        ("lost $40 on a bet with my bro", "en"),
        ("ganhei R$ 30 na rifa da escola", "pt-BR"),
        ("quem fechou a janela da sala? ta um calor", "pt-BR"),
        ("who shut the door of the big room", "en"),
        ("alguem fechou a porta do escritorio c a chave dentro", "pt-BR"),
    ],
)
def test_a_work_word_in_a_life_sense_is_no_data(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ACTS


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("quem fechou a Tarvos?", "pt-BR", "won"),
        ("closed Brindle for $500", "en", "won"),
    ],
)
def test_a_deal_closed_still_is_one(text: str, locale: str, intent: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == intent and account(parsed) is not None


# -- B: a word of a client's name in a line of one's own day (workout, shopping, a laugh) ---
# read as off-topic, not asked about (six parts: academia, ótica, ...)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("bora malhar na academia dps do expediente", "pt-BR"),
        ("treinei na academia as 6 da manha, morto", "pt-BR"),
        ("comprei remedio na farmacia da esquina", "pt-BR"),
        ("cancelei a academia de novo kkkk", "pt-BR"),
        # found by the fresh batch: a meal in the line made it a note, then asked about
        ("vou malhar na academia depois do almoco rs", "pt-BR"),
    ],
)
def test_a_name_word_in_ones_own_day_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("visitei a academia hj, querem proposta", "pt-BR"),
        ("liguei pra farmacia, querem 20 caixas", "pt-BR"),
    ],
)
def test_a_name_word_in_the_work_still_is_the_client(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "log" and account(parsed) is not None


# -- E/O/D: asked outside ritmo's service, with nothing of the work in it (five parts) -----
# (a favour of one's own, an invitation to the room, a recommendation): off-topic, not
# "unknown" nor asked back


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("bora num barzinho hj depois do trampo?", "pt-BR"),
        ("galera alguem topa futebol quinta", "pt-BR"),
        ("anyone going to the bbq saturday?", "en"),
        ("could you order me an uber", "en"),
        ("recommend me a good series to watch", "en"),
        ("me indica um filme bom", "pt-BR"),
        # D: a skill of the world asked of ritmo
        ("sabe fazer brigadeiro", "pt-BR"),
        ("u know how to bake bread?", "en"),
    ],
)
def test_a_request_outside_the_service_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("vc pode me ajudar?", "pt-BR", "help"),
        ("can you show my pipeline?", "en", "pipeline"),
    ],
)
def test_a_request_of_the_service_still_is_one(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


# -- F4: a fix with nothing before it, an apology first: asked back, never off-topic -------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("sorry typo, meant 31 not 13", "en"),
        ("my bad, actually it was monday", "en"),
        ("desculpa, errei: era 40 nao 14", "pt-BR"),
        ("foi mal, na verdade foi anteontem", "pt-BR"),
    ],
)
def test_an_apology_then_a_fix_of_nothing_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


def test_an_apology_alone_is_no_fix() -> None:
    assert read("sorry, forgot to say hi", "en").intent != "unclear"


# -- O: a favour of one's own asked of ritmo as of a person ("…pra mim", "…for me"), with
# nothing of the work in it: off-topic, not help (two parts)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("vc pode escrever um poema de aniversario pra minha mae pra mim", "pt-BR"),
        ("meu cartao do banco travou, vc consegue olhar pra mim?", "pt-BR"),
        ("could you write a birthday poem for me", "en"),
    ],
)
def test_a_favour_outside_the_service_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [("can you export my deals for me", "en"), ("vc pode fazer isso pra mim?", "pt-BR")],
)
def test_a_favour_of_the_service_or_a_pointer_is_not_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent != "out_of_domain"


# -- I: a deal's title after "status", with no article: the deal's account, not none ------


@pytest.mark.parametrize(
    ("text", "locale"), [("status telemetria", "pt-BR"), ("status telemetria?", "en")]
)
def test_status_of_a_deals_title_finds_its_account(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "status" and account(parsed) == "Quendra Logística"

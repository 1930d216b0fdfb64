"""Round fifteen of understanding: a fair mix of every user (dev15's kinds of miss).

Each group is a kind of miss met here in other words (as another rep would say the same
thing, pt-BR and English, typos and no accents), against a small book of names that appears
nowhere else. Two clients share one lower-case word ('summit', 'vertice'). Today is Thursday
2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Granja Ouro Fino"),
        BookName(1, "Granja Ouro Fino", 11, "Wagner Pires"),
        BookName(1, "Granja Ouro Fino", deal_id=21, deal_title="Silos 2027"),
        BookName(2, "Harbor Lights Inc"),
        BookName(2, "Harbor Lights Inc", 12, "Tessa Quinn"),
        BookName(2, "Harbor Lights Inc", deal_id=22, deal_title="Lantern retrofit"),
        BookName(3, "Summit Bakery"),
        BookName(3, "Summit Bakery", 13, "Dolores Kim"),
        BookName(4, "Summit Freight"),
        BookName(4, "Summit Freight", 14, "Marcus Bell"),
        BookName(5, "Vertice Engenharia"),
        BookName(6, "Vertice Papeis"),
        BookName(7, "Oficina Mecanica Pistao"),
        BookName(7, "Oficina Mecanica Pistao", 17, "Josue Amaral"),
    ]
)


read = reader(BOOK)


# -- 'w/' and 'c/' are 'with' and 'com': the name after them is no new account --------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("meeting w/ harbor went great", "en", "Harbor Lights Inc"),
        ("lunch w/ the ouro fino guys, all good", "en", "Granja Ouro Fino"),
        ("reuniao c/ a ouro fino foi otima", "pt-BR", "Granja Ouro Fino"),
        ("visita c/ pistao hj, tudo certo", "pt-BR", "Oficina Mecanica Pistao"),
    ],
)
def test_with_abbreviated_still_names_the_client(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("log", name)


def test_with_abbreviated_before_a_shared_word_asks_which():
    parsed = read("call w/ summit went fine", "en")
    assert (parsed.intent, account(parsed)) == ("log", "?")


# -- a lower-case word two clients share is asked about, never picked -----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what about summit?", "en"),
        ("e a vertice?", "pt-BR"),
        ("what about vertice??", "en"),
    ],
)
def test_what_about_a_shared_word_alone_is_asked_back_with_both(text, locale):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("unclear", "?")


# -- a request wrapped in 'can you tell me', its question opening with a preposition -----------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent", "name"),
    [
        ("vc consegue me dizer como ta a ouro fino?", "pt-BR", "status", "Granja Ouro Fino"),
        (
            "vc consegue me dizer em q pe ta a pistao?",
            "pt-BR",
            "status",
            "Oficina Mecanica Pistao",
        ),
        ("voce pode me falar em que fase esta a ouro fino", "pt-BR", "status", "Granja Ouro Fino"),
        ("can you tell me in which stage harbor is?", "en", "status", "Harbor Lights Inc"),
        ("can you tell me where harbor stands?", "en", "status", "Harbor Lights Inc"),
        ("voce pode me dizer o que eu tenho amanha?", "pt-BR", "agenda", None),
    ],
)
def test_a_request_wrapped_in_can_you_tell_me_is_the_request(text, locale, intent, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == (intent, name)


def test_asking_how_to_use_the_tool_is_still_help():
    assert read("vc consegue me dizer como eu uso isso?").intent == "help"


# -- a deal's new value said as 'grand' or 'more like' --------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name", "value"),
    [
        ("harbor is more like 60 grand now", "en", "Harbor Lights Inc", 60000),
        ("ouro fino is closer to 35 grand now", "en", "Granja Ouro Fino", 35000),
        ("the lantern retrofit went up to 90 grand", "en", "Harbor Lights Inc", 90000),
        ("a pistao subiu pra uns 40 mil", "pt-BR", "Oficina Mecanica Pistao", 40000),
        ("a pistao agora vale perto de 45 mil", "pt-BR", "Oficina Mecanica Pistao", 45000),
        ("ouro fino ta mais ou menos 28 mil agora", "pt-BR", "Granja Ouro Fino", 28000),
    ],
)
def test_a_deal_s_new_value_said_loosely_is_its_update(text, locale, name, value):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("deal_update", name)
    assert parsed.amount is not None and parsed.amount.value == value


# -- 'almost' won or lost is news of the day, never the outcome (as round two's rule has it) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("we nearly lost ouro fino this week, wagner was upset", "en"),
        ("nearly closed harbor today", "en"),
        ("quase perdemos a pistao hoje, o josue ta bravo", "pt-BR"),
        ("o wagner disse que a ouro fino ta quase fechando", "pt-BR"),
    ],
)
def test_almost_won_or_lost_is_news_not_the_outcome(text, locale):
    assert read(text, locale).intent == "log"


# -- a deal that 'won't happen anymore' is lost ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("ouro fino nao vai mais rolar, o wagner desistiu", "pt-BR", "Granja Ouro Fino"),
        ("a pistao nao rola mais", "pt-BR", "Oficina Mecanica Pistao"),
        ("harbor is not going to happen anymore", "en", "Harbor Lights Inc"),
        ("ouro fino won't happen, budget frozen till 2028", "en", "Granja Ouro Fino"),
    ],
)
def test_a_deal_that_will_not_happen_anymore_is_lost(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("lost", name)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a reuniao com a pistao nao rola mais amanha, remarquei pra sexta", "pt-BR"),
        ("the call w/ tessa won't happen today, moved to monday", "en"),
    ],
)
def test_a_meeting_that_will_not_happen_is_no_lost_deal(text, locale):
    assert read(text, locale).intent != "lost"


# -- 'we got X' with its purchase order is won ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("we got harbor!! tessa sent the PO", "en", "Harbor Lights Inc"),
        ("got ouro fino, PO came in this morning", "en", "Granja Ouro Fino"),
        ("pegamos a pistao, o pedido de compra chegou", "pt-BR", "Oficina Mecanica Pistao"),
    ],
)
def test_we_got_the_client_with_its_order_is_won(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("won", name)


@pytest.mark.parametrize(
    "text",
    [
        "we got a reply from harbor, tessa wants a call",
        "got tessa on the phone, harbor wants a demo",
        "waiting on the PO from harbor",
        "harbor: PO expected next week",
    ],
)
def test_a_reply_or_an_order_still_to_come_is_no_win(text):
    assert read(text, "en").intent != "won"


# -- a possessive without its apostrophe is the person's client -----------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("whats the status of tessas deal", "en", "Harbor Lights Inc"),
        ("how is wagners deal going?", "en", "Granja Ouro Fino"),
    ],
)
def test_a_possessive_without_its_apostrophe_is_the_person(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("status", name)


# -- 'preço' in a sentence of one's own life is no evidence of the work ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "alguem sabe o limite de preco do amigo secreto?",
        "qual o preco do ingresso do show sabado?",
        "whats the price limit for the secret santa?",
    ],
)
def test_a_price_in_ones_own_life_is_off_topic(text):
    locale = "en" if text.startswith("whats") else "pt-BR"
    assert read(text, locale).intent == "out_of_domain"


# -- deals left alone, said as neglect, are the stalled ones --------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("tem algum cliente q eu esqueci de ligar?", "pt-BR"),
        ("quais contas tao largadas?", "pt-BR"),
        ("tenho algum negocio mofando?", "pt-BR"),
        ("anything rotting in my pipe?", "en"),
        ("any deals gathering dust?", "en"),
    ],
)
def test_deals_left_alone_are_the_stalled_ones(text, locale):
    assert read(text, locale).intent == "stalled"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("vi um cachorro abandonado na rua hoje", "pt-BR"),
        ("the bananas in the office kitchen are rotting lol", "en"),
        ("my old laptop is gathering dust", "en"),
    ],
)
def test_neglect_of_ones_own_things_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


# -- the client pushed, said without 'the date', moves the close date -----------------------


@pytest.mark.parametrize(
    ("text", "locale", "name", "day"),
    [
        (
            "a pistao empurrou pra janeiro, dia 12",
            "pt-BR",
            "Oficina Mecanica Pistao",
            "2027-01-12",
        ),
        ("ouro fino adiou pro dia 22", "pt-BR", "Granja Ouro Fino", "2026-12-22"),
        ("a ouro fino jogou pra fevereiro, dia 3", "pt-BR", "Granja Ouro Fino", "2027-02-03"),
    ],
)
def test_the_client_pushed_to_a_day_is_the_close_date(text, locale, name, day):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed), str(parsed.date)) == ("deal_update", name, day)


def test_a_meeting_pushed_is_no_close_date():
    assert read("a pistao empurrou a reuniao pra sexta").intent != "deal_update"


# -- away at a course said with a bare 'em' ('to em treinamento') ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "semana q vem toda to em treinamento, sem visitas",
        "estou em curso a semana que vem inteira",
    ],
)
def test_away_at_a_course_said_with_em(text):
    parsed = read(text)
    assert parsed.intent == "away"


# -- money still to come in is the forecast; one's own pay is not ---------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("quanto ainda deve entrar esse trimestre?", "pt-BR"),
        ("qto vai entrar ate o fim do ano?", "pt-BR"),
        ("how much is coming in by year end?", "en"),
        ("realistically how much will come in this quarter", "en"),
    ],
)
def test_money_still_to_come_in_is_the_forecast(text, locale):
    assert read(text, locale).intent == "forecast"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("quanto vai cair de salario esse mes?", "pt-BR"),
        ("qto vai entrar de 13o?", "pt-BR"),
    ],
)
def test_ones_own_pay_coming_in_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


# -- what was done with a client lately is how it stands ------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("ultimos contatos c a ouro fino", "pt-BR", "Granja Ouro Fino"),
        ("ultimas interacoes com a pistao?", "pt-BR", "Oficina Mecanica Pistao"),
        ("last touches with harbor?", "en", "Harbor Lights Inc"),
        ("last call with summit bakery?", "en", "Summit Bakery"),
    ],
)
def test_what_was_done_lately_with_a_client_is_its_status(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("status", name)


@pytest.mark.parametrize(
    "text",
    ["last activity on ouro fino", "cost of the harbor renewal?", "most of harbor's team is out"],
)
def test_an_everyday_word_one_letter_from_lost_is_no_loss(text):
    assert read(text, "en").intent != "lost"

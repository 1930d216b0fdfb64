"""Round twenty-two of understanding: a fair mix of every user in their own words (dev22's
kinds of miss).

Each group is a kind of miss met there, in other words (another rep typing the same thing:
texting shorthand, no accents, US sales talk), against a small book of names that appears
nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Quillon Ferries"),
        BookName(1, "Quillon Ferries", deal_id=41, deal_title="Ticketing kiosks"),
        BookName(2, "Laticinios Serra Azul"),
        BookName(2, "Laticinios Serra Azul", deal_id=42, deal_title="Camaras frias"),
        BookName(3, "Marwick Dental"),
        BookName(3, "Marwick Dental", deal_id=43, deal_title="Imaging suite"),
        BookName(3, "Marwick Dental", contact_id=51, contact_name="Hugo Tamm"),
        BookName(2, "Laticinios Serra Azul", contact_id=52, contact_name="Celia Prado"),
    ]
)

read = reader(BOOK)


# -- a price said in a negotiation without its "thousand": the buyer's number is the amount -----


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("called the buyer at quillon, they're holding firm at 62 on the kiosks", 62000),
        ("talked to marwick, they came down to 55 after the demo", 55000),
        ("emailed marwick, they say 40 is too steep, thinking 36", 36000),
        ("quillon says they can do 85 if we throw in install", 85000),
        ("met marwick, they're stuck at 47 on the imaging suite", 47000),
    ],
)
def test_a_price_said_short_in_a_negotiation_is_thousands(text, value):
    parsed = read(text, "en")
    assert parsed.intent == "log"
    assert account(parsed) is not None
    assert parsed.amount is not None and parsed.amount.value == value


@pytest.mark.parametrize(
    "text",
    [
        "quillon can do 10am on friday",
        "marwick is thinking 30 days for the pilot",
        "called quillon, they can do 3 sessions next week",
    ],
)
def test_a_time_or_a_count_after_the_same_words_is_no_price(text):
    parsed = read(text, "en")
    assert parsed.amount is None


# -- won and lost in texting shorthand: "c a gnt", the competition, the contract signed --------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("o laticinio fechou c a gnt, 30k", "pt-BR", "won"),
        ("serra azul fechou cmg hj", "pt-BR", "won"),
        ("contrato da serra azul assinado!!", "pt-BR", "won"),
        ("quillon contract signed, 80k", "en", "won"),
        ("a serra azul fechou com a concorrencia", "pt-BR", "lost"),
        ("o laticinio foi pra concorrencia 😞", "pt-BR", "lost"),
        ("marwick went with the competition", "en", "lost"),
    ],
)
def test_won_and_lost_in_shorthand(text, locale, intent):
    parsed = read(text, locale)
    assert parsed.intent == intent
    assert account(parsed) is not None


# -- what is booked on a day, asked: the agenda, not small talk ---------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("tem alguma coisa marcada pra sexta q vem?", "pt-BR", "2026-12-18"),
        ("tenho algo agendado pra segunda?", "pt-BR", "2026-12-14"),
        ("anything booked for next friday?", "en", "2026-12-18"),
        ("anything scheduled for monday?", "en", "2026-12-14"),
        ("do i have anything set for tmrw", "en", "2026-12-11"),
    ],
)
def test_what_is_booked_on_a_day_is_the_agenda(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "agenda"
    assert str(parsed.date) == day


# -- a deal's new number said after its name and a colon, in words -------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("marwick: one hundred forty thousand now", "en", 140000),
        ("quillon: ninety five thousand now", "en", 95000),
        ("serra azul: oitenta mil agora", "pt-BR", 80000),
        ("marwick - 120k now", "en", 120000),
    ],
)
def test_a_new_number_after_a_colon_updates_the_deal(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert account(parsed) is not None
    assert parsed.amount is not None and parsed.amount.value == value


# -- a way to reach a person asked by what to use, or by their name and the channel --------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("q email eu uso pra falar c o pessoal da serra azul", "pt-BR"),
        ("qual numero eu uso pra ligar pro pessoal da serra azul", "pt-BR"),
        ("which email should i use for marwick", "en"),
        ("hugo tamms number?", "en"),
        ("hugo tamm's email?", "en"),
        ("celia prado whatsapp?", "pt-BR"),
    ],
)
def test_how_to_reach_someone_is_a_contact_lookup(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "contact_lookup"
    assert account(parsed) is not None


# -- accounts let go cold, the digest named by its period -----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("quais contas eu to deixando esfriar", "pt-BR", "stalled"),
        ("que clientes eu deixei esfriar?", "pt-BR", "stalled"),
        ("which accounts am i letting go cold", "en", "stalled"),
        ("what deals did i let slide", "en", "stalled"),
        ("quero o resumo diario do time agora", "pt-BR", "digest"),
        ("manda o resumo semanal da equipe", "pt-BR", "digest"),
        ("send me the team's daily recap", "en", "digest"),
    ],
)
def test_neglect_and_the_digest_in_other_words(text, locale, intent):
    assert read(text, locale).intent == intent


# -- a step put off to next week is due when that week begins; "segunda" before a noun is second --


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("push the quillon step to next week", "en", "2026-12-14"),
        ("adia o passo da serra azul pra semana que vem", "pt-BR", "2026-12-14"),
        ("snooze marwick's step till next week", "en", "2026-12-14"),
    ],
)
def test_a_step_put_off_to_next_week_is_due_monday(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "cadence_action"
    assert str(parsed.date) == day


@pytest.mark.parametrize(
    "text",
    [
        "acabei de sair da serra azul, querem uma segunda demo",
        "visitei a serra azul, pediram uma segunda proposta",
        "liguei pra marwick, vai ter uma segunda reuniao com a diretoria",
    ],
)
def test_segunda_before_a_noun_is_an_ordinal_not_monday(text):
    parsed = read(text)
    assert parsed.intent == "log"
    assert parsed.follow_up is None
    assert str(parsed.date) in ("None", "2026-12-10")


# -- a report run on into its reminder with no stop: the reminder is the report's follow-up -------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        (
            "so i just left marwick and the owner said they can do eighty thousand if we include"
            " training remind me to call her back monday",
            "en",
            "2026-12-14",
        ),
        (
            "talked to hugo at marwick and he wants the deck remind me to send it friday",
            "en",
            "2026-12-11",
        ),
        (
            "sai agora da serra azul e a celia falou q fecham ate o natal me lembra de ligar pra"
            " ela segunda",
            "pt-BR",
            "2026-12-14",
        ),
    ],
)
def test_a_run_on_report_keeps_its_reminder_as_follow_up(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and str(parsed.follow_up.due) == day


def test_a_reminder_asked_first_is_still_a_task():
    assert read("remind me to call marwick monday, already sent the deck", "en").intent == "task"


def test_a_call_not_made_then_a_reminder_is_no_report():
    parsed = read("nao liguei pro hugo ainda, me lembra amanha de ligar pra ele")
    assert parsed.intent != "log"


# -- a write or a pointer with nothing to act on: asked back, never written ----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("visitei ontem", "pt-BR"),
        ("liguei hoje", "pt-BR"),
        ("muda o valor", "pt-BR"),
        ("update the amount", "en"),
        ("called today", "en"),
        ("what about the other account", "en"),
        ("aquele cliente q eu te falei", "pt-BR"),
        ("same as the other one", "en"),
    ],
)
def test_a_write_with_nothing_to_write_on_is_asked(text, locale):
    assert read(text, locale).intent == "unclear"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("ganhamos a marwick!!", "pt-BR", "won"),
        ("liguei pro hugo hoje", "pt-BR", "log"),
        ("update the quillon amount to 90k", "en", "deal_update"),
    ],
)
def test_the_same_writes_with_their_account_still_act(text, locale, intent):
    assert read(text, locale).intent == intent
